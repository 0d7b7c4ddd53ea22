import type { LocalizedText } from "@roster/schema";

/** How much of a spreadsheet a reader will take on; checked before the file is loaded. */
export interface ReadLimits {
  /** Highest row number (a `<row r="1048576">` alone counts as a million rows: exceljs walks them all). */
  maxRows: number;
  /** Cells as read: each row as wide as its last cell, plus every cell a merged range fills. */
  maxCells: number;
  /** Every zip entry inflated, summed: what exceljs would hold in memory at once. */
  maxExpandedBytes: number;
}

/**
 * A commune's largest list is a few thousand children; the bench imports 10,000 rows in a
 * few seconds. Twice that, 50 columns wide, and 64 MB of XML (a 10,000-row list is ≈12 MB)
 * leave room for real files and none for a crafted one.
 */
export const READ_LIMITS: ReadLimits = { maxRows: 20_000, maxCells: 1_000_000, maxExpandedBytes: 64 * 1024 * 1024 };

const t = (vi: string, en: string): LocalizedText => ({ vi, en });
const n = (value: number) => value.toLocaleString("vi-VN");
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

export const LIMIT_MESSAGES = {
  rows: (limits: ReadLimits) =>
    t(
      `Danh sách quá dài (tối đa ${n(limits.maxRows)} dòng): hãy chia thành nhiều tệp`,
      `The list is too long (at most ${limits.maxRows} rows): split it into several files`,
    ),
  cells: (limits: ReadLimits) =>
    t(
      `Trang tính quá lớn (tối đa ${n(limits.maxCells)} ô, kể cả ô gộp): hãy bỏ các ô gộp thừa hoặc chia tệp`,
      `The sheet is too large (at most ${limits.maxCells} cells, merged ranges included): remove stray merged cells or split the file`,
    ),
  expanded: (limits: ReadLimits) =>
    t(
      `Tệp giải nén ra quá lớn (tối đa ${mb(limits.maxExpandedBytes)} MB): không phải một danh sách bình thường`,
      `The file expands to too much data (at most ${mb(limits.maxExpandedBytes)} MB): not an ordinary list`,
    ),
  memory: t(
    "Tệp cần quá nhiều bộ nhớ để đọc: hãy chia thành nhiều tệp nhỏ hơn",
    "Reading the file needs too much memory: split it into smaller files",
  ),
  timeout: t("Đọc tệp quá lâu nên đã dừng: hãy chia thành nhiều tệp nhỏ hơn", "Reading the file took too long and was stopped: split it into smaller files"),
} as const;

/**
 * A file over a read limit, refused before it is loaded (or a reader that ran out of
 * memory or time). Callers answer 413: the file is well formed, just too big to take.
 */
export class SpreadsheetLimitError extends Error {
  override readonly name = "SpreadsheetLimitError";
  constructor(
    readonly code: "too_many_rows" | "too_many_cells" | "too_expanded" | "out_of_memory" | "too_slow",
    readonly text: LocalizedText,
  ) {
    super(text.en);
  }
}
