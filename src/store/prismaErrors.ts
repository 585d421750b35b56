/** True for Prisma's "unique constraint failed" (P2002), however the driver adapter reports it. */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const code = (error as { code?: unknown }).code;
  if (code === "P2002") return true;
  const message = (error as { message?: unknown }).message;
  return typeof message === "string" && /unique constraint/i.test(message);
}
