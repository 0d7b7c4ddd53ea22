import type { MiddlewareHandler } from "hono";
import { AuthError } from "../errors";
import type { StoredUser } from "../storage/store";
import type { TokenService } from "../auth/tokens";
import type { AccountStore } from "../storage/store";
import type { AppEnv } from "./deps";

/** The user behind a token, re-read from the store (a disabled account stops at once). */
export async function userForToken(token: string | null | undefined, tokens: TokenService, store: AccountStore): Promise<StoredUser> {
  const userId = await tokens.check(token);
  const user = await store.getUserById(userId);
  if (!user || user.disabled) throw new AuthError();
  return user;
}

/** Requires `Authorization: Bearer <token>` and sets `c.var.user`. */
export function requireUser(tokens: TokenService, store: AccountStore): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header("authorization") ?? "";
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    c.set("user", await userForToken(match?.[1], tokens, store));
    await next();
  };
}
