import { describe, expect, it } from "vitest";
import { parseBhytCell } from "./parse-bhyt-cell";

describe("parseBhytCell", () => {
  it.each([
    ["0123456789", "0123456789"],
    ["hs4 01 0123456789", "HS4010123456789"],
    ["TE1-01-0123456789", "TE1010123456789"],
  ])("normalises %j", (value, expected) => {
    expect(parseBhytCell(value)).toEqual({ value: expected });
  });

  it("puts back the leading zero a number cell dropped from the 10-digit number", () => {
    const parsed = parseBhytCell(123456789);
    expect(parsed.value).toBe("0123456789");
    expect(parsed.issue?.kind).toBe("info");
  });

  it("refuses scientific notation", () => {
    const parsed = parseBhytCell("1.23457E+09");
    expect(parsed.value).toBeNull();
    expect(parsed.issue?.kind).toBe("problem");
  });
  it("reads placeholder text as empty", () => {
    for (const text of ["Chưa có", "chưa cấp", "-"]) expect(parseBhytCell(text)).toEqual({ value: null });
  });
});
