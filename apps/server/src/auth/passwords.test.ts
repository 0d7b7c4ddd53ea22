import { describe, expect, it } from "vitest";
import { hashPassword, TEST_PASSWORD_COST, unmatchableHash, verifyPassword } from "./passwords";

describe("passwords", () => {
  it("verifies the right password and refuses others", async () => {
    const hash = await hashPassword("Mật khẩu 2026!", TEST_PASSWORD_COST);
    expect(hash.startsWith("scrypt$1024$8$1$")).toBe(true);
    expect(await verifyPassword("Mật khẩu 2026!", hash)).toBe(true);
    expect(await verifyPassword("mật khẩu 2026!", hash)).toBe(false);
    expect(await verifyPassword("", hash)).toBe(false);
  });

  it("salts every hash", async () => {
    const a = await hashPassword("same", TEST_PASSWORD_COST);
    const b = await hashPassword("same", TEST_PASSWORD_COST);
    expect(a).not.toBe(b);
  });

  it("never matches a malformed hash", async () => {
    expect(await verifyPassword("x", "plain-text")).toBe(false);
    expect(await verifyPassword("x", "bcrypt$1$2$3$4$5")).toBe(false);
  });

  it("makes an unmatchable hash with the cost of real accounts", async () => {
    const real = await hashPassword("Mật khẩu 2026!", TEST_PASSWORD_COST);
    const dummy = unmatchableHash(TEST_PASSWORD_COST);
    expect(dummy.split("$").slice(0, 4)).toEqual(real.split("$").slice(0, 4));
    expect(unmatchableHash().startsWith("scrypt$131072$8$1$")).toBe(true);
    expect(await verifyPassword("Mật khẩu 2026!", dummy)).toBe(false);
  });
});
