import { Hono, type Context } from "hono";
import { getConnInfo } from "@hono/node-server/conninfo";
import { LoginRequestSchema, type LoginResponse } from "@roster/schema";
import { AuthError, RateLimitError } from "../errors";
import { TrustedProxies } from "../auth/client-address";
import { unmatchableHash, verifyPassword } from "../auth/passwords";
import { logSecurityEvent } from "../accounts/security-log";
import { sessionUser } from "./session-user";
import type { AppDeps, AppEnv } from "./deps";
import { jsonBody } from "./validate";

export function loginRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const proxies = new TrustedProxies(deps.env.TRUSTED_PROXIES);
  // Compared against when the username is unknown: a hash of the accounts' own cost, so a
  // wrong username takes as long as a wrong password and does not reveal which exist.
  const dummyHash = unmatchableHash();
  app.post("/login", async (c) => {
    const body = await jsonBody(c, LoginRequestSchema);
    // Per username *and* client address: a stranger guessing at the police account locks
    // out only their own address, never the officer at the station.
    const key = `${body.username.toLowerCase()}|${clientAddress(c, proxies)}`;
    // Counted before the check, atomically in the store: of 40 guesses sent at once (to
    // any instances), only the first 10 reach the hash comparison.
    if (!(await deps.throttle.attempt(key))) throw new RateLimitError("Đăng nhập sai quá nhiều lần, hãy thử lại sau 15 phút / Too many failed logins, try again in 15 minutes");
    const user = await deps.store.getUserByUsername(body.username);
    const ok = await verifyPassword(body.password, user?.passwordHash ?? dummyHash);
    if (!user || !ok || user.disabled) {
      if (user && (await deps.throttle.locked(key))) {
        await logSecurityEvent(deps.store, deps.now(), { commune: user.commune, actor: null, target: user.username, action: "login.lockout" });
      }
      deps.logger.warn("login.failed", { username: body.username });
      throw new AuthError("Sai tên đăng nhập hoặc mật khẩu / Wrong username or password");
    }
    await deps.throttle.succeed(key);
    const { token, expiresAt } = await deps.sessions.open(user, c.req.header("user-agent"));
    deps.logger.info("login.ok", { userId: user.id, role: user.role, commune: user.commune });
    const response: LoginResponse = { token, user: sessionUser(user), expiresAt };
    return c.json(response);
  });
  return app;
}

/** The client's address: the socket's peer, or behind a trusted proxy the hop it names. */
function clientAddress(c: Context, proxies: TrustedProxies): string {
  let peer: string | undefined;
  try {
    peer = getConnInfo(c).remote.address;
  } catch {
    peer = undefined;
  }
  return proxies.clientAddress(peer, c.req.header("x-forwarded-for"));
}
