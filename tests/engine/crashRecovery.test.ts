import { describe, expect, it } from "vitest";
import type { InboundMessage } from "../../src/domain/message.ts";
import { createDataDir, createInboundFactory, createTestChannel, spawnServiceProcess, useTestServices } from "../helpers.ts";

const services = useTestServices();
let instance: Awaited<ReturnType<typeof services.start>> | undefined;

const inbound = createInboundFactory({ user: "tg-user-90417", chat: "tg-chat-90417", address: { chatId: 90417 } });

/** Runs an instance in a child process that stores the message, then dies (SIGKILL) before answering it. */
async function crashAfterStoring(message: InboundMessage): Promise<string> {
  const dataDir = createDataDir();
  const first = await spawnServiceProcess(dataDir, { channel: "ok", detector: "hang" });
  first.send(message);
  await first.waitFor("accepted");
  await first.kill();
  return dataDir;
}

describe("nothing is lost to a crash", () => {
  it("delivers after a restart the replies a crash left in the outbox", async () => {
    const dataDir = createDataDir();
    const first = await spawnServiceProcess(dataDir, { channel: "hang", detector: "ok" });
    first.send(inbound("m1", "你好"));
    // The replies are committed and the channel has started sending the first one when the process dies.
    await first.waitFor("committed");
    await first.waitFor("sending");
    await first.kill();

    const channel = createTestChannel();
    instance = await services.start({ dataDir, channels: [channel.channel] });
    const sent = await channel.waitForSent(2);
    expect(sent.map((d) => d.message.author)).toEqual(["bot", "bot"]);
    expect(sent[0]!.message.text).toContain("向阳");
    expect(sent[1]!.message.choices?.length).toBe(5);
    // The address survived the restart sealed in the database.
    expect(sent[0]!.address).toEqual({ chatId: 90417 });

    const pending = await instance.service.db.outboxItem.count({ where: { status: "pending" } });
    expect(pending).toBe(0);
  });

  it("answers a message that was stored but never answered when the platform redelivers it", async () => {
    const dataDir = await crashAfterStoring(inbound("m1", "你好"));

    const channel = createTestChannel();
    instance = await services.start({ dataDir, channels: [channel.channel] });
    const again = await instance.service.pipeline.accept(inbound("m1", "你好"));
    expect(again).toMatchObject({ kind: "duplicate" });
    await instance.service.pipeline.idle();
    await instance.service.deliverer.deliverDue();

    // Answered once: the greeting and the menu, not twice over (the start-up sweep found it too).
    expect(channel.sent).toHaveLength(2);
    expect(await instance.service.db.message.count({ where: { direction: "in" } })).toBe(1);
  });

  it("answers an unanswered message on start even if the platform never redelivers it", async () => {
    const dataDir = await crashAfterStoring(inbound("m1", "你好"));

    const channel = createTestChannel();
    instance = await services.start({ dataDir, channels: [channel.channel] });
    const sent = await channel.waitForSent(2);
    expect(sent[0]!.message.text).toContain("向阳");
    expect(instance.logs.text()).toContain("picking up messages left unanswered");
  });

  it("does not answer a redelivered message twice once it was answered", async () => {
    const channel = createTestChannel();
    instance = await services.start({ channels: [channel.channel] });
    await instance.service.pipeline.accept(inbound("m1", "你好"));
    await instance.service.pipeline.idle();
    await channel.waitForSent(2);

    const again = await instance.service.pipeline.accept(inbound("m1", "你好"));
    expect(again).toMatchObject({ kind: "duplicate", answered: true });
    await instance.service.pipeline.idle();
    await instance.service.deliverer.deliverDue();
    expect(channel.sent).toHaveLength(2);
  });

  it("retries a failed delivery and keeps a conversation's replies in order", async () => {
    const channel = createTestChannel();
    channel.setBehaviour({ fail: { kind: "retry", error: "HTTP 502 from the platform", retryAfterSeconds: 0.2 } });
    instance = await services.start({ channels: [channel.channel] });
    await instance.service.pipeline.accept(inbound("m1", "你好"));
    await instance.service.pipeline.idle();
    await instance.service.deliverer.deliverDue();
    expect(channel.sent).toHaveLength(0);
    const item = await instance.service.db.outboxItem.findFirstOrThrow({ orderBy: { createdAt: "asc" } });
    expect(item).toMatchObject({ status: "pending", attempts: 1, lastError: "HTTP 502 from the platform" });

    channel.setBehaviour("ok");
    await new Promise((r) => setTimeout(r, 250));
    await instance.service.deliverer.deliverDue();
    expect(channel.sent.map((d) => d.message.choices === undefined)).toEqual([true, false]);
  });

  it("stops retrying a chat the platform says is gone, and logs it for someone to act on", async () => {
    const channel = createTestChannel();
    channel.setBehaviour({ fail: { kind: "undeliverable", error: "Forbidden: bot was blocked by the user" } });
    instance = await services.start({ channels: [channel.channel] });
    await instance.service.pipeline.accept(inbound("m1", "你好"));
    await instance.service.pipeline.idle();
    await instance.service.deliverer.deliverDue();
    await instance.service.deliverer.deliverDue();
    const items = await instance.service.db.outboxItem.findMany({ orderBy: { createdAt: "asc" } });
    expect(items).toHaveLength(2);
    for (const item of items) expect(item).toMatchObject({ status: "failed", attempts: 1, lastError: "Forbidden: bot was blocked by the user" });
    expect(instance.logs.text()).toContain("reply could not be delivered; gave up");
  });
});
