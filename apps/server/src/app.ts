import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { Hono } from "hono";
import { serveStatic } from "@hono/node-server/serve-static";
import { HTTPException } from "hono/http-exception";
import { RosterError } from "./errors";
import { securityHeaders } from "./security-headers";
import { StoreConflictError, StoreNotFoundError } from "./storage/errors";
import { requireUser } from "./api/auth-middleware";
import type { AppDeps, AppEnv } from "./api/deps";
import { limitBodies } from "./api/body-limits";
import { loginRoutes } from "./api/login-routes";
import { meRoutes } from "./api/me-routes";
import { accountRoutes } from "./api/account-routes";
import { passwordCodeRoutes } from "./api/password-code-routes";
import { opsRoutes } from "./api/ops-routes";
import { rosterRoutes } from "./api/roster-routes";
import { verifyRoutes } from "./api/verify-routes";
import { historyRoutes } from "./api/history-routes";
import { importRoutes } from "./api/import-routes";
import { exportRoutes } from "./api/export-routes";
import { progressRoutes } from "./api/progress-routes";
import { provinceRoutes } from "./api/province-routes";
import { reconcileRoutes } from "./api/reconcile-routes";
import { forwardToOwner } from "./api/owner-forwarding";

/** The HTTP application: API under /api, probes, and the PWA at /. */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.use("*", async (c, next) => {
    const started = performance.now();
    await next();
    // Personal data must not linger in shared caches or the browser's HTTP cache.
    if (c.req.path.startsWith("/api/")) c.header("cache-control", "no-store");
    deps.httpStats.record(c.res.status, performance.now() - started);
  });

  app.use("*", securityHeaders());

  app.onError((error, c) => {
    if (error instanceof RosterError) {
      return c.json({ error: { code: error.code, message: error.message } }, error.status);
    }
    if (error instanceof StoreConflictError) {
      return c.json({ error: { code: "already_exists", message: `Đã tồn tại / Already exists: ${error.entity} ${error.key}` } }, 409);
    }
    if (error instanceof StoreNotFoundError) {
      return c.json({ error: { code: "not_found", message: `Không tìm thấy / Not found: ${error.entity} ${error.key}` } }, 404);
    }
    if (error instanceof HTTPException) {
      const status = error.status;
      return c.json({ error: { code: status === 413 ? "too_large" : "http_error", message: error.message || "Lỗi yêu cầu / Request error" } }, status);
    }
    deps.logger.error("http.unhandled", { path: c.req.path, error: error instanceof Error ? error : String(error) });
    return c.json({ error: { code: "internal", message: "Lỗi máy chủ, hãy thử lại / Server error, please try again" } }, 500);
  });

  app.use("/api/*", limitBodies());
  app.route("/", opsRoutes(deps));
  app.route("/api", loginRoutes(deps));
  app.route("/api", passwordCodeRoutes(deps));
  const authed = new Hono<AppEnv>();
  authed.use("*", requireUser(deps.sessions));
  authed.route("/", meRoutes(deps));
  authed.route("/", accountRoutes(deps));
  // Scaled mode: a roster's own requests go to the instance that owns it.
  authed.use("/rosters/:id/*", forwardToOwner(deps));
  authed.route("/rosters", rosterRoutes(deps));
  authed.route("/rosters", verifyRoutes(deps));
  authed.route("/rosters", historyRoutes(deps));
  authed.route("/rosters", importRoutes(deps));
  authed.route("/rosters", exportRoutes(deps));
  authed.route("/rosters", reconcileRoutes(deps));
  authed.route("/", progressRoutes(deps));
  authed.route("/province", provinceRoutes(deps));
  app.route("/api", authed);
  app.all("/api/*", (c) => c.json({ error: { code: "not_found", message: "Không có API này / No such API" } }, 404));

  mountWeb(app, deps.env.WEB_DIST);
  app.notFound((c) => c.json({ error: { code: "not_found", message: "Không tìm thấy / Not found" } }, 404));
  return app;
}

/** Serves the built PWA with a single-page fallback, when it has been built. */
function mountWeb(app: Hono<AppEnv>, webDist: string | undefined): void {
  if (!webDist) return;
  const root = resolve(webDist);
  const indexFile = join(root, "index.html");
  if (!existsSync(indexFile)) return;
  const indexHtml = readFileSync(indexFile, "utf8");
  app.use("*", async (c, next) => {
    await next();
    const path = c.req.path;
    // The service worker and the page must be revalidated so a new version is noticed;
    // hashed assets never change.
    if (path === "/" || path.endsWith(".html") || path === "/sw.js" || path.endsWith(".webmanifest")) {
      c.header("cache-control", "no-cache");
    } else if (path.startsWith("/assets/") && c.res.status === 200) {
      c.header("cache-control", "public, max-age=31536000, immutable");
    }
  });
  app.use("*", serveStatic({ root }));
  app.get("*", (c) => {
    // A missing asset is a 404: answering index.html there would cache the page as that
    // script for a year and break the app until the cache expires.
    if (c.req.path.startsWith("/sync") || c.req.path.startsWith("/api") || c.req.path.startsWith("/assets/")) return c.notFound();
    c.header("cache-control", "no-cache");
    return c.html(indexHtml);
  });
}
