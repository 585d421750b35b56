import type { WebChatSessionStore } from "../channels/webchat/sessionStore.ts";
import { toStoredMessage } from "./conversations.ts";
import type { Db } from "./db.ts";

export function createWebChatSessionStore(db: Db): WebChatSessionStore {
  return {
    async create({ tokenHash, schoolId }) {
      const row = await db.webChatSession.create({ data: { tokenHash, schoolId }, include: { school: true } });
      return { id: row.id, schoolId: row.schoolId, schoolCode: row.school.code };
    },
    async findByTokenHash(tokenHash) {
      const row = await db.webChatSession.findUnique({ where: { tokenHash }, include: { school: true } });
      if (!row) return undefined;
      return { id: row.id, schoolId: row.schoolId, schoolCode: row.school.code };
    },
    async listMessages(pseudonym, limit) {
      const rows = await db.message.findMany({
        where: { conversation: { student: { pseudonym } } },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: limit,
      });
      return rows.reverse().map(toStoredMessage);
    },
  };
}
