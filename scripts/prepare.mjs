#!/usr/bin/env node
// Makes a fresh clone ready, and does nothing when nothing changed (so `npm start` / `npm test` stay fast):
//   1. installs dependencies when package-lock.json changed since the last install (npm ci);
//   2. generates the Prisma client when the schema or Prisma's version changed;
//   3. for `npm start`: applies database migrations to the configured SQLite file;
//      for `npm test`: makes sure Chromium is installed for the browser tests.
// Plain JavaScript with no dependencies, because it runs before anything is installed.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const forTests = process.argv.includes("--for-tests");
process.chdir(root);

const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 20 || (major === 20 && minor < 12)) {
  fail(`Node.js 20.12 or newer is required (this is ${process.versions.node}).`);
}

const hashOf = (...files) => {
  const hash = createHash("sha256");
  for (const file of files) hash.update(fs.existsSync(file) ? fs.readFileSync(file) : "");
  return hash.digest("hex");
};
const stampMatches = (file, value) => fs.existsSync(file) && fs.readFileSync(file, "utf8") === value;

// 1. Dependencies.
const installStamp = "node_modules/.xiangyang-install";
const lockHash = hashOf("package-lock.json", "package.json");
if (!stampMatches(installStamp, lockHash)) {
  step("Installing dependencies (the first time takes a few minutes: better-sqlite3 compiles)");
  run("npm", ["ci", "--no-audit", "--no-fund"]);
  fs.writeFileSync(installStamp, lockHash);
}

// 2. Prisma client.
const generateStamp = "src/store/generated/.xiangyang-generate";
const schemaHash = hashOf("prisma/schema.prisma", "node_modules/prisma/package.json");
if (!stampMatches(generateStamp, schemaHash)) {
  step("Generating the database client");
  run(path.join("node_modules", ".bin", "prisma"), ["generate"], { quiet: true });
  fs.writeFileSync(generateStamp, schemaHash);
}

// 3. Tests: a browser for the web chat page tests (Debian's Chromium). Migrations: tests migrate their own databases.
if (forTests) {
  run("bash", [path.join("scripts", "ensure-chromium.sh")], { quiet: true });
} else {
  step("Applying database migrations");
  run(path.join("node_modules", ".bin", "prisma"), ["migrate", "deploy"], { quiet: true });
}

function step(message) {
  process.stderr.write(`[xiangyang] ${message}…\n`);
}

function run(command, args, { quiet = false } = {}) {
  // stdout is kept for the service's own output; a quiet step shows its output only when it fails.
  const result = spawnSync(command, args, {
    stdio: ["ignore", quiet ? "pipe" : 2, quiet ? "pipe" : 2],
    env: { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
  });
  if (result.error) fail(`${command} could not run: ${result.error.message}`);
  if (result.status !== 0) {
    if (quiet) process.stderr.write(`${result.stdout}${result.stderr}`);
    fail(`${path.basename(command)} ${args.join(" ")} failed (exit ${result.status}); see the output above.`);
  }
}

function fail(message) {
  process.stderr.write(`[xiangyang] ${message}\n`);
  process.exit(1);
}
