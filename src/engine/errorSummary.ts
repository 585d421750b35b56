/**
 * Error details safe to log: a name and a short message, never the data that caused the error.
 * The one place unknown throws are normalised.
 */
export function errorSummary(error: unknown): { name: string; message: string } {
  if (error instanceof Error) return { name: error.name, message: error.message.split("\n")[0]!.slice(0, 300) };
  return { name: "unknown", message: typeof error === "string" ? error.slice(0, 300) : "non-error thrown" };
}
