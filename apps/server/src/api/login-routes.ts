import { Hono, type Context } from "hono";
import { getConnInfo } from "@hono/node-server/conninfo";
import { LoginRequestSchema, type LoginResponse } from "@roster/schema";
import { AuthError, RateLimitError } from "../errors";
import { verifyPassword } from "../auth/passwords";
import { logSecurityEvent } from "../accounts/security-log";
import { sessionUser } from "./session-user";
import type { AppDeps, AppEnv } from "./deps";
import { jsonBody } from "./validate";

// Compared against when the username is unknown, so a wrong username costs as much time
// as a wrong password and does not reveal which accounts exist.
const DUMMY_HASH = "scrypt$1024$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

export function loginRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.post("/login", async (c) => {
    const body = await jsonBody(c, LoginRequestSchema);
    // Per username *and* client address: a stranger guessing at the police account locks
    // out only their own address, never the officer at the station.
    const key = `${body.username.toLowerCase()}|${clientAddress(c, deps.env.TRUST_PROXY)}`;
    if (!deps.throttle.allowed(key)) throw new RateLimitError("Đăng nhập sai quá nhiều lần, hãy thử lại sau 15 phút / Too many failed logins, try again in 15 minutes");
    const user = await deps.store.getUserByUsername(body.username);
    const ok = await verifyPassword(body.password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok || user.disabled) {
      deps.throttle.fail(key);
      if (user && !deps.throttle.allowed(key)) {
        await logSecurityEvent(deps.store, deps.now(), { commune: user.commune, actor: null, target: user.username, action: "login.lockout" });
      }
      deps.logger.warn("login.failed", { username: body.username });
      throw new AuthError("Sai tên đăng nhập hoặc mật khẩu / Wrong username or password");
    }
    deps.throttle.succeed(key);
    const { token, expiresAt } = await deps.sessions.open(user, c.req.header("user-agent"));
    deps.logger.info("login.ok", { userId: user.id, role: user.role, commune: user.commune });
    const response: LoginResponse = { token, user: sessionUser(user), expiresAt };
    return c.json(response);
  });
  return app;
}

/** The client's address: the socket's peer, or the first X-Forwarded-For hop behind a trusted proxy. */
function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header("x-forwarded-for")?.split(",")[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "unknown";
  }
}
