import type { Config } from "../config/load.ts";
import { startService } from "../main.ts";

/** Runs the service until SIGINT/SIGTERM, then stops cleanly. Prints what a newcomer needs on stdout. */
export async function runServe(config: Config): Promise<number> {
  const service = await startService({ config });
  const lines = [
    "",
    "向阳 Xiangyang is running.",
    `  Web chat (students):  ${service.url}/`,
    `  Staff console:        ${service.url}/console`,
    `  Health:               ${service.url}/healthz`,
  ];
  if (service.seed.admin.generatedPassword) {
    lines.push(
      "",
      `  Admin account created: ${service.seed.admin.username} / ${service.seed.admin.generatedPassword}`,
      "  This password is shown once and not stored in the clear: write it down, or set ADMIN_PASSWORD to reset it.",
    );
  }
  if (service.secretsCreated) lines.push("", `  Secrets were generated into ${config.dataDir}/secrets.json: back this file up with the database.`);
  process.stdout.write(`${lines.join("\n")}\n\n`);

  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  await service.stop();
  return 0;
}
