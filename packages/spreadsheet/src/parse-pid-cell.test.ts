import { describe, expect, it } from "vitest";
import type { CellValue } from "./cell-value";
import { parsePidCell } from "./parse-pid-cell";

// 001 Hà Nội, digit 4 = 2 (boy born 2000–2099), 15 = 2015: the child of `boy`.
const boy = { dob: "2015-03-04", gender: "male" as const };
const girl = { dob: "2015-03-04", gender: "female" as const };

describe("parsePidCell", () => {
  it.each<[string, CellValue, string]>([
    ["12 digits as text", "001215012345", "001215012345"],
    ["12 digits as a number (province 1xx, a birth abroad)", 101215012345, "101215012345"],
    ["spaces, dots and dashes typed inside", "001 215.012-345", "001215012345"],
    ["the apostrophe that keeps Excel from converting", "'001215012345", "001215012345"],
  ])("keeps %s", (_, value, expected) => {
    expect(parsePidCell(value, boy)).toEqual({ value: expected });
  });

  it.each<[string, CellValue, string]>([
    ["a number that lost two zeros", 1215012345, "001215012345"],
    ["the same digits from a CSV", "1215012345", "001215012345"],
    ["a number that lost one zero", 36215012345, "036215012345"],
  ])("recovers %s when it matches the date of birth and gender", (_, value, expected) => {
    const parsed = parsePidCell(value, boy);
    expect(parsed.value).toBe(expected);
    expect(parsed.issue?.kind).toBe("info");
    expect(parsed.issue?.message.vi).toContain(expected);
  });

  it.each<[string, CellValue, { dob?: string | null; gender?: "male" | "female" | null }]>([
    ["the gender disagrees (digit 4 = 2 is a boy)", 1215012345, girl],
    ["the year disagrees", 1216012345, boy],
    ["no date of birth to check against", 1215012345, { gender: "male" }],
    ["the padded province does not exist", 99215012345, boy],
  ])("keeps lost zeros as typed with a warning when %s", (_, value, holder) => {
    const parsed = parsePidCell(value, holder);
    expect(parsed.value).toBe(String(value));
    expect(parsed.issue?.kind).toBe("warning");
  });

  it.each<[string, CellValue]>([
    ["scientific notation", "1.21501E+11"],
    ["scientific notation with a decimal comma", "1,21501E+11"],
    ["lower-case exponent", "1.21501e+11"],
    ["a number that was scientific notation", 121501000000],
    ["a lost-zero number that was scientific notation", 1215010000],
    ["a number beyond 2^53", 1.2345678901234567e20],
  ])("rejects %s: the digits are gone", (_, value) => {
    const parsed = parsePidCell(value, boy);
    expect(parsed.value).toBeNull();
    expect(parsed.issue?.kind).toBe("problem");
    expect(parsed.issue?.message.vi).toMatch(/mất chữ số/);
  });

  it("leaves other shapes to the rules (a 9-digit CMND, letters)", () => {
    expect(parsePidCell("123456789", boy)).toEqual({ value: "123456789" });
    expect(parsePidCell("12AB", boy)).toEqual({ value: "12AB" });
    expect(parsePidCell(null, boy)).toEqual({ value: null });
  });

  it.each(["Chưa có", "Không có", "chưa cấp", "-", "x", "không"])("reads the placeholder %s as empty", (text) => {
    expect(parsePidCell(text, boy)).toEqual({ value: null });
  });

  it("keeps a letter O typed for a zero as typed, and says where and what it would be", () => {
    const parsed = parsePidCell("0012O5012345", boy);
    expect(parsed.value).toBe("0012O5012345");
    expect(parsed.issue?.kind).toBe("warning");
    expect(parsed.issue?.message.vi).toContain("vị trí 5");
    expect(parsed.issue?.message.vi).toContain("001205012345");
  });
});
