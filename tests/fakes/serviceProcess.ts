// A service instance in its own process, for crash tests (see spawnServiceProcess in tests/helpers.ts).
// stdin: one inbound message (JSON) per line. stdout: one report (JSON) per line.
import readline from "node:readline";
import type { ChannelPort, RiskDetector } from "../../src/engine/ports.ts";
import { startService } from "../../src/main.ts";
import { createLogCaptureToStderr } from "./stderrLog.ts";
import { testConfig } from "./testConfig.ts";

const report = (value: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(value)}\n`);

const channel: ChannelPort = {
  name: "test",
  async send(delivery) {
    if (process.env.TEST_CHANNEL === "hang") {
      report({ sending: delivery.message.id });
      return new Promise(() => undefined);
    }
    report({ sent: delivery.message.id });
    return { kind: "sent" };
  },
};
const hangingDetector: RiskDetector = { detect: () => new Promise(() => undefined) };

const service = await startService({
  config: testConfig(process.env.TEST_DATA_DIR!),
  channels: [channel],
  ...(process.env.TEST_DETECTOR === "hang" ? { detector: hangingDetector } : {}),
  logDestination: createLogCaptureToStderr(),
  listen: false,
});
report({ ready: true });

for await (const line of readline.createInterface({ input: process.stdin })) {
  const result = await service.pipeline.accept(JSON.parse(line));
  report({ accepted: result });
  if (process.env.TEST_DETECTOR !== "hang") {
    await service.pipeline.idle();
    report({ committed: result.messageId });
  }
}
