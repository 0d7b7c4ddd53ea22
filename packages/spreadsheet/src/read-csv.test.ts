import { describe, expect, it } from "vitest";
import { readCsv } from "./read-csv";
import { SpreadsheetReadError } from "./errors";

const utf8 = (text: string) => new TextEncoder().encode(text);

describe("readCsv", () => {
  it("keeps every record as a row, empty cells as null, with the file name as sheet", () => {
    const table = readCsv(utf8("Họ và tên,Ngày sinh\nNguyễn Văn An,04/03/2015\n\nLê Thị Hoa,\n"), "ds.csv");
    expect(table.format).toBe("csv");
    expect(table.sheet).toBe("ds.csv");
    expect(table.rows).toEqual([["Họ và tên", "Ngày sinh"], ["Nguyễn Văn An", "04/03/2015"], [null], ["Lê Thị Hoa", null], [null]]);
  });

  it.each([
    ["semicolons", "Họ và tên;Ngày sinh\nNguyễn Văn An;04/03/2015"],
    ["tabs", "Họ và tên\tNgày sinh\nNguyễn Văn An\t04/03/2015"],
  ])("guesses the delimiter: %s", (_, text) => {
    expect(readCsv(utf8(text), "x").rows[1]).toEqual(["Nguyễn Văn An", "04/03/2015"]);
  });

  it("reads quoted cells with commas, quotes and line breaks", () => {
    const table = readCsv(utf8('Họ và tên,Địa chỉ\n"Nguyễn Văn An","Số 5, Thôn ""Đông""\nxã An Bình"\n'), "x");
    expect(table.rows[1]).toEqual(["Nguyễn Văn An", 'Số 5, Thôn "Đông"\nxã An Bình']);
  });

  it("reports a broken quote as a warning rather than failing", () => {
    const table = readCsv(utf8('Họ và tên,Địa chỉ\n"Nguyễn Văn An,Thôn Đông\n'), "x");
    expect(table.warnings.length).toBeGreaterThan(0);
    expect(table.warnings[0]!.vi).toContain("CSV");
  });

  it("refuses an empty file", () => {
    expect(() => readCsv(utf8(" \n"), "x")).toThrow(SpreadsheetReadError);
  });
});
