import { SpreadsheetReadError } from "./errors";
import { READ_MESSAGES } from "./messages";
import type { RawTable } from "./raw-table";
import { readCsv } from "./read-csv";
import { pickSheets } from "./pick-sheets";
import { readXls } from "./read-xls";
import { readXlsx, type XlsxSheet } from "./read-xlsx";

// Files are told apart by their first bytes, not their names: lists travel through Zalo
// and e-mail renamed, and Excel saves CSV under any name the person types.
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP_EMPTY = [0x50, 0x4b, 0x05, 0x06];

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}

// Text files never hold NUL bytes except as UTF-16, which starts with a BOM.
function looksBinary(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 4096);
  const utf16 = startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff]);
  return !utf16 && head.includes(0);
}

export interface ReadWorkbookOptions {
  /** XLSX / XLS: the sheet to read, by name (same as `sheets: [sheet]`). */
  sheet?: string;
  /** XLSX / XLS: the sheets to read, by name; by default every visible sheet shaped like the main one. */
  sheets?: readonly string[];
}

function workbookTable(format: "xlsx" | "xls", sheets: readonly XlsxSheet[], options: ReadWorkbookOptions): RawTable {
  const wanted = [...(options.sheets ?? []), ...(options.sheet === undefined ? [] : [options.sheet])];
  const { main, read, skipped } = pickSheets(sheets, wanted);
  return {
    format,
    sheet: main.name,
    sheetNames: sheets.map((s) => s.name),
    rows: main.rows,
    sheets: read.map(({ name, rows }) => ({ name, rows })),
    skippedSheets: skipped,
    warnings: [],
  };
}

/**
 * Reads an imported file: XLSX (Office Open XML), old binary XLS (BIFF8), or CSV /
 * tab-separated text in any encoding schools use (see `decodeText`). Recognised by
 * content; `fileName` names the CSV "sheet" and is only a hint. A workbook is read whole:
 * the sheets chosen, or by default every visible sheet shaped like the one that looks
 * most like a list of children (`pickSheets`); `skippedSheets` says why others were not.
 * @throws SpreadsheetReadError for a non-spreadsheet, an empty or damaged file, or a
 * chosen sheet that does not exist.
 */
export async function readWorkbook(bytes: Uint8Array, fileName: string, options: ReadWorkbookOptions = {}): Promise<RawTable> {
  if (bytes.length === 0) throw new SpreadsheetReadError("empty", READ_MESSAGES.empty);
  if (startsWith(bytes, OLE2)) return workbookTable("xls", await readXls(bytes), options);
  if (startsWith(bytes, ZIP) || startsWith(bytes, ZIP_EMPTY)) return workbookTable("xlsx", await readXlsx(bytes), options);
  if (looksBinary(bytes)) throw new SpreadsheetReadError("unsupported_format", READ_MESSAGES.unsupported(fileName));
  return readCsv(bytes, fileName);
}
