import { sign, verify } from "hono/jwt";
import { AuthError } from "../errors";

/** What a token says: who, which session, until when. Whether the session still stands,
 * and the user's role and commune, are read from the store on every use. */
export interface TokenClaims {
  sub: string;
  sid: string;
  exp: number;
  iat: number;
}

/** Signs and checks tokens (HS256). Only the signature and the expiry are checked here. */
export class TokenService {
  constructor(
    private readonly secret: string,
    readonly ttlSeconds: number,
    private readonly now: () => number = () => Date.now(),
  ) {}

  async issue(userId: string, sessionId: string): Promise<{ token: string; expiresAt: string }> {
    const iat = Math.floor(this.now() / 1000);
    const exp = iat + this.ttlSeconds;
    const token = await sign({ sub: userId, sid: sessionId, iat, exp }, this.secret, "HS256");
    return { token, expiresAt: new Date(exp * 1000).toISOString() };
  }

  /** The user and session ids of a valid, unexpired token; `AuthError` otherwise. */
  async check(token: string | undefined | null): Promise<{ userId: string; sessionId: string }> {
    if (!token) throw new AuthError();
    try {
      const claims = await verify(token, this.secret, { alg: "HS256", exp: false, iat: false });
      const exp = typeof claims.exp === "number" ? claims.exp : 0;
      if (exp * 1000 <= this.now()) throw new AuthError("Phiên đăng nhập đã hết hạn / Session expired");
      if (typeof claims.sub !== "string" || claims.sub.length === 0) throw new AuthError();
      if (typeof claims.sid !== "string" || claims.sid.length === 0) throw new AuthError();
      return { userId: claims.sub, sessionId: claims.sid };
    } catch (error) {
      if (error instanceof AuthError) throw error;
      throw new AuthError();
    }
  }
}
