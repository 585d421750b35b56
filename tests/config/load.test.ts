import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseEnv } from "node:util";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config/load.ts";
import { envSchema } from "../../src/config/schema.ts";

const load = (env: Record<string, string>) => loadConfig(env, { readDotEnv: false, cwd: "/srv/xiangyang" });

describe("configuration", () => {
  it("serves the embedded defaults with no variables at all", () => {
    const config = load({});
    expect(config.server).toEqual({ host: "127.0.0.1", port: 3000, publicUrl: "http://127.0.0.1:3000" });
    expect(config.database.url).toBe("file:/srv/xiangyang/data/xiangyang.db");
    expect(config.dataDir).toBe("/srv/xiangyang/data");
    expect(config.log.level).toBe("info");
  });

  it("treats empty values as unset", () => {
    expect(load({ PORT: "", LOG_LEVEL: " ", ADMIN_PASSWORD: "" }).server.port).toBe(3000);
  });

  it.each([
    ["PORT", "eighty", /PORT: expected a whole number/],
    ["PORT", "70000", /PORT: expected a whole number/],
    ["LOG_LEVEL", "loud", /LOG_LEVEL: expected one of fatal, error/],
    ["DATABASE_URL", "mysql://db", /DATABASE_URL: expected a SQLite URL/],
    ["PSEUDONYM_SECRET", "short", /PSEUDONYM_SECRET: expected at least 32 characters/],
    ["ENCRYPTION_KEY", "not-base64", /ENCRYPTION_KEY: expected 32 random bytes in base64/],
    ["ADMIN_PASSWORD", "1234", /ADMIN_PASSWORD: expected at least 12 characters/],
    ["PUBLIC_URL", "xiangyang", /PUBLIC_URL: expected an absolute http\(s\) URL/],
    ["DEFAULT_SCHOOL_CODE", "Has Spaces", /DEFAULT_SCHOOL_CODE: expected lower-case letters/],
  ])("refuses %s=%s naming the variable", (variable, value, message) => {
    expect(() => load({ [variable]: value })).toThrow(ConfigError);
    expect(() => load({ [variable]: value })).toThrow(message);
  });

  it("names every bad variable at once", () => {
    try {
      load({ PORT: "x", LOG_LEVEL: "y" });
      expect.unreachable();
    } catch (error) {
      expect((error as ConfigError).problems.map((p) => p.variable)).toEqual(["PORT", "LOG_LEVEL"]);
    }
  });

  it("reads .env from the working directory, and real environment variables win", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "xiangyang-env-"));
    fs.writeFileSync(path.join(dir, ".env"), "PORT=4100\nLOG_LEVEL=warn\n");
    const config = loadConfig({ LOG_LEVEL: "error" }, { cwd: dir });
    expect(config.server.port).toBe(4100);
    expect(config.log.level).toBe("error");
  });

  it("documents every variable of the schema in .env.example, and nothing else", () => {
    const example = fs.readFileSync(path.join(import.meta.dirname, "../../.env.example"), "utf8");
    const documented = [...example.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]).sort();
    expect(documented).toEqual(Object.keys(envSchema.shape).sort());
    // The example itself is a valid configuration.
    expect(() => loadConfig(parseEnv(example), { readDotEnv: false })).not.toThrow();
  });

  it("stops start-up with a message naming the variable, without a stack trace", () => {
    const bin = path.join(import.meta.dirname, "../../bin/xiangyang.mjs");
    const result = spawnSync(process.execPath, [bin, "serve"], {
      env: { ...process.env, PORT: "not-a-port", DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), "xiangyang-cfg-")) },
      encoding: "utf8",
      timeout: 20_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("PORT: expected a whole number from 0 to 65535");
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).toBe("");
  });
});
