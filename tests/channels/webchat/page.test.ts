import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestServices } from "../../helpers.ts";

// A real browser on the real page: Debian's Chromium, installed by scripts/ensure-chromium.sh (npm test runs it).
let browser: Browser;
beforeAll(async () => {
  const executablePath = execFileSync("bash", [path.join(import.meta.dirname, "../../../scripts/ensure-chromium.sh")], { encoding: "utf8" }).trim();
  browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});
afterAll(async () => {
  await browser?.close();
});

const services = useTestServices();
let instance: Awaited<ReturnType<typeof services.start>> | undefined;

async function openChat(url: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 375, height: 740 }, locale: "zh-CN" });
  const page = await context.newPage();
  await page.goto(url);
  await page.getByTestId("input").waitFor();
  return page;
}

async function say(page: Page, text: string) {
  await page.getByTestId("input").fill(text);
  await page.getByTestId("input").press("Enter");
}

const botMessages = (page: Page) => page.locator('[data-testid="message"][data-author="bot"]');

describe("the web chat page in a browser", () => {
  it("lets a student chat with no login: greeting, buttons, an answer, and the conversation kept across a reload", async () => {
    instance = await services.start();
    const page = await openChat(`${instance.url}/`);
    expect(await page.getByTestId("hint").isVisible()).toBe(true);

    await say(page, "你好");
    await page.getByTestId("choice").first().waitFor();
    expect(await page.getByTestId("choice").count()).toBe(5);
    expect(await botMessages(page).first().innerText()).toContain("向阳");

    await page.getByTestId("choice").filter({ hasText: "学习和考试压力" }).click();
    await page.locator('[data-testid="message"][data-author="bot"]', { hasText: "25 分钟" }).waitFor();
    await page.screenshot({ path: screenshotPath("webchat-zh.png") });

    await page.reload();
    await page.locator('[data-testid="message"][data-author="bot"]', { hasText: "25 分钟" }).waitFor();
    const student = page.locator('[data-testid="message"][data-author="student"]');
    expect(await student.allInnerTexts()).toEqual(expect.arrayContaining([expect.stringContaining("你好")]));
    // Each stored message shows once, however it arrived (history, stream, the page's own pending copy).
    const ids = await page.locator('[data-testid="message"][data-id]').evaluateAll((els) => els.map((e) => e.getAttribute("data-id")));
    expect(new Set(ids).size).toBe(ids.length);
    await page.context().close();
  });

  it("switches to English, and the bot answers in English", async () => {
    instance = await services.start();
    const page = await openChat(`${instance.url}/`);
    await page.getByTestId("lang").click();
    await page.waitForSelector("html[lang=en]", { state: "attached" });
    await say(page, "hello");
    await page.locator('[data-testid="message"][data-author="bot"]', { hasText: "Xiangyang" }).first().waitFor();
    await page.screenshot({ path: screenshotPath("webchat-en.png") });
    await page.context().close();
  });

  it("shows the hotlines at once when a student writes about ending their life", async () => {
    instance = await services.start();
    const page = await openChat(`${instance.url}/?school=demo`);
    await say(page, "我不想活了");
    await page.locator('[data-testid="message"][data-author="bot"]', { hasText: "12356" }).waitFor();
    expect(await page.getByTestId("choice").count()).toBe(0);
    await page.context().close();
  });
});

function screenshotPath(name: string): string {
  const dir = path.join(import.meta.dirname, "../../../.tmp/screenshots");
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, name);
}
