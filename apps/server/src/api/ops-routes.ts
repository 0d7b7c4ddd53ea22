import { Hono } from "hono";
import type { AppDeps, AppEnv } from "./deps";
import { renderMetrics } from "../observability/metrics";

/** Health and metrics (no personal data; no token needed, as probes and scrapers expect). */
export function opsRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  // "This instance can serve": its store answers and, in scaled mode, its relay to the other
  // instances is connected (without it, edits to rosters owned elsewhere would stall here).
  app.get("/healthz", async (c) => {
    const ok = await deps.store.healthy().catch(() => false);
    if (!ok) return c.json({ error: { code: "storage_down", message: "Không kết nối được cơ sở dữ liệu / Storage unreachable" } }, 503);
    const cluster = deps.hub.cluster?.stats();
    if (cluster && !cluster.busHealthy) {
      return c.json({ error: { code: "relay_down", message: "Mất kết nối Redis tới các máy chủ khác / Relay to the other instances (Redis) is down" } }, 503);
    }
    return c.json({ ok: true, ...(cluster ? { instance: cluster.instance, ownedRosters: cluster.owned } : {}) });
  });
  app.get("/metrics", (c) => {
    c.header("content-type", "text/plain; version=0.0.4; charset=utf-8");
    return c.body(renderMetrics(deps));
  });
  return app;
}
