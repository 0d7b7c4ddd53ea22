import { SpreadsheetReadError } from "./errors";
import { findHeaderRow } from "./find-header-row";
import { READ_MESSAGES } from "./messages";
import type { RawTable } from "./raw-table";
import { readCsv } from "./read-csv";
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

/** The sheet to import: a visible one whose header names the most fields, else the first non-empty one. */
function pickSheet(sheets: readonly XlsxSheet[], wanted: string | undefined): XlsxSheet {
  if (wanted !== undefined) {
    const named = sheets.find((s) => s.name === wanted);
    if (named) return named;
  }
  let best: XlsxSheet | undefined;
  let bestColumns = 0;
  for (const sheet of sheets) {
    const header = findHeaderRow(sheet.rows);
    const columns = header === null ? 0 : header.cells.filter((c) => c !== "").length + (sheet.hidden ? 0 : 1000);
    if (columns > bestColumns) [best, bestColumns] = [sheet, columns];
  }
  return best ?? sheets.find((s) => s.rows.some((row) => row.some((cell) => cell !== null))) ?? sheets[0]!;
}

export interface ReadWorkbookOptions {
  /** XLSX: the sheet to read, by name; by default the one that looks most like a list. */
  sheet?: string;
}

/**
 * Reads an imported file: XLSX (Office Open XML) or CSV / tab-separated text in any
 * encoding schools use (see `decodeText`). Recognised by content; `fileName` names the
 * CSV "sheet" and is only a hint. An XLSX workbook is read whole and the sheet that
 * looks most like a list of children is returned (`sheetNames` lists the others).
 * @throws SpreadsheetReadError for an old binary .xls, a non-spreadsheet, an empty or
 * damaged file.
 */
export async function readWorkbook(bytes: Uint8Array, fileName: string, options: ReadWorkbookOptions = {}): Promise<RawTable> {
  if (bytes.length === 0) throw new SpreadsheetReadError("empty", READ_MESSAGES.empty);
  if (startsWith(bytes, OLE2)) throw new SpreadsheetReadError("legacy_xls", READ_MESSAGES.legacyXls);
  if (startsWith(bytes, ZIP) || startsWith(bytes, ZIP_EMPTY)) {
    const sheets = await readXlsx(bytes);
    const sheet = pickSheet(sheets, options.sheet);
    return { format: "xlsx", sheet: sheet.name, sheetNames: sheets.map((s) => s.name), rows: sheet.rows, warnings: [] };
  }
  if (looksBinary(bytes)) throw new SpreadsheetReadError("unsupported_format", READ_MESSAGES.unsupported(fileName));
  return readCsv(bytes, fileName);
}
