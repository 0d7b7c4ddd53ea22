import { describe, expect, it } from "vitest";
import type { CellValue } from "./cell-value";
import { parseEthnicityCell } from "./parse-ethnicity-cell";

describe("parseEthnicityCell", () => {
  it.each<[CellValue, string]>([
    ["Kinh", "01"], ["KINH", "01"], ["kinh", "01"], ["Việt", "01"], ["Kinh (Việt)", "01"], ["Dân tộc Kinh", "01"],
    ["Tày", "02"], ["Tay", "02"], ["Thái", "03"], ["Khmer", "05"], ["Khơ me", "05"], ["Khơ-me", "05"],
    ["Mường", "06"], ["H'Mông", "08"], ["Mèo", "08"], ["Ê-đê", "12"], ["1", "01"], [1, "01"], ["01", "01"], ["27", "27"],
  ])("reads %j as code %s", (value, code) => {
    expect(parseEthnicityCell(value)).toEqual({ value: code });
  });

  it.each<CellValue>(["Việt Nam", "Khác", "99", "x"])("refuses %j with a reason", (value) => {
    const parsed = parseEthnicityCell(value);
    expect(parsed.value).toBeNull();
    expect(parsed.issue?.message.vi).toContain("Không nhận ra dân tộc");
  });
});
