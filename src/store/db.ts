import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "./generated/client.ts";
import { serializeAdapter } from "./serializedAdapter.ts";

export type Db = PrismaClient;

/** Opens the database. SQLite now; the [scale] work adds PostgreSQL through @prisma/adapter-pg here. */
export function createDb(url: string): Db {
  if (!url.startsWith("file:")) throw new Error("only SQLite file: URLs are supported so far");
  return new PrismaClient({ adapter: serializeAdapter(new PrismaBetterSQLite3({ url })) });
}
