import { describe, expect, it } from "vitest";
import { sameValue } from "./field-equality";

describe("sameValue", () => {
  it.each([
    ["fullName", "NGUYỄN VĂN AN", "Nguyễn  Văn An", true],
    ["fullName", "Lê Thị Hòa", "Lê Thị Hoà", true],
    ["fullName", "Lê Thị Hòa", "Lê Thị Hoá", false],
    ["pid", "001 215 012 345", "001215012345", true],
    ["pid", "01215012345", "001215012345", false],
    ["bhyt", "hs4-01-0123456789", "HS4010123456789", true],
    ["phone", "0912 345 678", "0912.345.678", true],
    ["address", " Số 5,  Thôn Đông ", "Số 5, Thôn Đông", true],
    ["dob", "2015-03-04", "2015-03-05", false],
    ["gender", "male", "male", true],
  ] as const)("%s: %j and %j → %s", (field, a, b, expected) => {
    expect(sameValue(field, a, b)).toBe(expected);
  });

  it("treats empty, blank, null and undefined alike, and unlike any value", () => {
    expect(sameValue("note", null, undefined)).toBe(true);
    expect(sameValue("note", "  ", null)).toBe(true);
    expect(sameValue("note", "", "x")).toBe(false);
    expect(sameValue("healthBook", false, null)).toBe(false);
    expect(sameValue("healthBook", true, true)).toBe(true);
  });
});
