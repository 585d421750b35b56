import { channelAddressSchema, channelNameSchema } from "../domain/channel.ts";
import { conversationModeSchema, parseConversationState } from "../domain/conversation.ts";
import type { ChatKey } from "../domain/ids.ts";
import { choiceSchema, type Choice, type StoredMessage } from "../domain/message.ts";
import { maxRisk, riskAssessmentSchema, riskLevelSchema, type RiskAssessment } from "../domain/risk.ts";
import type { Conversation, ConversationStore, InboundRecord } from "../engine/ports.ts";
import type { Sealer } from "../privacy/sealer.ts";
import type { Db } from "./db.ts";
import type { Message as MessageRow, Conversation as ConversationRow } from "./generated/client.ts";
import { isUniqueViolation } from "./prismaErrors.ts";

/** Conversations, their messages and the outbox rows of their replies, in the Prisma database. */
export function createConversationStore(options: { db: Db; sealer: Sealer; timestamp: () => Date }): ConversationStore {
  const { db, sealer, timestamp } = options;

  return {
    async findOrOpen({ studentId, schoolId, channel, chatKey, address }) {
      const open = await db.conversation.findFirst({
        where: { studentId, channel, chatKey, mode: { not: "closed" } },
        orderBy: { createdAt: "desc" },
      });
      if (open) return toConversation(open);
      const created = await db.conversation.create({
        data: { studentId, schoolId, channel, chatKey, addressSealed: sealer.seal(JSON.stringify(address)), createdAt: timestamp() },
      });
      return toConversation(created);
    },

    async get(conversationId) {
      return toConversation(await db.conversation.findUniqueOrThrow({ where: { id: conversationId } }));
    },

    async recordInbound(input) {
      const key = { channel: input.channel, chatKey: input.chatKey, channelMessageId: input.channelMessageId };
      const existing = await db.message.findUnique({ where: { channel_chatKey_channelMessageId: key } });
      if (existing) return { kind: "duplicate", message: toStoredMessage(existing), answered: existing.processedAt !== null };
      try {
        const created = await db.message.create({
          data: {
            ...key,
            conversationId: input.conversationId,
            direction: "in",
            author: "student",
            text: input.text,
            choiceId: input.choiceId ?? null,
            locale: input.locale ?? null,
            createdAt: timestamp(),
          },
        });
        await db.conversation.update({ where: { id: input.conversationId }, data: { lastMessageAt: created.createdAt } });
        return { kind: "new", message: toStoredMessage(created) };
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        const raced = await db.message.findUniqueOrThrow({ where: { channel_chatKey_channelMessageId: key } });
        return { kind: "duplicate", message: toStoredMessage(raced), answered: raced.processedAt !== null };
      }
    },

    async getInbound(messageId) {
      const row = await db.message.findUnique({ where: { id: messageId } });
      return row && row.direction === "in" ? toInboundRecord(row) : undefined;
    },

    async history(conversationId, limit) {
      const rows = await db.message.findMany({ where: { conversationId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: limit });
      return rows.reverse().map(toStoredMessage);
    },

    async latestChoices(conversationId) {
      const row = await db.message.findFirst({
        where: { conversationId, direction: "out", choices: { not: null } },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      });
      return row ? parseChoices(row.choices) : [];
    },

    async listUnanswered(limit, storedBefore) {
      return db.message.findMany({
        where: { direction: "in", processedAt: null, createdAt: { lte: storedBefore } },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        take: limit,
        select: { id: true, conversationId: true },
      });
    },

    async commitTurn(turn) {
      return db.$transaction(async (tx) => {
        const conversation = await tx.conversation.findUniqueOrThrow({ where: { id: turn.conversationId } });
        const now = timestamp();
        await tx.message.update({
          where: { id: turn.messageId },
          data:
            turn.phase === "safety"
              ? { risk: JSON.stringify(turn.risk ?? { level: "none", reasons: [] }), safetyCheckedAt: now }
              : { processedAt: now },
        });
        const currentRisk = riskLevelSchema.catch("none").parse(conversation.riskLevel);
        await tx.conversation.update({
          where: { id: conversation.id },
          data: {
            ...(turn.state ? { state: JSON.stringify(turn.state) } : {}),
            ...(turn.mode ? { mode: turn.mode } : {}),
            ...(turn.risk ? { riskLevel: maxRisk(currentRisk, turn.risk.level) } : {}),
          },
        });
        if (turn.escalation) {
          const active = await tx.escalation.findFirst({ where: { conversationId: conversation.id, status: { in: ["open", "claimed"] } } });
          const details = turn.escalation.details === undefined ? null : JSON.stringify(turn.escalation.details);
          if (!active) {
            await tx.escalation.create({
              data: {
                conversationId: conversation.id,
                schoolId: conversation.schoolId,
                level: turn.escalation.level,
                category: turn.escalation.category ?? null,
                reason: turn.escalation.reason,
                details,
                nextAlertAt: now,
                createdAt: now,
              },
            });
          } else if (maxRisk(riskLevelSchema.catch("none").parse(active.level), turn.escalation.level) !== active.level) {
            await tx.escalation.update({ where: { id: active.id }, data: { level: turn.escalation.level, details } });
          }
        }
        const stored: StoredMessage[] = [];
        for (const reply of turn.replies) {
          const row = await tx.message.create({
            data: {
              conversationId: conversation.id,
              direction: "out",
              author: "bot",
              text: reply.text,
              choices: reply.choices && reply.choices.length > 0 ? JSON.stringify(reply.choices) : null,
              channel: conversation.channel,
              chatKey: conversation.chatKey,
              createdAt: timestamp(),
            },
          });
          await tx.outboxItem.create({
            data: { messageId: row.id, conversationId: conversation.id, channel: conversation.channel, nextAttemptAt: row.createdAt, createdAt: row.createdAt },
          });
          stored.push(toStoredMessage(row));
        }
        if (stored.length > 0) {
          await tx.conversation.update({ where: { id: conversation.id }, data: { lastMessageAt: stored.at(-1)!.createdAt } });
        }
        return stored;
      });
    },
  };
}

function toConversation(row: ConversationRow): Conversation {
  return {
    id: row.id,
    studentId: row.studentId,
    schoolId: row.schoolId,
    channel: channelNameSchema.parse(row.channel),
    chatKey: row.chatKey as ChatKey,
    mode: conversationModeSchema.parse(row.mode),
    riskLevel: riskLevelSchema.catch("none").parse(row.riskLevel),
    state: parseConversationState(row.state).state,
  };
}

export function toStoredMessage(row: MessageRow): StoredMessage {
  const choices = parseChoices(row.choices);
  return {
    id: row.id,
    conversationId: row.conversationId,
    direction: row.direction === "in" ? "in" : "out",
    author: row.author === "staff" ? "staff" : row.author === "student" ? "student" : "bot",
    text: row.text,
    ...(choices.length > 0 ? { choices } : {}),
    createdAt: row.createdAt,
  };
}

function toInboundRecord(row: MessageRow): InboundRecord {
  return {
    id: row.id,
    conversationId: row.conversationId,
    text: row.text,
    choiceId: row.choiceId ?? undefined,
    locale: row.locale ?? undefined,
    risk: parseRisk(row.risk),
    safetyChecked: row.safetyCheckedAt !== null,
    answered: row.processedAt !== null,
    createdAt: row.createdAt,
  };
}

function parseChoices(json: string | null): Choice[] {
  if (!json) return [];
  const parsed = choiceSchema.array().safeParse(safeJson(json));
  return parsed.success ? parsed.data : [];
}

function parseRisk(json: string | null): RiskAssessment | undefined {
  if (!json) return undefined;
  const parsed = riskAssessmentSchema.safeParse(safeJson(json));
  return parsed.success ? parsed.data : undefined;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Opens a conversation's sealed channel address. */
export function openAddress(sealer: Sealer, sealed: string): ReturnType<typeof channelAddressSchema.parse> | undefined {
  try {
    const parsed = channelAddressSchema.safeParse(JSON.parse(sealer.open(sealed)));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

