#!/usr/bin/env node
// Writes the next migration after prisma/schema.prisma was edited:
//   node scripts/new-migration.mjs <name> [base-ref]
// It diffs the schema as committed at base-ref (default HEAD) against the working copy, because Prisma's
// JavaScript engine cannot diff from the migrations folder (its shadow database fails); tests/store/migrations.test.ts
// then proves the migrations and the schema agree.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const [name, base = "HEAD"] = process.argv.slice(2);
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  process.stderr.write("usage: node scripts/new-migration.mjs <name_in_snake_case> [base-ref]\n");
  process.exit(2);
}
const previous = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "xiangyang-migration-")), "schema.prisma");
fs.writeFileSync(previous, execFileSync("git", ["show", `${base}:prisma/schema.prisma`]));
const diff = spawnSync(
  path.join("node_modules", ".bin", "prisma"),
  ["migrate", "diff", "--from-schema-datamodel", previous, "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
  { encoding: "utf8" },
);
if (diff.status !== 0) {
  process.stderr.write(diff.stderr);
  process.exit(1);
}
if (/^-- This is an empty migration\./m.test(diff.stdout) || diff.stdout.trim() === "") {
  process.stderr.write(`prisma/schema.prisma has no changes since ${base}\n`);
  process.exit(1);
}
const stamp = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);
const dir = path.join("prisma", "migrations", `${stamp}_${name}`);
fs.mkdirSync(dir, { recursive: true });
fs.writeFileSync(path.join(dir, "migration.sql"), diff.stdout);
process.stdout.write(`${dir}/migration.sql\n`);
