import type { StoredMessage } from "../../domain/message.ts";
import type { Pseudonym } from "../../domain/ids.ts";

export type WebChatSession = { id: string; schoolId: string; schoolCode: string };

/** What the web chat channel needs from storage: sessions by token hash, and a student's messages. */
export interface WebChatSessionStore {
  create(input: { tokenHash: string; schoolId: string }): Promise<WebChatSession>;
  findByTokenHash(tokenHash: string): Promise<WebChatSession | undefined>;
  /** All messages of the student with this pseudonym, oldest first (at most `limit`, the newest ones). */
  listMessages(pseudonym: Pseudonym, limit: number): Promise<StoredMessage[]>;
}
