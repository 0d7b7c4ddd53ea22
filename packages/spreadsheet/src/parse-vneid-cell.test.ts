import { describe, expect, it } from "vitest";
import { parseVneidCell } from "./parse-vneid-cell";

describe("parseVneidCell", () => {
  it.each([
    ["Mức 2", "level2"],
    ["mức độ 2", "level2"],
    ["Đã kích hoạt mức 2", "level2"],
    ["TK mức 2", "level2"],
    ["Level 2", "level2"],
    [2, "level2"],
    ["Mức 1", "level1"],
    ["1", "level1"],
    ["Chưa có", "none"],
    ["Không", "none"],
    ["chưa kích hoạt", "none"],
  ])("reads %j as %s", (cell, level) => {
    expect(parseVneidCell(cell)).toEqual({ value: level });
  });

  it("says nothing for an empty cell and refuses a value it cannot read", () => {
    expect(parseVneidCell(null).value).toBeNull();
    expect(parseVneidCell("").issue).toBeUndefined();
    const unreadable = parseVneidCell("Mức 3");
    expect(unreadable.value).toBeNull();
    expect(unreadable.issue?.kind).toBe("problem");
    expect(unreadable.issue?.message.vi).toContain("Mức 3");
  });
});
