import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import type { ExportTable } from "./export-table";
import { tableToXlsx } from "./write-xlsx";

const TABLE: ExportTable = {
  sheetName: "Danh sách: thôn [Đông]",
  title: ["DANH SÁCH TRẺ EM", "Thôn Đông, xã An Bình"],
  columns: [
    { header: "STT", width: 6, kind: "number" },
    { header: "Họ và tên", width: 24, kind: "text" },
    { header: "Số định danh cá nhân", width: 16, kind: "id" },
  ],
  rows: [
    [1, "Nguyễn Văn An", "001215012345"],
    [2, "=HYPERLINK(\"http://x\",\"Bấm\")", null],
  ],
};

async function load(bytes: Uint8Array): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return workbook.worksheets[0]!;
}

describe("tableToXlsx", () => {
  it("writes the title, a bold header, text-formatted ID columns and the widths", async () => {
    const sheet = await load(await tableToXlsx(TABLE));
    expect(sheet.name).toBe("Danh sách thôn Đông");
    expect(sheet.getCell("A1").value).toBe("DANH SÁCH TRẺ EM");
    expect(sheet.getCell("C1").value).toBe("DANH SÁCH TRẺ EM");
    expect(sheet.getRow(4).values).toEqual([undefined, "STT", "Họ và tên", "Số định danh cá nhân"]);
    expect(sheet.getCell("B4").font?.bold).toBe(true);
    expect(sheet.getCell("C5").value).toBe("001215012345");
    expect(sheet.getCell("C5").numFmt).toBe("@");
    expect(sheet.getColumn(2).width).toBe(24);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 4 });
  });

  it("writes text as text, never as a formula, and neutralises formula-like text", async () => {
    const sheet = await load(await tableToXlsx(TABLE));
    const cell = sheet.getCell("B6");
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe("'=HYPERLINK(\"http://x\",\"Bấm\")");
    expect(sheet.getCell("A6").value).toBe(2);
  });
});
