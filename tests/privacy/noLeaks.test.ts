import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createChatClient, createInboundFactory, createTestChannel, useTestServices } from "../helpers.ts";

const services = useTestServices();
let instance: Awaited<ReturnType<typeof services.start>> | undefined;

const platformUserId = "tg-user-5550001234";
const platformChatId = "tg-chat-5550001234";
const secretText = "我不想活了 my locker code is 8642";

const inbound = createInboundFactory({ user: platformUserId, chat: platformChatId, address: { chatId: platformChatId } });

describe("privacy", () => {
  it("writes no platform id, no token and no message text to the logs, even at debug level", async () => {
    const channel = createTestChannel();
    instance = await services.start({ channels: [channel.channel] });
    await instance.service.pipeline.accept(inbound("1", "你好"));
    await instance.service.pipeline.accept(inbound("2", secretText));
    await instance.service.pipeline.accept(inbound("2", secretText));
    await instance.service.pipeline.idle();
    await channel.waitForSent(3);

    const client = createChatClient(instance.url);
    await client.start();
    await client.send({ clientMessageId: "w1", text: secretText });
    await instance.service.pipeline.idle();

    const logs = instance.logs.text();
    expect(logs).toContain("risk detected"); // the logs did record the events...
    for (const leak of [platformUserId, platformChatId, "8642", "不想活", "你好", client.token, "向阳"]) {
      expect(logs).not.toContain(leak); // ...but none of what was said or who said it
    }
  });

  it("stores pseudonyms and sealed addresses, never a platform id in the clear", async () => {
    const channel = createTestChannel();
    instance = await services.start({ channels: [channel.channel] });
    await instance.service.pipeline.accept(inbound("1", "你好"));
    await instance.service.pipeline.idle();
    await channel.waitForSent(2);

    const student = await instance.service.db.student.findFirstOrThrow({ where: { channel: "test" } });
    expect(student.pseudonym).toMatch(/^[0-9a-f]{64}$/);
    expect(student.alias).toMatch(/^同学-\d{4}$/);
    const conversation = await instance.service.db.conversation.findFirstOrThrow({ where: { channel: "test" } });
    expect(conversation.addressSealed).toMatch(/^v1\./);
    await instance.service.stop();

    // Look at the raw database file, not through the client: no trace of the ids anywhere.
    const bytes = fs.readFileSync(path.join(instance.dataDir, "xiangyang.db"));
    expect(bytes.includes(Buffer.from(platformUserId))).toBe(false);
    expect(bytes.includes(Buffer.from(platformChatId))).toBe(false);
    expect(bytes.includes(Buffer.from("5550001234"))).toBe(false);
  });

  it("knows a returning student by the same pseudonym and conversation", async () => {
    const channel = createTestChannel();
    instance = await services.start({ channels: [channel.channel] });
    await instance.service.pipeline.accept(inbound("1", "你好"));
    await instance.service.pipeline.accept(inbound("2", "1"));
    await instance.service.pipeline.idle();
    expect(await instance.service.db.student.count({ where: { channel: "test" } })).toBe(1);
    expect(await instance.service.db.conversation.count({ where: { channel: "test" } })).toBe(1);
  });

  it("stores web chat tokens only as hashes", async () => {
    instance = await services.start();
    const client = createChatClient(instance.url);
    await client.start();
    const session = await instance.service.db.webChatSession.findFirstOrThrow();
    expect(session.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(session.tokenHash).not.toContain(client.token);
  });
});
