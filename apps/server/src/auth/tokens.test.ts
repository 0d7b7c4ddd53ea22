import { describe, expect, it } from "vitest";
import { AuthError } from "../errors";
import { TokenService } from "./tokens";

const SECRET = "a-test-secret-that-is-long-enough-0123456789";

describe("tokens", () => {
  it("round-trips the user and session ids until expiry", async () => {
    let now = Date.parse("2026-06-08T00:00:00Z");
    const tokens = new TokenService(SECRET, 3600, () => now);
    const { token, expiresAt } = await tokens.issue("u-1", "s-1");
    expect(expiresAt).toBe("2026-06-08T01:00:00.000Z");
    expect(await tokens.check(token)).toEqual({ userId: "u-1", sessionId: "s-1" });
    now += 3600 * 1000;
    await expect(tokens.check(token)).rejects.toBeInstanceOf(AuthError);
  });

  it("refuses a token signed with another secret, a tampered one, one without a session, and none", async () => {
    const mine = new TokenService(SECRET, 3600);
    const theirs = new TokenService("another-secret-that-is-long-enough-987654321", 3600);
    const { token } = await theirs.issue("u-1", "s-1");
    await expect(mine.check(token)).rejects.toBeInstanceOf(AuthError);
    const good = (await mine.issue("u-1", "s-1")).token;
    const [h, , s] = good.split(".");
    const forged = `${h}.${Buffer.from(JSON.stringify({ sub: "admin", sid: "s-1", exp: 9e9, iat: 0 })).toString("base64url")}.${s}`;
    await expect(mine.check(forged)).rejects.toBeInstanceOf(AuthError);
    const { sign } = await import("hono/jwt");
    const sessionless = await sign({ sub: "u-1", iat: 0, exp: 9e9 }, SECRET, "HS256");
    await expect(mine.check(sessionless)).rejects.toBeInstanceOf(AuthError);
    await expect(mine.check(undefined)).rejects.toBeInstanceOf(AuthError);
    await expect(mine.check("garbage")).rejects.toBeInstanceOf(AuthError);
  });
});
