import { Hono } from "hono";
import type { AppDeps, AppEnv } from "./deps";
import { renderMetrics } from "../observability/metrics";

/** Health and metrics (no personal data; no token needed, as probes and scrapers expect). */
export function opsRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get("/healthz", async (c) => {
    const ok = await deps.store.healthy().catch(() => false);
    return ok ? c.json({ ok: true }) : c.json({ error: { code: "storage_down", message: "Storage unreachable" } }, 503);
  });
  app.get("/metrics", (c) => {
    c.header("content-type", "text/plain; version=0.0.4; charset=utf-8");
    return c.body(renderMetrics(deps));
  });
  return app;
}
