import { describe, expect, it } from "vitest";
import { createChatClient, useTestServices } from "../helpers.ts";

const services = useTestServices();
type Instance = Awaited<ReturnType<typeof services.start>>;
let instance: Instance | undefined;

async function chat(inst: Instance) {
  const client = createChatClient(inst.url);
  await client.start();
  let n = 0;
  return {
    client,
    async say(text: string) {
      await client.send({ clientMessageId: `m${++n}`, text });
      await inst.service.pipeline.idle();
      return (await client.history()).messages;
    },
  };
}

describe("the crisis check runs on every message before anything answers it", () => {
  it("answers a suicidal message with hotlines at once, stops the bot and records an escalation", async () => {
    instance = await services.start();
    const { say } = await chat(instance);
    await say("你好");
    const messages = await say("我真的不想活了，今晚就想结束");

    const reply = messages.at(-1)!;
    expect(messages.at(-2)).toMatchObject({ direction: "in", author: "student" });
    expect(reply.author).toBe("bot");
    expect(reply.text).toContain("12356");
    expect(reply.text).toContain("学校社工");
    expect(reply.choices).toBeUndefined(); // no menu in the middle of a crisis

    const conversation = await instance.service.db.conversation.findFirstOrThrow({ where: { channel: "webchat" } });
    expect(conversation).toMatchObject({ mode: "waiting", riskLevel: "imminent" });
    const escalation = await instance.service.db.escalation.findFirstOrThrow();
    expect(escalation).toMatchObject({ level: "imminent", category: "suicide", reason: "detector", status: "open" });
    expect(JSON.parse(escalation.details!)).toEqual(expect.arrayContaining([expect.objectContaining({ rule: "suicide.zh" })]));
  });

  it("keeps the bot quiet while the student waits for a person: one notice, not a reply to every line", async () => {
    instance = await services.start();
    const { say } = await chat(instance);
    await say("i want to kill myself");
    let messages = await say("hello?");
    expect(messages.at(-1)!.text).toContain("学校社工已经收到通知");
    messages = await say("anyone there");
    expect(messages.at(-1)).toMatchObject({ direction: "in", text: "anyone there" });
    expect(await instance.service.db.escalation.count()).toBe(1);
  });

  it("sends the hotlines again when a waiting student writes another crisis message", async () => {
    instance = await services.start();
    const { say } = await chat(instance);
    await say("我想自杀");
    const messages = await say("我已经准备好安眠药了，想自杀");
    expect(messages.at(-1)!.text).toContain("12356");
    const escalations = await instance.service.db.escalation.findMany();
    expect(escalations).toHaveLength(1);
    expect(escalations[0]!.level).toBe("imminent"); // raised, not duplicated
  });

  it("lets a student ask for a person from the menu, which records the request", async () => {
    instance = await services.start();
    const { say } = await chat(instance);
    await say("你好");
    const messages = await say("4");
    expect(messages.at(-1)!.text).toContain("我已经告诉学校社工");
    const escalation = await instance.service.db.escalation.findFirstOrThrow();
    expect(escalation).toMatchObject({ reason: "student_request", level: "low", status: "open" });
  });

  it("still answers when the detector itself fails, and says so in the logs", async () => {
    instance = await services.start({
      detector: {
        detect: () => {
          throw new Error("lexicon file unreadable");
        },
      },
    });
    const { say } = await chat(instance);
    const messages = await say("你好");
    expect(messages.at(-1)!.choices).toHaveLength(5);
    expect(instance.logs.text()).toContain("risk detector failed");
  });
});
