import { createHash, randomBytes } from "node:crypto";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { streamSSE } from "hono/streaming";
import { MAX_MESSAGE_LENGTH, type StoredMessage } from "../../domain/message.ts";
import { platformUserIdSchema } from "../../domain/ids.ts";
import type { MessageEvents } from "../../engine/events.ts";
import type { Pipeline } from "../../engine/pipeline.ts";
import type { Logger, PrivacyPort, SchoolStore, StudentStore } from "../../engine/ports.ts";
import { jsonError, readJsonBody } from "../../http/json.ts";
import { createSessionBodySchema, postMessageBodySchema, type PublicMessage } from "./schema.ts";
import type { WebChatSession, WebChatSessionStore } from "./sessionStore.ts";

export type WebChatRoutesOptions = {
  pipeline: Pipeline;
  sessions: WebChatSessionStore;
  schools: SchoolStore;
  students: StudentStore;
  privacy: PrivacyPort;
  events: MessageEvents;
  log: Logger;
  /** Seconds between keep-alive comments on the event stream (proxies drop idle connections). */
  keepAliveSeconds?: number;
};

const HISTORY_LIMIT = 500;

/**
 * The public web chat API (documented in README.md). Anonymous: a session is an opaque bearer token,
 * stored only as its SHA-256; the student behind it is known by the pseudonym of the session id.
 */
export function createWebChatRoutes(options: WebChatRoutesOptions): Hono {
  const { pipeline, sessions, privacy, events } = options;
  const log = options.log.child({ module: "webchat" });
  const app = new Hono();
  // Far above 4,000 characters of any script in JSON, far below anything that could hurt the server.
  app.use("/api/chat/*", bodyLimit({ maxSize: 64 * 1024, onError: (c) => jsonError(c, 413, "request body is too large") }));

  app.post("/api/chat/sessions", async (c) => {
    const body = await readJsonBody(c, createSessionBodySchema, { emptyAs: {} });
    if (!body.ok) return body.response;
    const school = body.value.school ? await options.schools.findByCode(body.value.school) : await options.schools.getDefault();
    if (!school) return jsonError(c, 404, `unknown school code "${body.value.school}"`);
    const token = randomBytes(32).toString("base64url");
    const session = await sessions.create({ tokenHash: hashToken(token), schoolId: school.id });
    await options.students.resolve({ pseudonym: privacy.pseudonymFor("webchat", session.id), channel: "webchat", schoolId: school.id });
    log.info({ sessionId: session.id, school: school.code }, "web chat session created");
    return c.json({ token }, 201);
  });

  app.post("/api/chat/messages", async (c) => {
    const session = await authenticate(c.req.header("authorization"));
    if (!session) return jsonError(c, 401, "unknown or missing session token; create a session with POST /api/chat/sessions");
    const body = await readJsonBody(c, postMessageBodySchema);
    if (!body.ok) return body.response;
    const { clientMessageId, text, choiceId, lang } = body.value;
    if (text !== undefined && text.length > MAX_MESSAGE_LENGTH) {
      return jsonError(c, 413, `text is longer than ${MAX_MESSAGE_LENGTH} characters`);
    }
    if (text !== undefined && text.trim() === "") return jsonError(c, 400, "text must not be empty");
    const result = await pipeline.accept({
      channel: "webchat",
      platformUserId: platformUserIdSchema.parse(session.id),
      platformChatId: session.id,
      channelMessageId: clientMessageId,
      address: { sessionId: session.id },
      schoolCode: session.schoolCode,
      ...(lang ? { locale: lang } : {}),
      content: text !== undefined ? { kind: "text", text: text.trim() } : { kind: "choice", choiceId: choiceId! },
    });
    if (result.kind === "duplicate") return c.json({ id: result.messageId, duplicate: true }, 200);
    return c.json({ id: result.messageId }, 202);
  });

  app.get("/api/chat/messages", async (c) => {
    const session = await authenticate(c.req.header("authorization"));
    if (!session) return jsonError(c, 401, "unknown or missing session token; create a session with POST /api/chat/sessions");
    const messages = await sessions.listMessages(privacy.pseudonymFor("webchat", session.id), HISTORY_LIMIT);
    return c.json({ messages: messages.map(toPublicMessage) });
  });

  // EventSource cannot send headers, so the token comes in the query string here (and only here).
  app.get("/api/chat/events", async (c) => {
    const token = c.req.query("token");
    const session = token ? await sessions.findByTokenHash(hashToken(token)) : undefined;
    if (!session) return jsonError(c, 401, "unknown or missing session token");
    const student = await options.students.resolve({
      pseudonym: privacy.pseudonymFor("webchat", session.id),
      channel: "webchat",
      schoolId: session.schoolId,
    });
    return streamSSE(c, async (stream) => {
      const queue: StoredMessage[] = [];
      let wake: (() => void) | undefined;
      const unsubscribe = events.subscribe((event) => {
        if (event.studentId !== student.id) return;
        queue.push(event.message);
        wake?.();
      });
      let closed = false;
      stream.onAbort(() => {
        closed = true;
        unsubscribe();
        wake?.();
      });
      await stream.writeSSE({ event: "ready", data: "{}" });
      const keepAliveMs = (options.keepAliveSeconds ?? 15) * 1000;
      while (!closed) {
        const message = queue.shift();
        if (message) {
          await stream.writeSSE({ event: "message", id: message.id, data: JSON.stringify(toPublicMessage(message)) });
          continue;
        }
        const timedOut = await new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => resolve(true), keepAliveMs);
          wake = () => {
            clearTimeout(timer);
            resolve(false);
          };
        });
        wake = undefined;
        if (timedOut && !closed) await stream.write(": keep-alive\n\n");
      }
      unsubscribe();
    });
  });

  async function authenticate(header: string | undefined): Promise<WebChatSession | undefined> {
    const match = header ? /^Bearer\s+([A-Za-z0-9_-]{20,200})$/i.exec(header.trim()) : null;
    if (!match) return undefined;
    return sessions.findByTokenHash(hashToken(match[1]!));
  }

  return app;
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function toPublicMessage(message: StoredMessage): PublicMessage {
  return {
    id: message.id,
    direction: message.direction,
    author: message.author,
    text: message.text,
    ...(message.choices ? { choices: message.choices } : {}),
    createdAt: message.createdAt.toISOString(),
  };
}

