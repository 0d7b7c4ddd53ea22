import { describe, expect, it } from "vitest";
import { cellText } from "./cell-value";
import { neutraliseCell, neutraliseCsvCell } from "./neutralise-cell";

describe("neutraliseCell", () => {
  it.each([
    ["=HYPERLINK(\"http://x\",\"An\")", "'=HYPERLINK(\"http://x\",\"An\")"],
    ["+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"],
    ["-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"],
    ["@SUM(A1:A9)", "'@SUM(A1:A9)"],
    ["\t=1+1", "'\t=1+1"],
    ["\r=1+1", "'\r=1+1"],
    ["-", "'-"],
  ])("neutralises %j", (value, expected) => {
    expect(neutraliseCell(value)).toBe(expected);
  });

  it.each(["-5", "+84912345678", "-1,5", "04/03/2015", "2015-03-04", "Nguyễn Văn An", "H'Hen Niê", "", "001215012345"])(
    "leaves %j alone: a number, a date or a name runs nothing",
    (value) => {
      expect(neutraliseCell(value)).toBe(value);
    },
  );

  it("is undone by the importer's cellText for values that do not start with whitespace", () => {
    for (const value of ["=1+1", "+cmd", "-2+3", "@SUM(A1)", "-"]) expect(cellText(neutraliseCell(value))).toBe(value);
  });
});

describe("neutraliseCsvCell", () => {
  it("neutralises each part a ';' or a line break starts, and leaves plain text and numbers alone", () => {
    expect(neutraliseCsvCell("ghi chu;=1+1")).toBe("ghi chu;'=1+1");
    expect(neutraliseCsvCell("=A1;@B2\n+C3")).toBe("'=A1;'@B2\n'+C3");
    expect(neutraliseCsvCell("đo -5;-5")).toBe("đo -5;-5");
    expect(neutraliseCsvCell("Thôn Đông; xóm 2")).toBe("Thôn Đông; xóm 2");
  });
});
