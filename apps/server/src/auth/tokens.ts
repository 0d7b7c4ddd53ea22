import { sign, verify } from "hono/jwt";
import { AuthError } from "../errors";

/** What a token says: who, and until when. Role and commune are re-read from the store
 * on every use, so a disabled account or a changed role takes effect at once. */
export interface TokenClaims {
  sub: string;
  exp: number;
  iat: number;
}

export class TokenService {
  constructor(
    private readonly secret: string,
    private readonly ttlSeconds: number,
    private readonly now: () => number = () => Date.now(),
  ) {}

  async issue(userId: string): Promise<{ token: string; expiresAt: string }> {
    const iat = Math.floor(this.now() / 1000);
    const exp = iat + this.ttlSeconds;
    const token = await sign({ sub: userId, iat, exp }, this.secret, "HS256");
    return { token, expiresAt: new Date(exp * 1000).toISOString() };
  }

  /** The user id in a valid, unexpired token; `AuthError` otherwise. */
  async check(token: string | undefined | null): Promise<string> {
    if (!token) throw new AuthError();
    try {
      const claims = await verify(token, this.secret, { alg: "HS256", exp: false, iat: false });
      const exp = typeof claims.exp === "number" ? claims.exp : 0;
      if (exp * 1000 <= this.now()) throw new AuthError("Phiên đăng nhập đã hết hạn / Session expired");
      if (typeof claims.sub !== "string" || claims.sub.length === 0) throw new AuthError();
      return claims.sub;
    } catch (error) {
      if (error instanceof AuthError) throw error;
      throw new AuthError();
    }
  }
}
