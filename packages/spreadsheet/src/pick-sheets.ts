// A workbook of one sheet per class (1A, 1B, 2A) is one list: every visible sheet whose
// columns say the same as the main sheet's is read; the others are named with the reason.
import type { LocalizedText } from "@roster/schema";
import type { ColumnMapping } from "./column-targets";
import { SpreadsheetReadError } from "./errors";
import { findHeaderRow } from "./find-header-row";
import { guessMapping } from "./guess-mapping";
import { READ_MESSAGES, SHEET_MESSAGES } from "./messages";
import type { SkippedSheet } from "./raw-table";
import type { XlsxSheet } from "./read-xlsx";

interface Judged {
  sheet: XlsxSheet;
  mapping: ColumnMapping | null;
  named: number;
}

function judge(sheet: XlsxSheet): Judged {
  const header = findHeaderRow(sheet.rows);
  const mapping = header === null ? null : guessMapping(header.cells);
  return { sheet, mapping, named: mapping === null ? 0 : mapping.filter((t) => t !== null).length };
}

/** Two headers say the same when no column names two different fields and the name is
 * in the same column: one sheet may have a "Ghi chú" column the others lack. */
function sameShape(a: ColumnMapping, b: ColumnMapping): boolean {
  const width = Math.max(a.length, b.length);
  for (let c = 0; c < width; c++) {
    const [x, y] = [a[c] ?? null, b[c] ?? null];
    if ((x === "fullName" || y === "fullName") && x !== y) return false;
    if (x !== null && y !== null && x !== y) return false;
  }
  return true;
}

function isEmpty(sheet: XlsxSheet): boolean {
  return !sheet.rows.some((row) => row.some((cell) => cell !== null && cell !== ""));
}

export interface PickedSheets {
  /** The sheet whose header the mapping comes from. */
  main: XlsxSheet;
  /** Every sheet read, in workbook order. */
  read: XlsxSheet[];
  skipped: SkippedSheet[];
}

/**
 * The sheets to import. `wanted` names them (each must exist; hidden ones too); by default
 * the visible sheet whose header names the most fields is the main one, and every other
 * visible sheet with the same header shape is read with it. A chosen or visible sheet with
 * other columns, and every sheet not read, is listed in `skipped` with its reason.
 * @throws SpreadsheetReadError (`unknown_sheet`) when a wanted sheet does not exist.
 */
export function pickSheets(sheets: readonly XlsxSheet[], wanted: readonly string[] = []): PickedSheets {
  const missing = wanted.filter((name) => !sheets.some((s) => s.name === name));
  if (missing.length > 0) throw new SpreadsheetReadError("unknown_sheet", READ_MESSAGES.unknownSheet(missing, sheets.map((s) => s.name)));
  const judged = sheets.map(judge);
  const candidates = wanted.length > 0 ? judged.filter((j) => wanted.includes(j.sheet.name)) : judged.filter((j) => !j.sheet.hidden);
  let main: Judged | undefined;
  for (const j of candidates) if (j.mapping !== null && (main === undefined || j.named > main.named)) main = j;
  main ??= candidates.find((j) => !isEmpty(j.sheet)) ?? candidates[0] ?? judged[0]!;

  const read: XlsxSheet[] = [];
  const skipped: SkippedSheet[] = [];
  const skip = (name: string, reason: LocalizedText) => skipped.push({ name, reason });
  for (const j of judged) {
    const { sheet } = j;
    if (j === main) read.push(sheet);
    else if (!candidates.includes(j)) skip(sheet.name, wanted.length > 0 ? SHEET_MESSAGES.notChosen : SHEET_MESSAGES.hidden);
    else if (isEmpty(sheet)) skip(sheet.name, SHEET_MESSAGES.empty);
    else if (j.mapping === null || main.mapping === null) skip(sheet.name, SHEET_MESSAGES.noHeader);
    else if (!sameShape(j.mapping, main.mapping)) skip(sheet.name, SHEET_MESSAGES.otherColumns(main.sheet.name));
    else read.push(sheet);
  }
  return { main: main.sheet, read, skipped };
}
