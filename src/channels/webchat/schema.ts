import { z } from "zod";
import { localeSchema } from "../../domain/locale.ts";

/** Body of POST /api/chat/sessions. */
export const createSessionBodySchema = z
  .object({ school: z.string().trim().min(1).max(40).optional(), lang: localeSchema.optional() })
  .strict();

/** Body of POST /api/chat/messages: text or a quick-reply choice, never both. Length is checked apart (413). */
export const postMessageBodySchema = z
  .object({
    clientMessageId: z.string().trim().min(1, "clientMessageId must not be empty").max(100, "clientMessageId is at most 100 characters"),
    text: z.string().optional(),
    choiceId: z.string().trim().min(1).max(100).optional(),
    lang: localeSchema.optional(),
  })
  .strict()
  .refine((b) => (b.text === undefined) !== (b.choiceId === undefined), { message: "send either text or choiceId" });
export type PostMessageBody = z.infer<typeof postMessageBodySchema>;

/** A message as the public web chat API shows it. */
export type PublicMessage = {
  id: string;
  direction: "in" | "out";
  author: "student" | "bot" | "staff";
  text: string;
  choices?: Array<{ id: string; label: string }>;
  createdAt: string;
};
