import { z } from "zod";
import { DEFAULT_DATABASE_URL } from "./databaseUrl.ts";

// Empty strings count as unset, so `PORT=` in a .env file means "use the default".
const optionalString = z.preprocess(
  (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
  z.string().trim().optional(),
);

const withDefault = (fallback: string) =>
  z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? undefined : value), z.string().trim().default(fallback));

const port = z.coerce
  .number({ error: "expected a whole number from 0 to 65535 (0 picks a free port)" })
  .int("expected a whole number from 0 to 65535 (0 picks a free port)")
  .min(0, "expected a whole number from 0 to 65535 (0 picks a free port)")
  .max(65535, "expected a whole number from 0 to 65535 (0 picks a free port)");

const logLevel = z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], {
  error: "expected one of fatal, error, warn, info, debug, trace, silent",
});

/**
 * Every environment variable the service reads, in one schema with a section per concern.
 * `.env.example` documents each of them; a test keeps the two in step.
 */
export const envSchema = z.object({
  // server
  HOST: withDefault("127.0.0.1"),
  PORT: z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), port.default(3000)),
  PUBLIC_URL: optionalString.pipe(z.url({ error: "expected an absolute http(s) URL, e.g. https://xiangyang.example.edu.cn" }).optional()),
  LOG_LEVEL: z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), logLevel.default("info")),
  // database
  DATABASE_URL: withDefault(DEFAULT_DATABASE_URL).refine((url) => url.startsWith("file:"), {
    error: "expected a SQLite URL such as file:./data/xiangyang.db (PostgreSQL arrives with the [scale] work)",
  }),
  DATA_DIR: withDefault("./data"),
  // crypto: generated once into DATA_DIR/secrets.json when unset
  PSEUDONYM_SECRET: optionalString.pipe(
    z.string().min(32, "expected at least 32 characters of random text (e.g. openssl rand -hex 32)").optional(),
  ),
  ENCRYPTION_KEY: optionalString.pipe(
    z
      .string()
      .regex(/^[A-Za-z0-9+/]{43}=$/, "expected 32 random bytes in base64 (e.g. openssl rand -base64 32)")
      .optional(),
  ),
  // seed
  DEFAULT_SCHOOL_CODE: withDefault("demo").pipe(
    z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "expected lower-case letters, digits and dashes, at most 40"),
  ),
  DEFAULT_SCHOOL_NAME: withDefault("向阳示范中学"),
  ADMIN_USERNAME: withDefault("admin").pipe(
    z.string().regex(/^[A-Za-z0-9._-]{3,40}$/, "expected 3 to 40 letters, digits, dots, dashes or underscores"),
  ),
  ADMIN_PASSWORD: optionalString.pipe(z.string().min(12, "expected at least 12 characters").optional()),
  // delivery
  OUTBOX_RETRY_SECONDS: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z.coerce.number({ error: "expected a number of seconds" }).positive("expected a positive number of seconds").default(5),
  ),
});

export type Env = z.infer<typeof envSchema>;
