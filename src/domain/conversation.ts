import { z } from "zod";
import { localeSchema } from "./locale.ts";

/** bot: the bot answers · waiting: a human has been asked for · human: a social worker has the chat · closed. */
export const conversationModes = ["bot", "waiting", "human", "closed"] as const;
export const conversationModeSchema = z.enum(conversationModes);
export type ConversationMode = z.infer<typeof conversationModeSchema>;

const variableValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** Where a conversation stands in a flow. `contentHash` pins the flow version the conversation started on. */
export const flowPositionSchema = z.object({
  flowId: z.string(),
  contentHash: z.string(),
  nodeId: z.string(),
  reasks: z.number().int().min(0).default(0),
});
export type FlowPosition = z.infer<typeof flowPositionSchema>;

/**
 * The conversation's state document, stored as JSON and parsed on every load.
 * `v` is its version: a later shape adds a schema to the union and a transform to the newest.
 */
export const conversationStateSchema = z.object({
  v: z.literal(1),
  locale: localeSchema.optional(),
  flow: flowPositionSchema.optional(),
  vars: z.record(z.string(), variableValueSchema).default({}),
});
export type ConversationState = z.infer<typeof conversationStateSchema>;

export const emptyConversationState: ConversationState = { v: 1, vars: {} };

/** Parses a stored state; a state that cannot be read restarts cleanly instead of wedging the conversation. */
export function parseConversationState(json: string): { state: ConversationState; recovered: boolean } {
  try {
    const parsed = conversationStateSchema.safeParse(JSON.parse(json));
    if (parsed.success) return { state: parsed.data, recovered: false };
  } catch {
    // fall through: unreadable JSON
  }
  return { state: { ...emptyConversationState }, recovered: true };
}
