// Lines of a list that are not children: blank lines, the header repeated on every
// printed page, the "(1) (2) (3)" column-number line, and the lines under the table
// ("Tổng số: 35 học sinh", "Người lập biểu", a date line) that fill one cell or one
// merged cell.
import type { LocalizedText } from "@roster/schema";
import { cellText, type CellValue } from "./cell-value";
import type { ColumnMapping } from "./column-targets";
import { SKIP_MESSAGES } from "./messages";

const COLUMN_NUMBER = /^\(?\d{1,2}\)?$/;
// A lone value is only a stray line when the list has columns enough to leave empty.
const MIN_COLUMNS_FOR_STRAY = 3;

/**
 * Why a data row is not a child: `"blank"` when it holds nothing in a mapped column
 * (skipped silently), a reason for the other kinds above, null for a row to read.
 */
export function skipReason(raw: readonly CellValue[], mapping: ColumnMapping, headerCells: readonly string[]): LocalizedText | "blank" | null {
  const texts: string[] = [];
  let headerRepeats = 0;
  let dataColumns = 0;
  mapping.forEach((target, column) => {
    if (target === null || target === "index") return;
    dataColumns++;
    const text = cellText(raw[column] ?? null);
    if (text === "") return;
    texts.push(text);
    const header = headerCells[column] ?? "";
    if (text.length === header.length && text.toLowerCase() === header.toLowerCase()) headerRepeats++;
  });
  if (texts.length === 0) return "blank";
  if (texts.length >= 3 && texts.every((text) => COLUMN_NUMBER.test(text))) return SKIP_MESSAGES.columnNumbers;
  if (headerRepeats >= 2 && headerRepeats * 2 >= texts.length) return SKIP_MESSAGES.repeatedHeader;
  const oneValue = texts.length === 1 || (texts.length > 1 && texts.every((text) => text === texts[0]));
  if (oneValue && dataColumns >= MIN_COLUMNS_FOR_STRAY) return SKIP_MESSAGES.tooLittle;
  return null;
}
