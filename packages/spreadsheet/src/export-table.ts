// A list ready to be written as XLSX or CSV: the same table feeds both writers.

/** How a column's cells are written: `id` columns are text in Excel too (leading zeros
 * stay), `date` columns hold day-first text, `number` columns numbers. */
export type ExportCellKind = "text" | "id" | "date" | "number";

export interface ExportColumn {
  header: string;
  /** Column width in characters (XLSX). */
  width: number;
  kind: ExportCellKind;
}

export type ExportCell = string | number | null;

export interface ExportTable {
  /** Worksheet name (XLSX), at most 31 characters. */
  sheetName: string;
  /** Lines printed above the table in XLSX (a title block); not written to CSV. */
  title: string[];
  columns: ExportColumn[];
  rows: ExportCell[][];
}
