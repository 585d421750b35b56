import { z } from "zod";
import { channelAddressSchema, channelNameSchema } from "./channel.ts";
import { platformUserIdSchema } from "./ids.ts";
import { localeSchema } from "./locale.ts";

/** Longest text a student may send in one message. */
export const MAX_MESSAGE_LENGTH = 4000;

export const choiceSchema = z.object({ id: z.string().min(1).max(100), label: z.string().min(1).max(200) });
export type Choice = z.infer<typeof choiceSchema>;

export const inboundContentSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("text"), text: z.string().min(1).max(MAX_MESSAGE_LENGTH) }),
  z.object({ kind: z.literal("choice"), choiceId: z.string().min(1).max(100) }),
]);
export type InboundContent = z.infer<typeof inboundContentSchema>;

/** A student's message as every channel adapter hands it to the engine. */
export const inboundMessageSchema = z.object({
  channel: channelNameSchema,
  platformUserId: platformUserIdSchema,
  /** The platform's chat id; hashed before it is stored. */
  platformChatId: z.string().min(1),
  /** Unique within the chat: Telegram message id, web chat clientMessageId. */
  channelMessageId: z.string().min(1).max(200),
  address: channelAddressSchema,
  /** School code when the channel knows it (a web chat session's school); otherwise the default school. */
  schoolCode: z.string().optional(),
  locale: localeSchema.optional(),
  content: inboundContentSchema,
});
export type InboundMessage = z.infer<typeof inboundMessageSchema>;

export const authors = ["student", "bot", "staff"] as const;
export type Author = (typeof authors)[number];
export type Direction = "in" | "out";

/** A reply the engine wants delivered: text, optionally with quick-reply choices. */
export type Reply = { text: string; choices?: Choice[] };

/** A stored message as channels and the web chat API show it. */
export type StoredMessage = {
  id: string;
  conversationId: string;
  direction: Direction;
  author: Author;
  text: string;
  choices?: Choice[];
  createdAt: Date;
};
