import pino from "pino";
import type { Logger } from "./engine/ports.ts";

/**
 * The root logger: JSON lines on stderr, so a command's stdout carries only its output.
 * Modules take a child ({ module: "..." }) and log ids, counts, levels and outcomes only. The redact
 * list is a safety net for a slip, not the plan: message text, tokens and platform ids are never passed.
 */
export function createLogger(options: { level: string; destination?: pino.DestinationStream }): Logger & pino.Logger {
  return pino(
    {
      level: options.level,
      base: { service: "xiangyang" },
      redact: {
        paths: [
          "text",
          "*.text",
          "content",
          "*.content",
          "token",
          "*.token",
          "password",
          "*.password",
          "platformUserId",
          "*.platformUserId",
          "platformChatId",
          "*.platformChatId",
          "address",
          "*.address",
          "authorization",
          "*.authorization",
          "req.headers.authorization",
          "req.headers.cookie",
        ],
        censor: "[redacted]",
      },
    },
    options.destination ?? pino.destination({ fd: 2, sync: false }),
  );
}
