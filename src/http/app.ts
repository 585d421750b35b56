import { Hono } from "hono";
import { errorSummary } from "../engine/errorSummary.ts";
import type { Logger } from "../engine/ports.ts";

export type HttpAppOptions = {
  log: Logger;
  /** Answers whether the database is reachable, for /healthz. */
  checkHealth: () => Promise<boolean>;
  webChatPage: string;
  consolePage: string;
  /** Route groups each part of the service contributes (web chat API now; console API with [handoff]). */
  routes: Hono[];
};

/** The one HTTP app: health, pages, API routes, and the error boundary every request passes. */
export function createHttpApp(options: HttpAppOptions): Hono {
  const log = options.log.child({ module: "http" });
  const app = new Hono();

  app.get("/healthz", async (c) => {
    const healthy = await options.checkHealth().catch(() => false);
    return healthy ? c.text("ok") : c.text("database unavailable", 503);
  });
  app.get("/", (c) => c.html(options.webChatPage));
  app.get("/console", (c) => c.html(options.consolePage));
  for (const routes of options.routes) app.route("/", routes);

  app.notFound((c) => (c.req.path.startsWith("/api/") ? c.json({ error: "not found" }, 404) : c.text("not found", 404)));
  app.onError((error, c) => {
    // One boundary: log what went wrong (never the request body), answer with a plain JSON error.
    log.error({ method: c.req.method, path: c.req.routePath, err: errorSummary(error) }, "request failed");
    return c.json({ error: "internal error; the request was not completed, please try again" }, 500);
  });
  return app;
}
