import { Hono } from "hono";
import { ChangePasswordRequestSchema, type Me, type SessionInfo } from "@roster/schema";
import { NotFoundError } from "../errors";
import type { AppDeps, AppEnv } from "./deps";
import { jsonBody } from "./validate";

/** One's own account: who am I, log out, change my password, my sessions. */
export function meRoutes(deps: AppDeps): Hono<AppEnv> {
  const { sessions, ownAccount } = deps;
  const app = new Hono<AppEnv>();

  app.get("/me", (c) => {
    const { id, username, displayName, role, commune, rosters } = c.var.user;
    const me: Me = { id, username, displayName, role, commune, rosters };
    return c.json(me);
  });

  app.post("/logout", async (c) => {
    await sessions.end(c.var.session.id);
    return c.json({ ok: true });
  });

  app.post("/me/password", async (c) => {
    const body = await jsonBody(c, ChangePasswordRequestSchema);
    await ownAccount.changePassword(c.var.user, c.var.session.id, body.current, body.next);
    return c.json({ ok: true });
  });

  app.get("/me/sessions", async (c) => {
    const current = c.var.session.id;
    const list: SessionInfo[] = (await sessions.list(c.var.user.id)).map((s) => ({
      id: s.id,
      device: s.device,
      createdAt: s.createdAt,
      lastUsedAt: s.lastUsedAt,
      expiresAt: s.expiresAt,
      current: s.id === current,
    }));
    return c.json(list);
  });

  app.delete("/me/sessions/:id", async (c) => {
    const id = c.req.param("id");
    const mine = (await sessions.list(c.var.user.id)).some((s) => s.id === id);
    if (!mine) throw new NotFoundError("Không có phiên này / No such session");
    await sessions.end(id);
    return c.json({ ok: true });
  });

  return app;
}
