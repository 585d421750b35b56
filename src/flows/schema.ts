import { z } from "zod";

/**
 * A text students see: zh-CN is required, en optional. A plain string is taken as zh-CN.
 * `{{name}}` inserts a conversation variable.
 */
export const localizedTextSchema = z.union([
  z.string().min(1).transform((zh): { "zh-CN": string; en?: string } => ({ "zh-CN": zh })),
  z.object({ "zh-CN": z.string().min(1, "zh-CN text is required"), en: z.string().min(1).optional() }).strict(),
]);
export type LocalizedText = z.infer<typeof localizedTextSchema>;

const nodeIdSchema = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, "node ids use lower-case letters, digits, _ and -");

const messageNodeSchema = z
  .object({ id: nodeIdSchema, type: z.literal("message"), text: localizedTextSchema, next: nodeIdSchema })
  .strict();

const choiceOptionSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, "option ids use lower-case letters, digits, _ and -"),
    label: localizedTextSchema,
    /** Free-text answers that also pick this option, besides its number and label. */
    synonyms: z.array(z.string().min(1)).default([]),
    next: nodeIdSchema,
  })
  .strict();

const choiceNodeSchema = z
  .object({
    id: nodeIdSchema,
    type: z.literal("choice"),
    text: localizedTextSchema,
    options: z.array(choiceOptionSchema).min(1).max(10),
    /** Said when an answer matches no option. */
    reask: localizedTextSchema.optional(),
  })
  .strict();

/** Records the student's wish to talk to a person; the handoff part takes it from there. */
const handoffNodeSchema = z
  .object({ id: nodeIdSchema, type: z.literal("handoff"), text: localizedTextSchema.optional() })
  .strict();

const endNodeSchema = z.object({ id: nodeIdSchema, type: z.literal("end"), text: localizedTextSchema.optional() }).strict();

export const flowNodeSchema = z.discriminatedUnion("type", [messageNodeSchema, choiceNodeSchema, handoffNodeSchema, endNodeSchema]);
export type FlowNode = z.infer<typeof flowNodeSchema>;
export type ChoiceNode = z.infer<typeof choiceNodeSchema>;

export const flowSchema = z
  .object({
    version: z.literal(1),
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, "flow ids use lower-case letters, digits, _ and -"),
    title: localizedTextSchema,
    /** Node a new conversation starts at. */
    start: nodeIdSchema,
    /** Node a returning student comes back to (e.g. the menu); defaults to start. */
    resume: nodeIdSchema.optional(),
    nodes: z.array(flowNodeSchema).min(1),
  })
  .strict();
export type Flow = z.infer<typeof flowSchema>;
