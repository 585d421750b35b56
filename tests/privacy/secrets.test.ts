import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createSealer } from "../../src/privacy/sealer.ts";
import { loadOrCreateSecrets, SecretsError } from "../../src/privacy/secrets.ts";
import { InstallationError } from "../../src/store/installation.ts";
import { createDataDir, useTestServices } from "../helpers.ts";

const services = useTestServices();
let instance: Awaited<ReturnType<typeof services.start>> | undefined;

const none = { pseudonymSecret: undefined, encryptionKey: undefined };

describe("installation secrets", () => {
  it("are generated once into the data directory with mode 0600, then read back unchanged", () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "xiangyang-secrets-"));
    const first = loadOrCreateSecrets({ dataDir, fromEnv: none });
    expect(first.created).toBe(true);
    expect(fs.statSync(first.file).mode & 0o777).toBe(0o600);
    const second = loadOrCreateSecrets({ dataDir, fromEnv: none });
    expect(second.created).toBe(false);
    expect(second.secrets).toEqual(first.secrets);
  });

  it("come from the environment when set, and then no file is written", () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "xiangyang-secrets-"));
    const key = Buffer.alloc(32, 7).toString("base64");
    const result = loadOrCreateSecrets({ dataDir, fromEnv: { pseudonymSecret: "p".repeat(40), encryptionKey: key } });
    expect(result.secrets.pseudonymSecret).toBe("p".repeat(40));
    expect(fs.existsSync(result.file)).toBe(false);
  });

  it("refuse a damaged secrets file instead of quietly making new ones", () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "xiangyang-secrets-"));
    fs.writeFileSync(path.join(dataDir, "secrets.json"), "{ not json");
    expect(() => loadOrCreateSecrets({ dataDir, fromEnv: none })).toThrow(SecretsError);
    expect(fs.readFileSync(path.join(dataDir, "secrets.json"), "utf8")).toBe("{ not json");
  });

  it("stop start-up when they are not the ones the database was created with", async () => {
    const dataDir = createDataDir();
    instance = await services.start({ dataDir });
    await instance.service.stop();
    instance = undefined;
    await expect(services.start({ dataDir, env: { PSEUDONYM_SECRET: "another-secret-".repeat(3) } })).rejects.toThrow(InstallationError);
    await expect(services.start({ dataDir, env: { PSEUDONYM_SECRET: "another-secret-".repeat(3) } })).rejects.toThrow(/PSEUDONYM_SECRET/);
  });
});

describe("sealed values", () => {
  it("open with the key they were sealed with, and not with another or after tampering", () => {
    const sealer = createSealer(Buffer.alloc(32, 1));
    const sealed = sealer.seal('{"chatId":123456789}');
    expect(sealed).not.toContain("123456789");
    expect(sealer.open(sealed)).toBe('{"chatId":123456789}');
    expect(sealer.seal("same")).not.toBe(sealer.seal("same"));
    expect(() => createSealer(Buffer.alloc(32, 2)).open(sealed)).toThrow();
    const parts = sealed.split(".");
    const tampered = [...parts.slice(0, 3), Buffer.from("x").toString("base64url") + parts[3]!.slice(2)].join(".");
    expect(() => sealer.open(tampered)).toThrow();
  });
});
