import type { MiddlewareHandler } from "hono";
import type { SessionService } from "../auth/sessions";
import type { AppEnv } from "./deps";

/** Requires `Authorization: Bearer <token>` of a session still open; sets `c.var.user` and `c.var.session`. */
export function requireUser(sessions: SessionService): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header("authorization") ?? "";
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const { user, session } = await sessions.authenticate(match?.[1]);
    c.set("user", user);
    c.set("session", session);
    await next();
  };
}
