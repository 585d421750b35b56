import { z } from "zod";

/** Keyed hash that stands for a student; never a platform id. */
export const pseudonymSchema = z.string().regex(/^[0-9a-f]{64}$/).brand<"Pseudonym">();
export type Pseudonym = z.infer<typeof pseudonymSchema>;

/** Keyed hash of a platform chat id, used to recognise redelivered messages without storing the id. */
export const chatKeySchema = z.string().regex(/^[0-9a-f]{64}$/).brand<"ChatKey">();
export type ChatKey = z.infer<typeof chatKeySchema>;

/**
 * A platform's own user id (Telegram user id, WeChat contact id, a web chat session id).
 * Branded so it can never be passed where a pseudonym is expected, or be stored by mistake.
 */
export const platformUserIdSchema = z.string().min(1).brand<"PlatformUserId">();
export type PlatformUserId = z.infer<typeof platformUserIdSchema>;

export type ConversationId = string & z.$brand<"ConversationId">;
export type MessageId = string & z.$brand<"MessageId">;
export type StudentId = string & z.$brand<"StudentId">;
export type SchoolId = string & z.$brand<"SchoolId">;
