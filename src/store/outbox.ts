import { channelNameSchema } from "../domain/channel.ts";
import type { OutboxStore } from "../engine/ports.ts";
import type { Sealer } from "../privacy/sealer.ts";
import { openAddress, toStoredMessage } from "./conversations.ts";
import type { Db } from "./db.ts";

export function createOutboxStore(db: Db, sealer: Sealer): OutboxStore {
  return {
    async listDue(now, limit) {
      const rows = await db.outboxItem.findMany({
        where: { status: "pending", nextAttemptAt: { lte: now } },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        take: limit,
        include: { message: true, conversation: { select: { addressSealed: true } } },
      });
      return rows.map((row) => ({
        id: row.id,
        channel: channelNameSchema.parse(row.channel),
        conversationId: row.conversationId,
        attempts: row.attempts,
        address: openAddress(sealer, row.conversation.addressSealed),
        message: toStoredMessage(row.message),
      }));
    },
    async markDelivered(id, at) {
      await db.outboxItem.update({ where: { id }, data: { status: "delivered", deliveredAt: at, attempts: { increment: 1 }, lastError: null } });
    },
    async markRetry(id, { error, nextAttemptAt }) {
      await db.outboxItem.update({ where: { id }, data: { attempts: { increment: 1 }, lastError: error.slice(0, 500), nextAttemptAt } });
    },
    async markFailed(id, error) {
      await db.outboxItem.update({ where: { id }, data: { status: "failed", attempts: { increment: 1 }, lastError: error.slice(0, 500) } });
    },
  };
}
