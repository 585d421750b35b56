// Prisma CLI configuration: the JavaScript (Wasm) engine with the better-sqlite3 driver adapter,
// because Prisma's native engines cannot be downloaded where we build (see ../shared/PLATFORM.md).
// With this file present the CLI skips .env, so it is loaded here, and the URL is resolved
// exactly as the service resolves it (src/config/databaseUrl.ts).
import fs from "node:fs";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import path from "node:path";
import { resolveDatabaseUrl, sqliteFilePath } from "./src/config/databaseUrl.ts";

if (fs.existsSync(".env")) process.loadEnvFile(".env");
const url = resolveDatabaseUrl(process.env.DATABASE_URL);
process.env.DATABASE_URL = url;
// better-sqlite3 creates the file but not its directory; without it every command fails with "External error".
const file = sqliteFilePath(url);
if (file !== undefined && file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  adapter: async () => new PrismaBetterSQLite3({ url }),
});
