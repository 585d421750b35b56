import type { School, SchoolStore } from "../engine/ports.ts";
import type { Db } from "./db.ts";

export function createSchoolStore(db: Db, defaultCode: string): SchoolStore {
  const pick = (s: { id: string; code: string; name: string }): School => ({ id: s.id, code: s.code, name: s.name });
  return {
    async findByCode(code) {
      const school = await db.school.findUnique({ where: { code } });
      return school ? pick(school) : undefined;
    },
    async getDefault() {
      const school = await db.school.findUnique({ where: { code: defaultCode } });
      if (!school) throw new Error(`the default school "${defaultCode}" is missing; run the seed (npm start does)`);
      return pick(school);
    },
  };
}
