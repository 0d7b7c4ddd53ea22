import { describe, expect, it } from "vitest";
import { assertPasswordAllowed } from "./password-rules";

describe("password rules", () => {
  it("accepts a long, uncommon password", () => {
    expect(() => assertPasswordAllowed("Lúa-chín-vàng-2026", "lan.nguyen")).not.toThrow();
  });

  it.each([
    ["shorter than 10 characters", "Ab3$kT9q", /10/],
    ["10 characters counted as letters, not bytes, still short", "Đường9", /10/],
    ["the username", "lan.nguyen", /tên đăng nhập/],
    ["containing the username in other case", "LAN.NGUYEN-2026", /tên đăng nhập/],
    ["in the shipped common list", "1234567890", /phổ biến/],
    ["in the list, in other case", "QwertyUiop", /phổ biến/],
    ["a Vietnamese habit", "matkhau123", /phổ biến/],
  ])("refuses one %s", (_what, password, message) => {
    expect(() => assertPasswordAllowed(password, "lan.nguyen")).toThrow(message);
  });
});
