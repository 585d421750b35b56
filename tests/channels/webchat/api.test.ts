import { describe, expect, it } from "vitest";
import { createChatClient, useTestServices } from "../../helpers.ts";

const services = useTestServices();
let instance: Awaited<ReturnType<typeof services.start>> | undefined;

describe("web chat API over real HTTP and a real SQLite file", () => {
  it("greets a new student live on the event stream and stores both sides", async () => {
    instance = await services.start();
    const client = createChatClient(instance.url);
    const session = await client.start();
    expect(session.status).toBe(201);
    expect(session.json.token).toMatch(/^[A-Za-z0-9_-]{40,}$/);

    const stream = await client.openStream();
    const sent = await client.send({ clientMessageId: "c1", text: "你好" });
    expect(sent.status).toBe(202);
    expect(sent.json.id).toEqual(expect.any(String));

    const live = await stream.waitFor((m) => m.some((x) => x.choices !== undefined));
    expect(live[0]).toMatchObject({ direction: "in", author: "student", text: "你好" });
    const greeting = live.find((m) => m.author === "bot")!;
    expect(greeting.text).toContain("向阳");
    const menu = live.find((m) => m.choices)!;
    expect(menu.choices!.map((c) => c.id)).toEqual(["mood", "study", "mailbox", "human", "about"]);
    stream.close();

    const { messages } = await client.history();
    expect(messages.map((m) => m.id)).toEqual(live.map((m) => m.id));
    expect(messages.map((m) => m.direction)).toEqual(["in", "out", "out"]);
    for (const m of messages) expect(Number.isNaN(Date.parse(m.createdAt))).toBe(false);
  });

  it("stores and answers a repeated clientMessageId once", async () => {
    instance = await services.start();
    const client = createChatClient(instance.url);
    await client.start();
    const first = await client.send({ clientMessageId: "same", text: "你好" });
    const again = await client.send({ clientMessageId: "same", text: "你好" });
    expect(first.status).toBe(202);
    expect(again.status).toBe(200);
    expect(again.json).toEqual({ id: first.json.id, duplicate: true });

    await instance.service.pipeline.idle();
    const { messages } = await client.history();
    expect(messages.filter((m) => m.direction === "in")).toHaveLength(1);
    expect(messages.filter((m) => m.direction === "out")).toHaveLength(2);
  });

  it("takes a choice by id, by its number and by its label typed as text", async () => {
    instance = await services.start();
    const client = createChatClient(instance.url);
    await client.start({ lang: "en" });
    await client.send({ clientMessageId: "1", text: "hello", lang: "en" });
    await instance.service.pipeline.idle();

    await client.send({ clientMessageId: "2", choiceId: "study", lang: "en" });
    await instance.service.pipeline.idle();
    let { messages } = await client.history();
    expect(messages.at(-3)).toMatchObject({ direction: "in", text: "2. Study and exam stress" });
    expect(messages.at(-2)!.text).toContain("25-minute blocks");

    await client.send({ clientMessageId: "3", text: "5", lang: "en" });
    await instance.service.pipeline.idle();
    ({ messages } = await client.history());
    expect(messages.at(-2)!.text).toContain("anonymous");

    await client.send({ clientMessageId: "4", text: "I'm not feeling great", lang: "en" });
    await instance.service.pipeline.idle();
    ({ messages } = await client.history());
    expect(messages.at(-2)!.text).toContain("slow breaths");
  });

  it("keeps the conversation for a returning page: the same token sees its history, another token does not", async () => {
    instance = await services.start();
    const a = createChatClient(instance.url);
    const b = createChatClient(instance.url);
    await a.start();
    await b.start();
    await a.send({ clientMessageId: "x", text: "你好" });
    await instance.service.pipeline.idle();
    expect((await a.history()).messages.length).toBe(3);
    expect((await b.history()).messages).toEqual([]);
  });

  it("asks a student who writes something it does not understand to pick again, keeping the buttons", async () => {
    instance = await services.start();
    const client = createChatClient(instance.url);
    await client.start();
    await client.send({ clientMessageId: "1", text: "你好" });
    await instance.service.pipeline.idle();
    await client.send({ clientMessageId: "2", text: "随便说点什么" });
    await instance.service.pipeline.idle();
    const last = (await client.history()).messages.at(-1)!;
    expect(last.text).toContain("没有看懂");
    expect(last.choices).toHaveLength(5);
  });

  it("opens a session for a school by its code and refuses an unknown code", async () => {
    instance = await services.start();
    const known = await fetch(`${instance.url}/api/chat/sessions`, { method: "POST", body: JSON.stringify({ school: "demo" }) });
    expect(known.status).toBe(201);
    const unknown = await fetch(`${instance.url}/api/chat/sessions`, { method: "POST", body: JSON.stringify({ school: "nope" }) });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: 'unknown school code "nope"' });
  });

  it("serves the chat page, the console page and a health check", async () => {
    instance = await services.start();
    const page = await fetch(`${instance.url}/`);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(await page.text()).toContain("/api/chat/sessions");
    expect((await fetch(`${instance.url}/console`)).status).toBe(200);
    const health = await fetch(`${instance.url}/healthz`);
    expect(await health.text()).toBe("ok");
  });
});

describe("bad input gets a clear 4xx with a message, never a 500", () => {
  const cases: Array<{ name: string; body: string | undefined; status: number; error: RegExp }> = [
    { name: "oversized text", body: JSON.stringify({ clientMessageId: "a", text: "字".repeat(4001) }), status: 413, error: /longer than 4000/ },
    { name: "a huge body", body: JSON.stringify({ clientMessageId: "a", text: "x".repeat(200_000) }), status: 413, error: /too large/ },
    { name: "empty text", body: JSON.stringify({ clientMessageId: "a", text: "   " }), status: 400, error: /text must not be empty/ },
    { name: "text of the wrong type", body: JSON.stringify({ clientMessageId: "a", text: 42 }), status: 400, error: /^text: / },
    { name: "clientMessageId missing", body: JSON.stringify({ text: "hi" }), status: 400, error: /^clientMessageId: / },
    { name: "both text and choiceId", body: JSON.stringify({ clientMessageId: "a", text: "hi", choiceId: "x" }), status: 400, error: /either text or choiceId/ },
    { name: "an unknown field", body: JSON.stringify({ clientMessageId: "a", text: "hi", admin: true }), status: 400, error: /unknown field\(s\): admin/ },
    { name: "malformed JSON", body: '{"clientMessageId": "a", "text": ', status: 400, error: /not valid JSON/ },
    { name: "a JSON array", body: "[]", status: 400, error: /expected object/ },
    { name: "no body", body: undefined, status: 400, error: /not valid JSON/ },
  ];

  it.each(cases)("$name → $status", async ({ body, status, error }) => {
    instance = await services.start();
    const client = createChatClient(instance.url);
    await client.start();
    const res = await fetch(`${instance.url}/api/chat/messages`, {
      method: "POST",
      headers: { authorization: `Bearer ${client.token}`, "content-type": "application/json" },
      ...(body === undefined ? {} : { body }),
    });
    expect(res.status).toBe(status);
    const json = (await res.json()) as { error: string };
    expect(json.error).toMatch(error);
    expect((await client.history()).messages).toEqual([]);
  });

  it("refuses an unknown, missing or malformed session token with 401 on every endpoint", async () => {
    instance = await services.start();
    const bogus = { authorization: "Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" };
    const post = await fetch(`${instance.url}/api/chat/messages`, { method: "POST", headers: bogus, body: JSON.stringify({ clientMessageId: "a", text: "hi" }) });
    expect(post.status).toBe(401);
    expect(((await post.json()) as { error: string }).error).toMatch(/session token/);
    expect((await fetch(`${instance.url}/api/chat/messages`)).status).toBe(401);
    expect((await fetch(`${instance.url}/api/chat/messages`, { headers: { authorization: "Basic abc" } })).status).toBe(401);
    expect((await fetch(`${instance.url}/api/chat/events?token=nope`)).status).toBe(401);
  });

  it("answers unknown API paths with a JSON 404 and a session body with wrong types with 400", async () => {
    instance = await services.start();
    const res = await fetch(`${instance.url}/api/nothing-here`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: "not found" });
    const bad = await fetch(`${instance.url}/api/chat/sessions`, { method: "POST", body: JSON.stringify({ school: 7 }) });
    expect(bad.status).toBe(400);
    expect(instance.logs.text()).not.toContain("request failed");
  });
});
