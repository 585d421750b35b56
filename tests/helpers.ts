/**
 * Test utilities, imported from here only. Tests run real parts: a real SQLite file per test
 * (copied from the migrated template), the real service, a real HTTP server on 127.0.0.1.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import readline from "node:readline";
import { Writable } from "node:stream";
import { afterEach, inject } from "vitest";
import type { ChannelPort, Clock, Delivery, RiskDetector, SendResult } from "../src/engine/ports.ts";
import { startService, type Service } from "../src/main.ts";
import { createInboundFactory } from "./fakes/inbound.ts";
import { testConfig } from "./fakes/testConfig.ts";

export { createInboundFactory, startService, testConfig };

/** Captures the service's log lines in memory, so tests can read what would have been logged. */
export function createLogCapture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split("\n").filter(Boolean));
      done();
    },
  });
  return { stream, lines, text: () => lines.join("\n") };
}

/** A fresh data directory holding a migrated SQLite database. */
export function createDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "xiangyang-test-"));
  fs.copyFileSync(inject("templateDatabase"), path.join(dir, "xiangyang.db"));
  return dir;
}

export type TestInstanceOptions = {
  channels?: ChannelPort[];
  detector?: RiskDetector;
  clock?: Clock;
  env?: Record<string, string>;
  listen?: boolean;
};

/**
 * Starts the service on a data directory (a fresh one unless given), with logs captured.
 * Start a second instance on the same directory to stand for a restart.
 */
export async function startTestService(options: TestInstanceOptions & { dataDir?: string } = {}) {
  const dataDir = options.dataDir ?? createDataDir();
  const logs = createLogCapture();
  const service: Service = await startService({
    config: testConfig(dataDir, options.env),
    logDestination: logs.stream,
    ...(options.channels ? { channels: options.channels } : {}),
    ...(options.detector ? { detector: options.detector } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.listen === false ? { listen: false } : {}),
  });
  return { service, dataDir, logs, url: service.url };
}

/**
 * A push channel standing in for Telegram: records what it was asked to send, and can be told to fail
 * or to hang (a process that dies mid-send never hears back).
 */
export function createTestChannel() {
  const sent: Delivery[] = [];
  let behaviour: "ok" | "hang" | { fail: SendResult } = "ok";
  const waiters: Array<() => void> = [];
  const channel: ChannelPort = {
    name: "test",
    async send(delivery) {
      if (behaviour === "hang") return new Promise<SendResult>(() => undefined);
      if (typeof behaviour === "object") return behaviour.fail;
      sent.push(delivery);
      waiters.splice(0).forEach((w) => w());
      return { kind: "sent" };
    },
  };
  return {
    channel,
    sent,
    setBehaviour(next: typeof behaviour) {
      behaviour = next;
    },
    /** Resolves once at least `count` messages were sent. */
    async waitForSent(count: number, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (sent.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} sent message(s), got ${sent.length}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 50);
        });
      }
      return sent;
    },
  };
}

/** Polls until `check` returns a value other than undefined. */
export async function eventually<T>(check: () => Promise<T | undefined> | T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** A minimal client of the public web chat API, over real HTTP. */
export function createChatClient(baseUrl: string) {
  let token = "";
  const auth = () => ({ authorization: `Bearer ${token}` });
  return {
    get token() {
      return token;
    },
    async start(body: unknown = {}) {
      const res = await fetch(`${baseUrl}/api/chat/sessions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      const json = (await res.json()) as { token: string };
      token = json.token;
      return { status: res.status, json };
    },
    async send(body: Record<string, unknown>) {
      const res = await fetch(`${baseUrl}/api/chat/messages`, { method: "POST", headers: { ...auth(), "content-type": "application/json" }, body: JSON.stringify(body) });
      return { status: res.status, json: (await res.json()) as Record<string, unknown> };
    },
    async history() {
      const res = await fetch(`${baseUrl}/api/chat/messages`, { headers: auth() });
      return (await res.json()) as { messages: PublicMessage[] };
    },
    /** Opens the event stream and collects message events until closed. */
    async openStream() {
      const controller = new AbortController();
      const res = await fetch(`${baseUrl}/api/chat/events?token=${encodeURIComponent(token)}`, { signal: controller.signal });
      const received: PublicMessage[] = [];
      const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      let ready!: () => void;
      const readyPromise = new Promise<void>((r) => (ready = r));
      void (async () => {
        try {
          for (;;) {
            const { value, done } = await reader.read();
            if (done) return;
            buffer += value;
            let end: number;
            while ((end = buffer.indexOf("\n\n")) >= 0) {
              const block = buffer.slice(0, end);
              buffer = buffer.slice(end + 2);
              const event = /^event: (.*)$/m.exec(block)?.[1];
              const data = block
                .split("\n")
                .filter((l) => l.startsWith("data: "))
                .map((l) => l.slice(6))
                .join("\n");
              if (event === "ready") ready();
              if (event === "message") received.push(JSON.parse(data) as PublicMessage);
            }
          }
        } catch {
          // aborted
        }
      })();
      await readyPromise;
      return {
        status: res.status,
        received,
        close: () => controller.abort(),
        async waitFor(predicate: (messages: PublicMessage[]) => boolean, timeoutMs = 10_000) {
          return eventually(() => (predicate(received) ? received : undefined), timeoutMs);
        },
      };
    },
  };
}

export type PublicMessage = {
  id: string;
  direction: "in" | "out";
  author: "student" | "bot" | "staff";
  text: string;
  choices?: Array<{ id: string; label: string }>;
  createdAt: string;
};

/**
 * Runs the service in a child process (tests/fakes/serviceProcess.ts), so a test can kill it with SIGKILL
 * at a chosen moment, as a crash would. The child takes inbound messages as JSON lines on stdin and reports
 * on stdout; `behaviour` decides whether its push channel delivers or hangs, and whether its detector hangs.
 */
export async function spawnServiceProcess(dataDir: string, behaviour: { channel: "ok" | "hang"; detector: "ok" | "hang" }) {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "fakes", "serviceProcess.ts")], {
    env: { ...process.env, TEST_DATA_DIR: dataDir, TEST_CHANNEL: behaviour.channel, TEST_DETECTOR: behaviour.detector },
    stdio: ["pipe", "pipe", "pipe"],
  });
  const reports: Array<Record<string, unknown>> = [];
  readline.createInterface({ input: child.stdout }).on("line", (line) => reports.push(JSON.parse(line) as Record<string, unknown>));
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += String(chunk)));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const waitFor = (key: string, count = 1) =>
    eventually(() => (reports.filter((r) => key in r).length >= count ? reports.filter((r) => key in r) : undefined), 20_000).catch(() => {
      throw new Error(`child never reported ${key}; stderr:\n${stderr}`);
    });
  await waitFor("ready");
  return {
    reports,
    waitFor,
    send(inbound: unknown) {
      child.stdin.write(`${JSON.stringify(inbound)}\n`);
    },
    async kill() {
      child.kill("SIGKILL");
      await exited;
    },
  };
}

/**
 * Starts services for the tests of one file and stops each after its test:
 * `const services = useTestServices(); ... const instance = await services.start();`
 */
export function useTestServices() {
  let running: Array<Awaited<ReturnType<typeof startTestService>>> = [];
  afterEach(async () => {
    const stopping = running;
    running = [];
    for (const instance of stopping) await instance.service.stop();
  });
  return {
    async start(options: Parameters<typeof startTestService>[0] = {}) {
      const instance = await startTestService(options);
      running.push(instance);
      return instance;
    },
  };
}
