import { describe, expect, it } from "vitest";
import type { CellValue } from "./cell-value";
import { parsePhoneCell } from "./parse-phone-cell";

describe("parsePhoneCell", () => {
  it.each<[CellValue, string]>([
    ["0912345678", "0912345678"],
    ["0912 345 678", "0912345678"],
    ["0912.345.678", "0912345678"],
    ["+84 912 345 678", "0912345678"],
    ["84912345678", "0912345678"],
    ["(024) 3825 1234", "02438251234"],
  ])("reads %j", (value, expected) => {
    expect(parsePhoneCell(value)).toEqual({ value: expected });
  });

  it.each<[CellValue, string]>([
    [912345678, "0912345678"],
    ["388123456", "0388123456"],
    [2438251234, "02438251234"],
  ])("puts back the leading zero of %j", (value, expected) => {
    const parsed = parsePhoneCell(value);
    expect(parsed.value).toBe(expected);
    expect(parsed.issue?.kind).toBe("info");
  });

  it.each<CellValue>(["0912345678 - 0987654321", "12345", "hỏi cô giáo"])("keeps %j as typed with a warning", (value) => {
    const parsed = parsePhoneCell(value);
    expect(parsed.value).toBe(value);
    expect(parsed.issue?.kind).toBe("warning");
  });
  it("reads placeholder text as empty", () => {
    for (const text of ["Không có", "-", "x", "chưa có"]) expect(parsePhoneCell(text)).toEqual({ value: null });
  });
});
