// Old binary Excel files (.xls, BIFF8 in an OLE2 container), still what many schools save.
// Read with SheetJS Community Edition 0.20.3 as republished on npm by `@e965/xlsx` (the
// upstream tag built and published by CI; the `xlsx` package on npm is frozen at 0.18.5
// with known advisories). It is loaded only when such a file arrives, so neither the app's
// worker chunk for XLSX/CSV nor the server start pays for it.
import type { CellObject, WorkSheet } from "@e965/xlsx";
import type { CellValue } from "./cell-value";
import { SpreadsheetReadError } from "./errors";
import { READ_MESSAGES } from "./messages";
import type { XlsxSheet } from "./read-xlsx";

const MS_PER_DAY = 86_400_000;
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);
// See read-xlsx.ts: "000000000000" keeps the leading zeros of an ID number.
const ZERO_PADDING = /^0+$/;

type IsDate = (format: string) => boolean;

function cellValue(cell: CellObject | undefined, isDate: IsDate, date1904: boolean): CellValue {
  if (cell === undefined || cell.v === undefined || cell.v === null) return null;
  const { t, v } = cell;
  if (t === "e") return null;
  if (t === "s" || typeof v === "string") return String(v);
  if (t === "b" || typeof v === "boolean") return Boolean(v);
  if (v instanceof Date) return v;
  if (typeof v !== "number") return null;
  const format = typeof cell.z === "string" ? cell.z : "";
  if (format !== "" && format !== "General" && isDate(format)) {
    // Excel's serial with its phantom 29/02/1900 (serials below 61 are one day off); as
    // exceljs does, a date cell becomes the UTC midnight of its day.
    const serial = Math.floor(v);
    const day = date1904 ? EPOCH_1904 + serial * MS_PER_DAY : EPOCH_1900 + (serial < 61 ? serial + 1 : serial) * MS_PER_DAY;
    return new Date(day);
  }
  if (ZERO_PADDING.test(format) && Number.isSafeInteger(v) && v >= 0) return v.toFixed(0).padStart(format.length, "0");
  return v;
}

function readSheet(name: string, sheet: WorkSheet, hidden: boolean, isDate: IsDate, date1904: boolean): XlsxSheet {
  const data = (sheet["!data"] ?? []) as (CellObject[] | undefined)[];
  const rows: CellValue[][] = [];
  for (let r = 0; r < data.length; r++) {
    const cells = data[r] ?? [];
    const row: CellValue[] = [];
    for (let c = 0; c < cells.length; c++) row.push(cellValue(cells[c], isDate, date1904));
    rows.push(row);
  }
  // Merged cells repeat their top-left value, as read-xlsx does; only within the rows and
  // columns that hold cells, so a merge declared over the whole sheet adds nothing.
  const width = rows.reduce((max, row) => Math.max(max, row.length), 0);
  for (const merge of sheet["!merges"] ?? []) {
    const value = rows[merge.s.r]?.[merge.s.c] ?? null;
    if (value === null) continue;
    for (let r = merge.s.r; r <= Math.min(merge.e.r, rows.length - 1); r++) {
      const row = rows[r]!;
      for (let c = merge.s.c; c <= Math.min(merge.e.c, width - 1); c++) {
        while (row.length < c) row.push(null);
        if (r !== merge.s.r || c !== merge.s.c) row[c] = value;
      }
    }
  }
  return { name, hidden, rows };
}

/**
 * Reads every worksheet of an old binary .xls workbook, the same shape as `readXlsx`:
 * merged cells repeat their value, date-formatted numbers are Dates (UTC midnight),
 * zero-padded numbers are text, formulas give their cached result.
 * @throws SpreadsheetReadError when the bytes are not a readable workbook.
 */
export async function readXls(bytes: Uint8Array): Promise<XlsxSheet[]> {
  const XLSX = await import("@e965/xlsx");
  let workbook: ReturnType<typeof XLSX.read>;
  try {
    workbook = XLSX.read(bytes, { type: "array", dense: true, cellNF: true, cellDates: false, cellHTML: false, cellStyles: false });
  } catch (cause) {
    throw new SpreadsheetReadError("damaged", READ_MESSAGES.damaged, { cause });
  }
  const isDate: IsDate = (format) => XLSX.SSF.is_date(format);
  const date1904 = workbook.Workbook?.WBProps?.date1904 === true;
  const sheets = workbook.SheetNames.map((name, index) => {
    const hidden = (workbook.Workbook?.Sheets?.[index]?.Hidden ?? 0) !== 0;
    return readSheet(name, workbook.Sheets[name]!, hidden, isDate, date1904);
  });
  if (sheets.length === 0) throw new SpreadsheetReadError("no_sheet", READ_MESSAGES.noSheet);
  return sheets;
}
