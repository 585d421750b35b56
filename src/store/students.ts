import { randomInt } from "node:crypto";
import type { StudentStore } from "../engine/ports.ts";
import type { Db } from "./db.ts";
import { isUniqueViolation } from "./prismaErrors.ts";

/** Students by pseudonym. A new student gets a short alias such as 同学-4821 for staff to call them by. */
export function createStudentStore(db: Db): StudentStore {
  return {
    async resolve({ pseudonym, channel, schoolId }) {
      const existing = await db.student.findUnique({ where: { pseudonym } });
      if (existing) {
        await db.student.update({ where: { id: existing.id }, data: { lastSeenAt: new Date() } });
        return { id: existing.id, alias: existing.alias, schoolId: existing.schoolId };
      }
      // Four digits while they are plentiful; a collision retries, and repeated ones move to longer aliases.
      for (let attempt = 0; attempt < 12; attempt++) {
        const digits = attempt < 4 ? 4 : attempt < 8 ? 6 : 8;
        const alias = `同学-${randomInt(10 ** (digits - 1), 10 ** digits)}`;
        try {
          const created = await db.student.create({ data: { pseudonym, alias, channel, schoolId } });
          return { id: created.id, alias: created.alias, schoolId: created.schoolId };
        } catch (error) {
          if (!isUniqueViolation(error)) throw error;
          const raced = await db.student.findUnique({ where: { pseudonym } });
          if (raced) return { id: raced.id, alias: raced.alias, schoolId: raced.schoolId };
        }
      }
      throw new Error("could not find a free student alias");
    },
  };
}
