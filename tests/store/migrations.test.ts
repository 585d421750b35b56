import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createDataDir } from "../helpers.ts";

/** Runs `prisma db push` until it has said whether the database matches; with the JS engine it may not exit by itself. */
function pushUntilVerdict(databaseFile: string): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn(path.join("node_modules", ".bin", "prisma"), ["db", "push", "--skip-generate"], {
      env: { ...process.env, DATABASE_URL: `file:${databaseFile}`, CHECKPOINT_DISABLE: "1", PRISMA_HIDE_UPDATE_MESSAGE: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const finish = () => {
      child.kill("SIGKILL");
      resolve(output);
    };
    const timer = setTimeout(finish, 25_000);
    const collect = (chunk: Buffer) => {
      output += String(chunk);
      if (/already in sync|Your database is now in sync|Error|data loss/i.test(output)) {
        clearTimeout(timer);
        setTimeout(finish, 100);
      }
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(output);
    });
  });
}

describe("committed migrations", () => {
  it("build exactly the database prisma/schema.prisma describes (no drift, nothing missing)", async () => {
    // The template database was built by `prisma migrate deploy` from prisma/migrations; `db push` compares it to the schema.
    const output = await pushUntilVerdict(path.join(createDataDir(), "xiangyang.db"));
    expect(output).toContain("The database is already in sync with the Prisma schema.");
  });
});
