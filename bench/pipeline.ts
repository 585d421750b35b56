// Measures the message pipeline end to end on the embedded defaults: a real SQLite file, the real stores,
// the baseline detector and the welcome flow, with the push test channel standing in for a platform.
// Run: npx tsx bench/pipeline.ts [students] [messagesPerStudent]
// Prints figures; asserts nothing.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import type { InboundMessage } from "../src/domain/message.ts";
import type { ChannelPort } from "../src/engine/ports.ts";
import { startService } from "../src/main.ts";
import { testConfig } from "../tests/fakes/testConfig.ts";

const students = Number(process.argv[2] ?? 50);
const perStudent = Number(process.argv[3] ?? 6);

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "xiangyang-bench-"));
const migrate = spawnSync(path.join("node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
  env: { ...process.env, DATABASE_URL: `file:${path.join(dataDir, "xiangyang.db")}` },
  encoding: "utf8",
});
if (migrate.status !== 0) throw new Error(migrate.stderr);

let delivered = 0;
const channel: ChannelPort = { name: "test", send: async () => ((delivered += 1), { kind: "sent" }) };
const service = await startService({
  config: testConfig(dataDir, { LOG_LEVEL: "warn" }),
  channels: [channel],
  logDestination: new Writable({ write: (_c, _e, done) => done() }),
  listen: false,
});

const texts = ["你好", "2", "菜单", "1", "考试好焦虑，睡不着", "5"];
const acceptTimes: number[] = [];
const started = performance.now();
await Promise.all(
  Array.from({ length: students }, async (_, s) => {
    for (let m = 0; m < perStudent; m++) {
      const inbound: InboundMessage = {
        channel: "test",
        platformUserId: `bench-user-${s}` as InboundMessage["platformUserId"],
        platformChatId: `bench-chat-${s}`,
        channelMessageId: String(m),
        address: { chatId: s },
        content: { kind: "text", text: texts[m % texts.length]! },
      };
      const t = performance.now();
      await service.pipeline.accept(inbound);
      acceptTimes.push(performance.now() - t);
    }
  }),
);
await service.pipeline.idle();
await service.deliverer.deliverDue();
const elapsed = (performance.now() - started) / 1000;
await service.stop();
fs.rmSync(dataDir, { recursive: true, force: true });

acceptTimes.sort((a, b) => a - b);
const pct = (p: number) => acceptTimes[Math.min(acceptTimes.length - 1, Math.floor((p / 100) * acceptTimes.length))]!.toFixed(1);
const total = students * perStudent;
console.log(`messages: ${total} from ${students} students; replies delivered: ${delivered}`);
console.log(`end to end (stored, checked, answered, delivered): ${elapsed.toFixed(2)} s, ${(total / elapsed).toFixed(0)} messages/s`);
console.log(`accept (until stored) ms: p50 ${pct(50)}, p95 ${pct(95)}, p99 ${pct(99)}, max ${pct(100)}`);
