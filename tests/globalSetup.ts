import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";

/**
 * Migrates one template SQLite database with the real `prisma migrate deploy`, once per run.
 * Each test copies it, which is much faster than migrating a database per test.
 */
export default function setup(project: TestProject) {
  fs.mkdirSync(path.join(process.cwd(), ".tmp"), { recursive: true });
  const dir = fs.mkdtempSync(path.join(process.cwd(), ".tmp", "template-"));
  const file = path.join(dir, "template.db");
  const result = spawnSync(path.join("node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: `file:${file}`, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`prisma migrate deploy failed:\n${result.stdout}\n${result.stderr}`);
  project.provide("templateDatabase", file);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabase: string;
  }
}
