import ExcelJS from "exceljs";
import type { CellValue } from "./cell-value";
import { SpreadsheetReadError } from "./errors";
import { READ_MESSAGES } from "./messages";

/** One worksheet's cells; `rows[i]` is the sheet's row `i + 1`. */
export interface XlsxSheet {
  name: string;
  hidden: boolean;
  rows: CellValue[][];
}

// Parts of a workbook that hold no cell values; skipping them makes large files load faster.
const IGNORED_NODES = ["dataValidations", "conditionalFormatting", "extLst", "headerFooter", "drawing", "picture", "rowBreaks", "sheetProtection"];
// A custom number format of zeros only ("000000000000") shows a number padded to that
// many digits: the way careful people keep the leading zeros of ID numbers in Excel.
const ZERO_PADDING = /^0+$/;

function fromRichText(value: { richText: { text: string }[] }): string {
  return value.richText.map((run) => run.text).join("");
}

/** The plain value of an exceljs cell value (formulas give their cached result). */
function plainValue(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (value instanceof Date) return value;
  if (typeof value !== "object") return null;
  if ("richText" in value && Array.isArray(value.richText)) return fromRichText(value as { richText: { text: string }[] });
  if ("result" in value) return plainValue(value.result);
  if ("text" in value) return plainValue(value.text);
  // { error: "#N/A" } and formulas without a cached result hold no value.
  return null;
}

function readCell(cell: ExcelJS.Cell): CellValue {
  const value = plainValue(cell.value);
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) {
    const format = cell.numFmt;
    if (typeof format === "string" && ZERO_PADDING.test(format)) return value.toFixed(0).padStart(format.length, "0");
  }
  return value;
}

function readSheet(sheet: ExcelJS.Worksheet): XlsxSheet {
  const rows: CellValue[][] = [];
  const rowCount = sheet.rowCount;
  for (let r = 1; r <= rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: CellValue[] = [];
    const width = row.cellCount;
    for (let c = 1; c <= width; c++) cells.push(readCell(row.getCell(c)));
    rows.push(cells);
  }
  return { name: sheet.name, hidden: sheet.state !== "visible", rows };
}

/**
 * Reads every worksheet of an XLSX workbook. Merged cells repeat the value of their
 * top-left cell (a title merged across the page, a village merged down a column);
 * rich text is flattened, formulas give their cached result, hyperlinks their text.
 * @throws SpreadsheetReadError when the bytes are not a readable workbook.
 */
export async function readXlsx(bytes: Uint8Array): Promise<XlsxSheet[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs types its input as Node's Buffer; both of its builds hand it to JSZip,
    // which takes a Uint8Array.
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer, { ignoreNodes: IGNORED_NODES });
  } catch (cause) {
    throw new SpreadsheetReadError("damaged", READ_MESSAGES.damaged, { cause });
  }
  const sheets = workbook.worksheets.map(readSheet);
  if (sheets.length === 0) throw new SpreadsheetReadError("no_sheet", READ_MESSAGES.noSheet);
  return sheets;
}
