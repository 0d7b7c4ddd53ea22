// Dates as lists hold them: Vietnamese day-first text (04/03/2015, 4/3/15, 04.03.2015,
// 04-03-2015, "ngày 4 tháng 3 năm 2015"), ISO text, Excel dates (read as Date) and Excel
// serial numbers (a date column formatted as General, or a CSV of one).
import { formatIsoDate, parseIsoDate } from "@roster/rules";
import { cellText, type CellValue } from "./cell-value";
import { CELL_MESSAGES } from "./messages";
import { EMPTY_CELL, problem, type ParsedCell } from "./parsed-cell";

/** Day first (Vietnam) or month first (a file from an English-language phone or Excel). */
export type DateOrder = "dmy" | "mdy";

/** Whose date it is: decides the century of a two-digit year. */
export type DatePerson = "child" | "adult";

export interface DateCellOptions {
  /** The day the import is judged on (`YYYY-MM-DD`). */
  asOf: string;
  person: DatePerson;
  /** `dmy` (Vietnamese lists); `mdy` to read a text cell month-first (see `reviewDate`). */
  order?: DateOrder;
}

const MS_PER_DAY = 86_400_000;
// Excel's day 0 is 1899-12-31 and it counts a 29 February 1900 that never was (kept from
// Lotus 1-2-3): from serial 61 (1 March 1900) on, day 0 is effectively 1899-12-30.
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const EXCEL_LEAP_BUG_SERIAL = 60;
const YEAR_FIRST = /^(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?$/i;
const DAY_FIRST = /^(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{4}|\d{2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]m)?)?$/i;
const IN_WORDS = /^ng[aà]y\s+(\d{1,2})\s+th[aá]ng\s+(\d{1,2})\s+n[aă]m\s+(\d{4}|\d{2})$/iu;
const MONTH_YEAR = /^(\d{1,2})\s*[-/.]\s*(\d{4})$/;
const NUMBER = /^\d+(?:[.,]\d+)?$/;

function asOfYear(asOf: string): number {
  const date = parseIsoDate(asOf);
  if (date === null) throw new RangeError(`parseDateCell: asOf is not a valid date: ${JSON.stringify(asOf)}`);
  return date.year;
}

/** The years a two-digit year may mean: a child born in the last 25 years, an adult
 * aged 12 to 100. The two centuries are 100 years apart, so at most one fits. */
function fullYear(twoDigits: number, options: DateCellOptions): number | null {
  const now = asOfYear(options.asOf);
  const [from, to] = options.person === "child" ? [now - 25, now] : [now - 100, now - 12];
  for (const year of [1900 + twoDigits, 2000 + twoDigits]) if (year >= from && year <= to) return year;
  return null;
}

function isoOf(year: number, month: number, day: number, text: string): ParsedCell<string> {
  const iso = formatIsoDate({ year, month, day });
  return parseIsoDate(iso) === null ? problem(CELL_MESSAGES.dateImpossible(text)) : { value: iso };
}

function fromParts(first: number, second: number, yearText: string, text: string, options: DateCellOptions): ParsedCell<string> {
  const [day, month] = options.order === "mdy" ? [second, first] : [first, second];
  let year = Number(yearText);
  if (yearText.length === 2) {
    const full = fullYear(year, options);
    if (full === null) return problem(CELL_MESSAGES.dateCentury(text));
    year = full;
  }
  return isoOf(year, month, day, text);
}

function fromUtcDate(date: Date, text: string): ParsedCell<string> {
  if (Number.isNaN(date.getTime())) return problem(CELL_MESSAGES.dateUnreadable(text));
  return isoOf(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), text);
}

/** Eight digits typed together: day-month-year (04032015) or year-month-day (20150304).
 * Both cannot be real dates: a year-first reading has a month of 18 or more when read
 * day-first with a year from 1800 on. */
function fromEightDigits(digits: string, text: string): ParsedCell<string> {
  const dayFirst = isoOf(Number(digits.slice(4)), Number(digits.slice(2, 4)), Number(digits.slice(0, 2)), text);
  return dayFirst.value !== null ? dayFirst : isoOf(Number(digits.slice(0, 4)), Number(digits.slice(4, 6)), Number(digits.slice(6)), text);
}

function fromNumber(n: number, text: string, options: DateCellOptions): ParsedCell<string> {
  const whole = Math.floor(n);
  // A number that reads as a year is a year, not day 2015 of the Excel calendar (1905).
  if (whole === n && whole >= 1800 && whole <= 2200) return problem(CELL_MESSAGES.dateYearOnly(text));
  // A number cell dropped the leading zero of 04032015.
  if (whole === n && whole >= 1_010_000 && whole <= 99_999_999) return fromEightDigits(String(whole).padStart(8, "0"), text);
  if (whole === EXCEL_LEAP_BUG_SERIAL) return problem(CELL_MESSAGES.dateLeapBug);
  const now = asOfYear(options.asOf);
  const date = new Date((whole < EXCEL_LEAP_BUG_SERIAL ? whole + 1 : whole) * MS_PER_DAY + EXCEL_EPOCH_MS);
  const year = date.getUTCFullYear();
  if (whole < 1 || year < now - 120 || year > now + 1) return problem(CELL_MESSAGES.dateSerialOutOfRange(text));
  return fromUtcDate(date, text);
}

/**
 * Reads a date cell as `YYYY-MM-DD`. Day-first text with `/`, `.`, `-` or spaces
 * (month-first when `order` is `mdy`), a two-digit year in the century that fits the
 * person (`child`: born in the 25 years before `asOf`; `adult`: aged 12 to 100), ISO
 * text, "ngày 4 tháng 3 năm 2015", a Date cell (its UTC day), an Excel serial number
 * (with Excel's phantom 29/02/1900 refused), eight digits typed together (04032015 or
 * 20150304).
 * A bare year, a month and year, an impossible date or an unplausible serial is a
 * `problem` with its reason: a date is never guessed.
 * @throws RangeError when `options.asOf` is not a valid `YYYY-MM-DD` date.
 */
export function parseDateCell(value: CellValue, options: DateCellOptions): ParsedCell<string> {
  if (value === null) return EMPTY_CELL;
  if (value instanceof Date) return fromUtcDate(value, cellText(value));
  const text = cellText(value);
  if (text === "") return EMPTY_CELL;
  if (typeof value === "boolean") return problem(CELL_MESSAGES.dateUnreadable(text));
  if (typeof value === "number") return fromNumber(value, text, options);
  if (/^\d{8}$/.test(text)) return fromEightDigits(text, text);
  if (NUMBER.test(text)) return fromNumber(Number(text.replace(",", ".")), text, options);
  let match = YEAR_FIRST.exec(text);
  if (match) return isoOf(Number(match[1]), Number(match[2]), Number(match[3]), text);
  match = DAY_FIRST.exec(text) ?? IN_WORDS.exec(text.normalize("NFC"));
  if (match) return fromParts(Number(match[1]), Number(match[2]), match[3]!, text, options);
  if (MONTH_YEAR.test(text)) return problem(CELL_MESSAGES.dateMonthYearOnly(text));
  return problem(CELL_MESSAGES.dateUnreadable(text));
}
