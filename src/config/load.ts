import fs from "node:fs";
import path from "node:path";
import { parseEnv } from "node:util";
import type { z } from "zod";
import { resolveDatabaseUrl, sqliteFilePath } from "./databaseUrl.ts";
import { envSchema, type Env } from "./schema.ts";

/** The typed configuration the composition root hands down. Deep modules never read process.env. */
export type Config = {
  server: { host: string; port: number; publicUrl: string };
  log: { level: Env["LOG_LEVEL"] };
  database: { url: string; sqliteFile: string | undefined };
  dataDir: string;
  crypto: { pseudonymSecret: string | undefined; encryptionKey: string | undefined };
  seed: { schoolCode: string; schoolName: string; adminUsername: string; adminPassword: string | undefined };
  outbox: { retrySeconds: number };
};

/** A configuration value that is wrong; the message names each variable and what is expected. */
export class ConfigError extends Error {
  override name = "ConfigError";
  constructor(readonly problems: Array<{ variable: string; expected: string }>) {
    super(
      `Configuration is invalid:\n${problems.map((p) => `  ${p.variable}: ${p.expected}`).join("\n")}\n` +
        "Fix these environment variables (or .env) and start again; .env.example documents each one.",
    );
  }
}

/**
 * Parses the environment once. Reads `.env` from `cwd` when present (real environment variables win).
 * Throws ConfigError naming every bad variable.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, options: { cwd?: string; readDotEnv?: boolean } = {}): Config {
  const cwd = options.cwd ?? process.cwd();
  const merged = { ...(options.readDotEnv === false ? {} : readDotEnv(cwd)), ...env };
  const parsed = envSchema.safeParse(merged);
  if (!parsed.success) throw new ConfigError(describeIssues(parsed.error.issues));
  const e = parsed.data;
  const databaseUrl = resolveDatabaseUrl(e.DATABASE_URL, cwd);
  const host = e.HOST;
  const displayHost = host.includes(":") ? `[${host}]` : host;
  return {
    server: { host, port: e.PORT, publicUrl: (e.PUBLIC_URL ?? `http://${displayHost}:${e.PORT}`).replace(/\/+$/, "") },
    log: { level: e.LOG_LEVEL },
    database: { url: databaseUrl, sqliteFile: sqliteFilePath(databaseUrl) },
    dataDir: path.resolve(cwd, e.DATA_DIR),
    crypto: { pseudonymSecret: e.PSEUDONYM_SECRET, encryptionKey: e.ENCRYPTION_KEY },
    seed: {
      schoolCode: e.DEFAULT_SCHOOL_CODE,
      schoolName: e.DEFAULT_SCHOOL_NAME,
      adminUsername: e.ADMIN_USERNAME,
      adminPassword: e.ADMIN_PASSWORD,
    },
    outbox: { retrySeconds: e.OUTBOX_RETRY_SECONDS },
  };
}

function readDotEnv(cwd: string): Record<string, string> {
  const file = path.join(cwd, ".env");
  if (!fs.existsSync(file)) return {};
  // Node's own .env parser, the same one as --env-file.
  return parseEnv(fs.readFileSync(file, "utf8")) as Record<string, string>;
}

function describeIssues(issues: z.core.$ZodIssue[]): Array<{ variable: string; expected: string }> {
  return issues.map((issue) => ({ variable: String(issue.path[0] ?? "(environment)"), expected: issue.message }));
}
