import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/** Authenticated encryption for small values kept at rest (a channel address now; more with [hardening]). */
export type Sealer = {
  seal(plaintext: string): string;
  open(sealed: string): string;
};

const VERSION = "v1";

/**
 * AES-256-GCM with a random 96-bit nonce per value. Output: `v1.<nonce>.<tag>.<ciphertext>` in base64url.
 * The version prefix leaves room for key rotation.
 */
export function createSealer(key: Buffer): Sealer {
  if (key.length !== 32) throw new Error("the encryption key must be 32 bytes");
  return {
    seal(plaintext) {
      const nonce = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", key, nonce);
      const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
      return [VERSION, nonce, cipher.getAuthTag(), body].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(".");
    },
    open(sealed) {
      const [version, nonce, tag, body] = sealed.split(".");
      if (version !== VERSION || nonce === undefined || tag === undefined || body === undefined) {
        throw new Error("sealed value has an unknown format");
      }
      const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(nonce, "base64url"));
      decipher.setAuthTag(Buffer.from(tag, "base64url"));
      return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
    },
  };
}
