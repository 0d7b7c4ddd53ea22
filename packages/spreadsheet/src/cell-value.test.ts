import { describe, expect, it } from "vitest";
import { cellText, isBlankCell, type CellValue } from "./cell-value";

describe("cellText", () => {
  it.each<[CellValue, string]>([
    [null, ""],
    ["  Nguyễn\u00A0Văn\t An  ", "Nguyễn Văn An"],
    ["Nguye\u0302\u0303n", "Nguyễn"],
    [1215012345, "1215012345"],
    [121501234567, "121501234567"],
    [3.5, "3.5"],
    [true, "TRUE"],
    [new Date(Date.UTC(2015, 2, 4)), "2015-03-04"],
    // The apostrophe our exports put before a formula-like value, and Excel users type
    // before digits, is not data.
    ["'=1+1", "=1+1"],
    ["'-", "-"],
    ["'001215012345", "001215012345"],
    ["H'Hen Niê", "H'Hen Niê"],
    ["'Hen", "'Hen"],
  ])("of %j is %j", (value, expected) => {
    expect(cellText(value)).toBe(expected);
  });
});

describe("isBlankCell", () => {
  it("is true for null and whitespace only", () => {
    expect(isBlankCell(null)).toBe(true);
    expect(isBlankCell(" \t")).toBe(true);
    expect(isBlankCell(0)).toBe(false);
    expect(isBlankCell("x")).toBe(false);
  });
});
