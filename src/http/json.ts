import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { z } from "zod";

/** Every API error is `{"error": "..."}` with a message a client developer can act on. */
export function jsonError(c: Context, status: ContentfulStatusCode, error: string) {
  return c.json({ error }, status);
}

/**
 * Reads and validates a JSON body. Malformed JSON, a wrong type or an unknown field is a 400 whose message
 * names the field; nothing here can turn into a 500.
 */
export async function readJsonBody<S extends z.ZodType>(
  c: Context,
  schema: S,
  options: { emptyAs?: unknown } = {},
): Promise<{ ok: true; value: z.infer<S> } | { ok: false; response: Response }> {
  const raw = await c.req.text();
  let data: unknown;
  if (raw.trim() === "" && options.emptyAs !== undefined) data = options.emptyAs;
  else {
    try {
      data = JSON.parse(raw);
    } catch {
      return { ok: false, response: jsonError(c, 400, "body is not valid JSON") };
    }
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
    const message = issue.code === "unrecognized_keys" ? `unknown field(s): ${issue.keys.join(", ")}` : issue.message;
    return { ok: false, response: jsonError(c, 400, `${field}${message}`) };
  }
  return { ok: true, value: parsed.data };
}
