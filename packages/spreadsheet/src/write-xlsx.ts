import ExcelJS from "exceljs";
import type { ExportTable } from "./export-table";
import { neutraliseCell } from "./neutralise-cell";

const A4 = 9 as ExcelJS.PaperSize;
const TEXT_FORMAT = "@";
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: "thin" }, left: { style: "thin" }, bottom: { style: "thin" }, right: { style: "thin" },
};
// Excel refuses sheet names with these characters or longer than 31.
const SHEET_NAME_FORBIDDEN = /[[\]:*?/\\]/g;
const WIDE_TABLE_CHARACTERS = 120;

function toBytes(buffer: ArrayBuffer | Uint8Array): Uint8Array {
  return buffer instanceof Uint8Array ? new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength) : new Uint8Array(buffer);
}

/**
 * Writes a table as an XLSX workbook: the title lines merged across the table, a bold
 * bordered header row frozen at the top and repeated on every printed page, column
 * widths, A4 fitted to the page width. `id` columns are text-formatted so Excel keeps
 * leading zeros (also in cells typed later); every text cell goes through
 * `neutraliseCell`.
 */
export async function tableToXlsx(table: ExportTable): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const totalWidth = table.columns.reduce((sum, c) => sum + c.width, 0);
  const sheet = workbook.addWorksheet(table.sheetName.replace(SHEET_NAME_FORBIDDEN, " ").replace(/\s+/g, " ").trim().slice(0, 31) || "Sheet1", {
    pageSetup: { paperSize: A4, orientation: totalWidth > WIDE_TABLE_CHARACTERS ? "landscape" : "portrait", fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  table.columns.forEach((column, index) => {
    const sheetColumn = sheet.getColumn(index + 1);
    sheetColumn.width = column.width;
    if (column.kind === "id") sheetColumn.numFmt = TEXT_FORMAT;
  });

  const width = Math.max(table.columns.length, 1);
  for (const line of table.title) {
    const row = sheet.addRow([neutraliseCell(line)]);
    sheet.mergeCells(row.number, 1, row.number, width);
    row.getCell(1).font = { bold: true };
    row.getCell(1).alignment = { horizontal: "center" };
  }
  if (table.title.length > 0) sheet.addRow([]);

  const header = sheet.addRow(table.columns.map((c) => neutraliseCell(c.header)));
  header.font = { bold: true };
  header.alignment = { vertical: "middle", horizontal: "center", wrapText: true };
  header.eachCell((cell) => (cell.border = THIN));
  sheet.views = [{ state: "frozen", ySplit: header.number }];
  sheet.pageSetup.printTitlesRow = `${header.number}:${header.number}`;

  for (const values of table.rows) {
    const row = sheet.addRow(values.map((value) => (typeof value === "string" ? neutraliseCell(value) : value)));
    row.alignment = { vertical: "top", wrapText: true };
    for (let c = 1; c <= table.columns.length; c++) row.getCell(c).border = THIN;
  }
  return toBytes((await workbook.xlsx.writeBuffer()) as ArrayBuffer | Uint8Array);
}
