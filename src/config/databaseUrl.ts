import path from "node:path";

/** The embedded default: one SQLite file in the data directory. */
export const DEFAULT_DATABASE_URL = "file:./data/xiangyang.db";

/**
 * Turns a relative SQLite `file:` URL into an absolute one, resolved against `cwd`.
 * The Prisma CLI and the service must open the same file whichever directory they resolve from,
 * so every caller goes through here. Other URLs (PostgreSQL, in the [scale] issue) pass unchanged.
 */
export function resolveDatabaseUrl(url: string | undefined, cwd: string = process.cwd()): string {
  const value = url === undefined || url.trim() === "" ? DEFAULT_DATABASE_URL : url.trim();
  if (!value.startsWith("file:")) return value;
  const filePath = value.slice("file:".length);
  if (filePath === ":memory:" || path.isAbsolute(filePath)) return value;
  return `file:${path.resolve(cwd, filePath)}`;
}

/** The filesystem path of a SQLite `file:` URL, or undefined for other databases. */
export function sqliteFilePath(url: string): string | undefined {
  return url.startsWith("file:") ? url.slice("file:".length) : undefined;
}
