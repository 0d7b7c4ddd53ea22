import { describe, expect, it } from "vitest";
import type { CellValue } from "./cell-value";
import { isMarked, parseGenderCell } from "./parse-gender-cell";

describe("parseGenderCell", () => {
  it.each<[CellValue, "male" | "female"]>([
    ["Nam", "male"], ["nam", "male"], ["NAM", "male"], [" Nam ", "male"], ["Trai", "male"], ["Bé trai", "male"],
    ["M", "male"], ["Male", "male"],
    ["Nữ", "female"], ["nữ", "female"], ["NỮ", "female"], ["Nu", "female"], ["NU", "female"], ["Gái", "female"],
    ["Bé gái", "female"], ["con gái", "female"], ["F", "female"], ["N\u1EEF".normalize("NFD"), "female"],
  ])("reads %j", (value, expected) => {
    expect(parseGenderCell(value)).toEqual({ value: expected });
  });

  it.each<CellValue>(["1", 0, 2, "x", "Khác", "Nam/Nữ"])("refuses %j rather than guess", (value) => {
    const parsed = parseGenderCell(value);
    expect(parsed.value).toBeNull();
    expect(parsed.issue?.kind).toBe("problem");
  });

  it("gives nothing for an empty cell", () => {
    expect(parseGenderCell(null)).toEqual({ value: null });
  });
});

describe("isMarked", () => {
  it.each<[CellValue, boolean]>([["x", true], ["X", true], ["1", true], [1, true], ["✓", true], [null, false], ["", false], ["0", false], ["không", false]])(
    "%j is marked: %s",
    (value, expected) => expect(isMarked(value)).toBe(expected),
  );
});
