import { createHmac } from "node:crypto";
import type { ChannelName } from "../domain/channel.ts";
import type { ChatKey, Pseudonym } from "../domain/ids.ts";
import type { PrivacyPort } from "../engine/ports.ts";

/**
 * Keyed hashes that stand in for platform ids: HMAC-SHA256(secret, purpose + channel + id).
 * The same student on the same channel always gets the same pseudonym; without the secret
 * nobody can go from a pseudonym back to the platform id, or test a guessed id.
 */
export function createPseudonymizer(secret: string): PrivacyPort {
  const hmac = (purpose: string, channel: ChannelName, id: string) =>
    createHmac("sha256", secret).update(`${purpose}\u0000${channel}\u0000${id}`).digest("hex");
  return {
    pseudonymFor: (channel, platformUserId) => hmac("student", channel, platformUserId) as Pseudonym,
    chatKeyFor: (channel, platformChatId) => hmac("chat", channel, platformChatId) as ChatKey,
  };
}
