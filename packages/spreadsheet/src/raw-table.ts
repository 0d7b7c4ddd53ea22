import type { LocalizedText } from "@roster/schema";
import type { CellValue } from "./cell-value";

/** How the bytes of a CSV file were decoded. */
export type TextEncodingName = "utf-8" | "utf-8-bom" | "utf-16le" | "utf-16be" | "windows-1258" | "windows-1252";

/**
 * One sheet of an imported file, every row kept (empty ones too) so that `rows[i]` is
 * the spreadsheet's row `i + 1`, the number a person sees in Excel.
 */
export interface RawTable {
  format: "xlsx" | "csv";
  /** The sheet read (XLSX), or the file name (CSV). */
  sheet: string;
  /** Every sheet of the workbook, for letting the person pick another one. */
  sheetNames: string[];
  /** CSV only: how the bytes were decoded. */
  encoding?: TextEncodingName;
  rows: CellValue[][];
  /** Problems the reader worked around (an unclosed quote in a CSV, ...). */
  warnings: LocalizedText[];
}
