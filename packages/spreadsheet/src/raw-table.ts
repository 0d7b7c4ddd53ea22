import type { LocalizedText } from "@roster/schema";
import type { CellValue } from "./cell-value";

/** How the bytes of a CSV file were decoded. */
export type TextEncodingName = "utf-8" | "utf-8-bom" | "utf-16le" | "utf-16be" | "windows-1258" | "windows-1252";

/** One sheet's cells; `rows[i]` is the sheet's row `i + 1`. */
export interface SheetTable {
  name: string;
  rows: CellValue[][];
}

/** A sheet of the workbook that was not read, and why. */
export interface SkippedSheet {
  name: string;
  reason: LocalizedText;
}

/**
 * An imported file, every row kept (empty ones too) so that `rows[i]` is the
 * spreadsheet's row `i + 1`, the number a person sees in Excel.
 */
export interface RawTable {
  format: "xlsx" | "xls" | "csv";
  /** The sheet the header and mapping come from (XLSX / XLS), or the file name (CSV). */
  sheet: string;
  /** Every sheet of the workbook, for letting the person pick others. */
  sheetNames: string[];
  /** CSV only: how the bytes were decoded. */
  encoding?: TextEncodingName;
  /** The rows of `sheet`. */
  rows: CellValue[][];
  /** Every sheet read, in workbook order, `sheet` among them (absent: `sheet` alone).
   * A workbook of one sheet per class is read whole when its sheets share the columns. */
  sheets?: SheetTable[];
  /** The sheets not read, with the reason (hidden, empty, other columns, not chosen). */
  skippedSheets?: SkippedSheet[];
  /** Problems the reader worked around (an unclosed quote in a CSV, ...). */
  warnings: LocalizedText[];
}
