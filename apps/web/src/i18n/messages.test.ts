import { describe, expect, it } from "vitest";
import { LOCALES, MESSAGES, type MessageKey } from "./messages";
import { placeholdersOf, translate } from "./translate";

const keys = Object.keys(MESSAGES.vi) as MessageKey[];

describe("message catalogue", () => {
  it("has the same keys in Vietnamese and English", () => {
    expect(Object.keys(MESSAGES.en).sort()).toEqual([...keys].sort());
  });

  it.each(LOCALES)("has a non-empty %s text for every key", (locale) => {
    const empty = keys.filter((k) => MESSAGES[locale][k].trim() === "");
    expect(empty).toEqual([]);
  });

  it("uses the same placeholders in both languages", () => {
    const mismatched = keys.filter(
      (k) => placeholdersOf(MESSAGES.vi[k]).join() !== placeholdersOf(MESSAGES.en[k]).join(),
    );
    expect(mismatched).toEqual([]);
  });

  it("is really translated (Vietnamese differs from English for sentences)", () => {
    expect(MESSAGES.vi["login.submit"]).toBe("Đăng nhập");
    expect(MESSAGES.en["login.submit"]).toBe("Log in");
  });
});

describe("translate", () => {
  it.each([
    ["vi", "sync.pending", { n: 3 }, "3 thay đổi chờ gửi"],
    ["en", "sync.pending", { n: 3 }, "3 changes waiting to be sent"],
    ["vi", "list.count", { shown: 12, total: 240 }, "12 / 240 trẻ"],
    ["en", "child.removed", { reason: "trùng" }, "This record was removed: trùng"],
  ] as const)("%s %s", (locale, key, params, expected) => {
    expect(translate(locale, key, params)).toBe(expected);
  });

  it("leaves a placeholder without a value visible", () => {
    expect(translate("vi", "sync.pending")).toBe("{n} thay đổi chờ gửi");
  });
});
