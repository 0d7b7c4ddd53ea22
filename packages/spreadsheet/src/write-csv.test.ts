import { describe, expect, it } from "vitest";
import type { ExportTable } from "./export-table";
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
