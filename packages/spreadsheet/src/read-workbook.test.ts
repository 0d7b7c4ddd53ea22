import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { classListXlsx } from "../test/fixture-files";
import { SpreadsheetReadError } from "./errors";
import { readWorkbook } from "./read-workbook";

async function workbookBytes(build: (workbook: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  build(workbook);
  return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

describe("readWorkbook (XLSX)", () => {
  it("keeps row numbers as Excel shows them and repeats merged values", async () => {
    const { bytes, fileName } = await classListXlsx();
    const table = await readWorkbook(bytes, fileName);
    expect(table.format).toBe("xlsx");
    expect(table.sheet).toBe("Lớp 3A");
    // Row 3 is the title merged over A:L, row 5 "Họ và tên" merged over B:C.
    expect(table.rows[2]?.[0]).toBe("DANH SÁCH HỌC SINH LỚP 3A");
    expect(table.rows[2]?.[11]).toBe("DANH SÁCH HỌC SINH LỚP 3A");
    expect(table.rows[4]?.slice(1, 3)).toEqual(["Họ và tên", "Họ và tên"]);
    expect(table.rows[6]?.slice(0, 3)).toEqual([1, "Nguyễn Văn", "An"]);
  });

  it("gives dates as Date, numbers as numbers, and a zero-padded number format as its text", async () => {
    const bytes = await workbookBytes((workbook) => {
      const sheet = workbook.addWorksheet("DS");
      sheet.addRow(["Họ và tên", "Ngày sinh", "Số định danh", "Số định danh (định dạng 0)"]);
      sheet.addRow(["Nguyễn Văn An", new Date(Date.UTC(2015, 2, 4)), 1215012345, 1215012345]);
      sheet.getCell("D2").numFmt = "000000000000";
    });
    const row = (await readWorkbook(bytes, "x.xlsx")).rows[1]!;
    expect(row[1]).toEqual(new Date(Date.UTC(2015, 2, 4)));
    expect(row[2]).toBe(1215012345);
    expect(row[3]).toBe("001215012345");
  });

  it("flattens rich text, takes formula results and hyperlink texts, drops errors", async () => {
    const bytes = await workbookBytes((workbook) => {
      const sheet = workbook.addWorksheet("DS");
      sheet.addRow([
        { richText: [{ text: "Lê " }, { text: "Thị Hoa", font: { bold: true } }] },
        { formula: "A1&\"\"", result: "Lê Thị Hoa" },
        { text: "Trang cá nhân", hyperlink: "https://example.invalid" },
        { error: "#N/A" },
      ]);
    });
    expect((await readWorkbook(bytes, "x.xlsx")).rows[0]).toEqual(["Lê Thị Hoa", "Lê Thị Hoa", "Trang cá nhân", null]);
  });

  it("picks the sheet that looks like a list, and any sheet asked for by name", async () => {
    const bytes = await workbookBytes((workbook) => {
      workbook.addWorksheet("Hướng dẫn").addRow(["Điền đầy đủ thông tin"]);
      const list = workbook.addWorksheet("Danh sách");
      list.addRow(["STT", "Họ và tên", "Ngày sinh"]);
      list.addRow([1, "Nguyễn Văn An", "04/03/2015"]);
    });
    const table = await readWorkbook(bytes, "x.xlsx");
    expect(table.sheet).toBe("Danh sách");
    expect(table.sheetNames).toEqual(["Hướng dẫn", "Danh sách"]);
    expect((await readWorkbook(bytes, "x.xlsx", { sheet: "Hướng dẫn" })).rows).toEqual([["Điền đầy đủ thông tin"]]);
  });

  it("tells files apart by content, not by name", async () => {
    const csv = new TextEncoder().encode("Họ và tên,Ngày sinh\nNguyễn Văn An,04/03/2015\n");
    expect((await readWorkbook(csv, "danh-sach.xlsx")).format).toBe("csv");
    const { bytes } = await classListXlsx();
    expect((await readWorkbook(bytes, "danh-sach.csv")).format).toBe("xlsx");
  });
});

describe("readWorkbook refuses what it cannot read", () => {
  it.each([
    ["a damaged old binary .xls", Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]), "damaged"],
    ["a picture", Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), "unsupported_format"],
    ["an empty file", new Uint8Array(), "empty"],
    ["a damaged workbook", Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), "damaged"],
  ])("%s", async (_, bytes, code) => {
    const error = await readWorkbook(bytes, "x").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpreadsheetReadError);
    expect((error as SpreadsheetReadError).code).toBe(code);
    expect((error as SpreadsheetReadError).text.vi.length).toBeGreaterThan(0);
  });
});
