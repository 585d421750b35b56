import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createDb, type Db } from "../../src/store/db.ts";
import { createDataDir } from "../helpers.ts";

let db: Db | undefined;
afterEach(async () => {
  await db?.$disconnect();
  db = undefined;
});

describe("the SQLite connection shared by transactions and plain queries", () => {
  it("keeps a write made while another transaction is open, even when that transaction rolls back", async () => {
    db = createDb(`file:${path.join(createDataDir(), "xiangyang.db")}`);
    const school = await db.school.create({ data: { code: "s1", name: "S1" } });

    let insideTransaction!: () => void;
    const transactionStarted = new Promise<void>((resolve) => (insideTransaction = resolve));
    const failing = db
      .$transaction(async (tx) => {
        await tx.school.update({ where: { id: school.id }, data: { name: "renamed" } });
        insideTransaction();
        await new Promise((r) => setTimeout(r, 100));
        throw new Error("the step failed");
      })
      .catch((error: Error) => error.message);

    await transactionStarted;
    // A student's message acknowledged meanwhile, outside the transaction.
    const unrelated = db.$executeRawUnsafe("INSERT INTO School (id, code, name) VALUES ('x2', 's2', 'S2')");

    expect(await failing).toBe("the step failed");
    await unrelated;
    const schools = await db.school.findMany({ orderBy: { code: "asc" } });
    expect(schools.map((s) => [s.code, s.name])).toEqual([
      ["s1", "S1"],
      ["s2", "S2"],
    ]);
  });
});
