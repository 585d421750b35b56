/**
 * The composition root: the only file that creates infrastructure (database client, channels, HTTP server)
 * and chooses implementations for the engine's ports. You edit it when you add a channel or swap a store;
 * the parts themselves live in their folders.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { serve, type ServerType } from "@hono/node-server";
import type { Hono } from "hono";
import type { DestinationStream } from "pino";
import { createWebChatChannel } from "./channels/webchat/adapter.ts";
import { createWebChatRoutes } from "./channels/webchat/routes.ts";
import type { Config } from "./config/load.ts";
import type { ChannelName } from "./domain/channel.ts";
import { createOutboxDeliverer, type OutboxDeliverer } from "./engine/deliver.ts";
import { createMessageEvents, type MessageEvents } from "./engine/events.ts";
import { createPipeline, type Pipeline } from "./engine/pipeline.ts";
import { systemClock, type ChannelPort, type Clock, type Logger, type RiskDetector } from "./engine/ports.ts";
import { FlowLoadError, loadFlowDirectory } from "./flows/load.ts";
import { createHttpApp } from "./http/app.ts";
import { createLogger } from "./log.ts";
import { createPseudonymizer } from "./privacy/pseudonymizer.ts";
import { createSealer } from "./privacy/sealer.ts";
import { loadOrCreateSecrets } from "./privacy/secrets.ts";
import { createBaselineDetector } from "./safety/baselineDetector.ts";
import { createConversationStore } from "./store/conversations.ts";
import { createDb, type Db } from "./store/db.ts";
import { checkSecretsMatchDatabase, seedInstallation, type SeedResult } from "./store/installation.ts";
import { createMonotonicTime } from "./store/monotonicClock.ts";
import { createOutboxStore } from "./store/outbox.ts";
import { createSchoolStore } from "./store/schools.ts";
import { createStudentStore } from "./store/students.ts";
import { createWebChatSessionStore } from "./store/webchatSessions.ts";

/** The flow every new conversation starts with. */
const ENTRY_FLOW_ID = "welcome";

/** How often messages left unanswered by a failure are picked up again. */
const UNANSWERED_SWEEP_MS = 60_000;

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export type ServiceOptions = {
  config: Config;
  /** Extra channels (tests plug a push channel in here; the [channels] work adds Telegram and WeChat). */
  channels?: ChannelPort[];
  detector?: RiskDetector;
  clock?: Clock;
  logDestination?: DestinationStream;
  flowsDir?: string;
  /** false: build everything but do not listen (tests that only drive the pipeline). */
  listen?: boolean;
};

export type Service = {
  url: string;
  db: Db;
  app: Hono;
  pipeline: Pipeline;
  deliverer: OutboxDeliverer;
  events: MessageEvents;
  log: Logger;
  seed: SeedResult;
  secretsCreated: boolean;
  stop(): Promise<void>;
};

/** Builds and starts the service from a parsed configuration. The database must be migrated (npm start does it). */
export async function startService(options: ServiceOptions): Promise<Service> {
  const { config } = options;
  const log = createLogger({ level: config.log.level, ...(options.logDestination ? { destination: options.logDestination } : {}) });
  const clock = options.clock ?? systemClock;

  const { secrets, created: secretsCreated } = loadOrCreateSecrets({ dataDir: config.dataDir, fromEnv: config.crypto });
  const flowsDir = options.flowsDir ?? path.join(projectRoot, "flows");
  const flows = loadFlowDirectory(flowsDir);
  if (!flows.has(ENTRY_FLOW_ID)) {
    throw new FlowLoadError([{ file: flowsDir, line: 1, nodeId: undefined, message: `no flow has id "${ENTRY_FLOW_ID}": students would get no greeting` }]);
  }
  const db = createDb(config.database.url);
  let stopped = false;
  try {
    await checkSecretsMatchDatabase(db, secrets);
    const seed = await seedInstallation(db, config.seed);

    const sealer = createSealer(secrets.encryptionKey);
    const privacy = createPseudonymizer(secrets.pseudonymSecret);
    const timestamp = createMonotonicTime(() => clock.now());
    const schools = createSchoolStore(db, config.seed.schoolCode);
    const students = createStudentStore(db);
    const conversations = createConversationStore({ db, sealer, timestamp });
    const events = createMessageEvents();

    const channelList = [createWebChatChannel(), ...(options.channels ?? [])];
    const channels = new Map<ChannelName, ChannelPort>(channelList.map((c) => [c.name, c]));
    if (channels.size !== channelList.length) throw new Error("a channel is installed twice");

    const deliverer = createOutboxDeliverer({ outbox: createOutboxStore(db, sealer), channels, clock, log, pollSeconds: config.outbox.retrySeconds });
    const pipeline = createPipeline({
      schools,
      students,
      conversations,
      privacy,
      detector: options.detector ?? createBaselineDetector(),
      flows: { flows, entryFlowId: ENTRY_FLOW_ID },
      events,
      clock,
      log,
      onRepliesCommitted: () => deliverer.kick(),
    });

    const app = createHttpApp({
      log,
      checkHealth: async () => {
        await db.$queryRawUnsafe("SELECT 1");
        return true;
      },
      webChatPage: fs.readFileSync(path.join(projectRoot, "src/channels/webchat/page.html"), "utf8"),
      consolePage: fs.readFileSync(path.join(projectRoot, "src/console/ui/placeholder.html"), "utf8"),
      routes: [createWebChatRoutes({ pipeline, sessions: createWebChatSessionStore(db), schools, students, privacy, events, log })],
    });

    // Work a crash left behind: replies never delivered, messages never answered.
    deliverer.start();
    await pipeline.recoverUnanswered();
    // And keep looking: a message whose processing failed (say, the database was briefly locked) is tried again.
    const sweep = setInterval(
      () => void pipeline.recoverUnanswered({ olderThanMs: UNANSWERED_SWEEP_MS / 2 }).catch(() => undefined),
      UNANSWERED_SWEEP_MS,
    );
    sweep.unref();

    let server: ServerType | undefined;
    let url = config.server.publicUrl;
    if (options.listen !== false) {
      const listening = await listen(app, config.server.host, config.server.port);
      server = listening.server;
      url = `http://${config.server.host.includes(":") ? `[${config.server.host}]` : config.server.host}:${listening.port}`;
    }
    log.info({ url, flows: flows.size, channels: [...channels.keys()] }, "service started");

    return {
      url,
      db,
      app,
      pipeline,
      deliverer,
      events,
      log,
      seed,
      secretsCreated,
      async stop() {
        if (stopped) return;
        stopped = true;
        clearInterval(sweep);
        if (server) {
          const s = server;
          await new Promise<void>((resolve) => {
            s.close(() => resolve());
            (s as { closeAllConnections?: () => void }).closeAllConnections?.();
          });
        }
        await pipeline.idle();
        await deliverer.stop();
        await db.$disconnect();
        log.info({}, "service stopped");
      },
    };
  } catch (error) {
    if (!stopped) await db.$disconnect().catch(() => undefined);
    throw error;
  }
}

function listen(app: Hono, hostname: string, port: number): Promise<{ server: ServerType; port: number }> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname, port }, (info) => resolve({ server, port: info.port }));
    server.once("error", reject);
  });
}
