import { describe, expect, it } from "vitest";
import type { ExportTable } from "./export-table";
import { cellText } from "./cell-value";
import { readCsv } from "./read-csv";
import { tableToCsv } from "./write-csv";

describe("tableToCsv", () => {
  it("writes UTF-8 with a BOM, the header first, CRLF, quoting where needed, formulas neutralised", () => {
    const table: ExportTable = {
      sheetName: "x",
      title: ["not in the CSV"],
      columns: [{ header: "STT", width: 5, kind: "number" }, { header: "Họ và tên", width: 20, kind: "text" }, { header: "Địa chỉ", width: 20, kind: "text" }],
      rows: [[1, "Nguyễn Văn An", "Số 5, Thôn \"Đông\""], [2, "@SUM(A1)", null]],
    };
    const bytes = tableToCsv(table);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes.subarray(3))).toBe(
      'STT,Họ và tên,Địa chỉ\r\n1,Nguyễn Văn An,"Số 5, Thôn ""Đông"""\r\n2,\'@SUM(A1),',
    );
  });
});

describe("tableToCsv under a ';' list separator", () => {
  it("quotes a field holding a semicolon or a tab and neutralises each part, and the importer reads the value back whole", () => {
    const table: ExportTable = {
      sheetName: "x",
      title: [],
      columns: [{ header: "Ghi chú", width: 20, kind: "text" }, { header: "Số", width: 5, kind: "number" }],
      rows: [["ghi chu;=1+1", 1], ["a\t=2", 2]],
    };
    const bytes = tableToCsv(table);
    expect(new TextDecoder().decode(bytes.subarray(3))).toBe('Ghi chú,Số\r\n"ghi chu;\'=1+1",1\r\n"a\t=2",2');
    expect(cellText(readCsv(bytes, "x.csv").rows[1]![0]!)).toBe("ghi chu;=1+1");
  });
});
