// Vietnamese lists are day-first, and a column is never turned month-first as a whole:
// one "3/25/2015" row would flip every other date of the column without a word. What a
// column's cells show is kept as evidence instead, and each doubtful cell is read
// day-first where the text says so and flagged for review (see `reviewDate`).
import { formatIsoDate, parseIsoDate } from "@roster/rules";
import { cellText, type CellValue } from "./cell-value";
import { formatDate } from "./format-values";
import { CELL_MESSAGES } from "./messages";
import { parseDateCell, type DateCellOptions } from "./parse-date-cell";
import { withIssue, type ParsedCell } from "./parsed-cell";

const DAY_MONTH_YEAR = /^(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{4}|\d{2})\b/;

/** What the cells of one date column say about their order. */
export interface DateEvidence {
  /** Some text cell can only be day-first (25/03/2015). */
  textDayFirst: boolean;
  /** Some text cell can only be month-first (03/25/2015). */
  textMonthFirst: boolean;
  /** Every filled cell is an Excel date cell (Excel decided the order, not the text). */
  allDateCells: boolean;
}

export const NO_EVIDENCE: DateEvidence = Object.freeze({ textDayFirst: false, textMonthFirst: false, allDateCells: false });

function numbers(value: CellValue): [number, number] | null {
  if (typeof value !== "string") return null;
  const match = DAY_MONTH_YEAR.exec(cellText(value));
  return match ? [Number(match[1]), Number(match[2])] : null;
}

/** The evidence of a date column's cells. */
export function dateEvidence(values: Iterable<CellValue>): DateEvidence {
  let textDayFirst = false;
  let textMonthFirst = false;
  let filled = 0;
  let dates = 0;
  for (const value of values) {
    if (value === null || cellText(value) === "") continue;
    filled++;
    if (value instanceof Date) dates++;
    const pair = numbers(value);
    if (pair === null) continue;
    const [first, second] = pair;
    if (first > 12 && second <= 12) textDayFirst = true;
    if (second > 12 && first <= 12) textMonthFirst = true;
  }
  return { textDayFirst, textMonthFirst, allDateCells: filled > 0 && dates === filled };
}

function swapped(iso: string): string | null {
  const date = parseIsoDate(iso);
  if (date === null || date.day > 12 || date.day === date.month) return null;
  return formatIsoDate({ year: date.year, month: date.day, day: date.month });
}

/**
 * Reads a date cell day-first and says when it needs a person's eye (`review`):
 * - text that cannot be day-first but can be month-first (03/25/2015): read month-first;
 * - day-first text that could be month-first, in a column where some text can only be
 *   month-first: kept day-first;
 * - an Excel date cell that may have been swapped by an Excel set to a US locale (day and
 *   month both 12 or less), in a column whose text cells are day-first (such an Excel
 *   keeps 25/03 as text and turns 05/03 into 3 May) or whose cells are all date cells:
 *   kept as stored, the other reading said. Not swapped: a list saved by a Vietnamese
 *   Excel mixes correct date cells with day-first text just the same.
 */
export function reviewDate(value: CellValue, evidence: DateEvidence, options: DateCellOptions): ParsedCell<string> & { review?: true } {
  const parsed = parseDateCell(value, { ...options, order: "dmy" });
  if (value instanceof Date) {
    const other = parsed.value === null ? null : swapped(parsed.value);
    if (other === null || !(evidence.textDayFirst || evidence.allDateCells)) return parsed;
    return { ...withIssue(parsed.value!, "warning", CELL_MESSAGES.dateCellMaySwap(formatDate(parsed.value!), formatDate(other))), review: true };
  }
  const pair = numbers(value);
  if (pair === null) return parsed;
  const [first, second] = pair;
  const text = cellText(value);
  if (parsed.value === null && second > 12 && first <= 12) {
    const monthFirst = parseDateCell(value, { ...options, order: "mdy" });
    if (monthFirst.value !== null) return { ...withIssue(monthFirst.value, "warning", CELL_MESSAGES.dateMonthFirst(text, formatDate(monthFirst.value))), review: true };
    return parsed;
  }
  if (parsed.value !== null && evidence.textMonthFirst && first <= 12 && second <= 12 && first !== second) {
    const other = swapped(parsed.value);
    if (other !== null) return { ...withIssue(parsed.value, "warning", CELL_MESSAGES.dateMaybeMonthFirst(text, formatDate(parsed.value), formatDate(other))), review: true };
  }
  return parsed;
}
