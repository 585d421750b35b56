import { createHmac, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

/** The installation's secrets. Losing or changing them orphans every student, so they are made once. */
export type Secrets = { pseudonymSecret: string; encryptionKey: Buffer };

const secretsFileSchema = z.object({
  pseudonymSecret: z.string().min(32),
  encryptionKey: z.string().regex(/^[A-Za-z0-9+/]{43}=$/),
});

export class SecretsError extends Error {
  override name = "SecretsError";
}

/**
 * Secrets come from the environment when set, else from `<dataDir>/secrets.json`, which is created
 * (mode 0600) on first start and never rewritten. It lives beside the database, never inside it,
 * so a copied database file alone reveals nothing.
 */
export function loadOrCreateSecrets(input: {
  dataDir: string;
  fromEnv: { pseudonymSecret: string | undefined; encryptionKey: string | undefined };
}): { secrets: Secrets; created: boolean; file: string } {
  const file = path.join(input.dataDir, "secrets.json");
  let stored: z.infer<typeof secretsFileSchema> | undefined;
  let created = false;
  if (fs.existsSync(file)) {
    const parsed = secretsFileSchema.safeParse(safeJson(fs.readFileSync(file, "utf8")));
    if (!parsed.success) {
      throw new SecretsError(
        `${file} is damaged. Restore it from a backup; a new secret would cut every student off from their history. ` +
          "(Alternatively set PSEUDONYM_SECRET and ENCRYPTION_KEY to the original values.)",
      );
    }
    stored = parsed.data;
  } else if (input.fromEnv.pseudonymSecret === undefined || input.fromEnv.encryptionKey === undefined) {
    stored = { pseudonymSecret: randomBytes(32).toString("hex"), encryptionKey: randomBytes(32).toString("base64") };
    fs.mkdirSync(input.dataDir, { recursive: true });
    // "wx": never overwrite a file another process created a moment ago.
    fs.writeFileSync(file, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600, flag: "wx" });
    created = true;
  }
  const pseudonymSecret = input.fromEnv.pseudonymSecret ?? stored!.pseudonymSecret;
  const encryptionKey = Buffer.from(input.fromEnv.encryptionKey ?? stored!.encryptionKey, "base64");
  return { secrets: { pseudonymSecret, encryptionKey }, created, file };
}

/** A value that identifies a secret without revealing it, kept in the database to catch a swapped secret. */
export function fingerprintOf(secret: string | Buffer): string {
  return createHmac("sha256", secret).update("xiangyang fingerprint v1").digest("hex").slice(0, 16);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
