import type { ChannelName } from "../domain/channel.ts";
import { errorSummary } from "./errorSummary.ts";
import type { ChannelPort, Clock, Logger, OutboxStore, SendResult } from "./ports.ts";

export type OutboxDelivererOptions = {
  outbox: OutboxStore;
  channels: ReadonlyMap<ChannelName, ChannelPort>;
  clock: Clock;
  log: Logger;
  /** How often pending items are looked at without a kick (retries, items left by a crash). */
  pollSeconds: number;
  /** After this many failed attempts an item is given up and logged as an error. */
  maxAttempts?: number;
};

export type OutboxDeliverer = {
  /** Delivers what is due now. Concurrent calls share one run. */
  deliverDue(): Promise<void>;
  /** Asks for a delivery run soon (after a commit). */
  kick(): void;
  start(): void;
  stop(): Promise<void>;
};

/**
 * Delivers outbox rows through their channel. A row is marked delivered only after the channel
 * accepted it, so a crash in between delivers it again on the next start (at least once).
 * Within a conversation, rows go out in order: a failed row holds back the later ones.
 */
export function createOutboxDeliverer(options: OutboxDelivererOptions): OutboxDeliverer {
  const log = options.log.child({ module: "outbox" });
  const maxAttempts = options.maxAttempts ?? 20;
  let running: Promise<void> | undefined;
  let again = false;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  async function runOnce(): Promise<void> {
    const due = await options.outbox.listDue(options.clock.now(), 200);
    const blocked = new Set<string>();
    for (const item of due) {
      if (blocked.has(item.conversationId)) continue;
      const channel = options.channels.get(item.channel);
      let result: SendResult;
      if (!item.address) result = { kind: "undeliverable", error: "the stored channel address cannot be opened" };
      else if (!channel) result = { kind: "retry", error: `channel ${item.channel} is not running` };
      else {
        try {
          result = await channel.send({ address: item.address, message: item.message });
        } catch (error) {
          result = { kind: "retry", error: errorSummary(error).message };
        }
      }
      const ids = { outboxId: item.id, conversationId: item.conversationId, channel: item.channel };
      if (result.kind === "sent") {
        await options.outbox.markDelivered(item.id, options.clock.now());
        continue;
      }
      blocked.add(item.conversationId);
      const attempts = item.attempts + 1;
      if (result.kind === "undeliverable" || attempts >= maxAttempts) {
        await options.outbox.markFailed(item.id, result.error);
        log.error({ ...ids, attempts, error: result.error }, "reply could not be delivered; gave up");
        continue;
      }
      const backoffSeconds = result.retryAfterSeconds ?? Math.min(300, 2 ** Math.min(attempts, 8));
      await options.outbox.markRetry(item.id, { error: result.error, nextAttemptAt: new Date(options.clock.now().getTime() + backoffSeconds * 1000) });
      log.warn({ ...ids, attempts, retryInSeconds: backoffSeconds, error: result.error }, "delivery failed; will retry");
    }
  }

  async function deliverDue(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await runOnce();
        } while (again && !stopped);
      } catch (error) {
        log.error({ err: errorSummary(error) }, "outbox run failed; will try again");
      } finally {
        running = undefined;
      }
    })();
    return running;
  }

  return {
    deliverDue,
    kick() {
      if (!stopped) void deliverDue();
    },
    start() {
      stopped = false;
      void deliverDue();
      timer = setInterval(() => void deliverDue(), options.pollSeconds * 1000);
      timer.unref();
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
