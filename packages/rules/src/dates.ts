// Calendar dates as the roster stores them: `YYYY-MM-DD` strings with no time and no
// zone. All arithmetic goes through UTC day numbers so that the machine's time zone
// (a phone in Hà Nội, a server in UTC) never shifts a date by one.

import {
  ageBetweenKeys,
  dateKey,
  dayNumberOfKey,
  dayOfKey,
  MAX_YEAR,
  MIN_YEAR,
  monthOfKey,
  NO_DATE,
  yearOfKey,
} from "./date-key";

/** A calendar date split into numbers; `month` and `day` start at 1. */
export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const MS_PER_DAY = 86_400_000;
// Asia/Ho_Chi_Minh has been UTC+7 without daylight saving since 1975.
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

/**
 * Parses a strict `YYYY-MM-DD` string that names a real calendar date in 1800–2999.
 * Returns null for anything else (other separators, missing zeros, 2013-02-29, null).
 */
export function parseIsoDate(s: string | null | undefined): CalendarDate | null {
  const key = dateKey(s);
  if (key === NO_DATE) return null;
  return { year: yearOfKey(key), month: monthOfKey(key), day: dayOfKey(key) };
}

/** Whether `s` is a strict `YYYY-MM-DD` real calendar date in 1800–2999. */
export function isIsoDate(s: string | null | undefined): boolean {
  return dateKey(s) !== NO_DATE;
}

/** Formats a calendar date as `YYYY-MM-DD` (the year padded to four digits). */
export function formatIsoDate(date: CalendarDate): string {
  const pad = (n: number, width: number) => String(n).padStart(width, "0");
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

function dayNumber(date: CalendarDate): number {
  return Date.UTC(date.year, date.month - 1, date.day) / MS_PER_DAY;
}

function fromUtcMs(ms: number): CalendarDate {
  const d = new Date(ms);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/**
 * Age in completed years at `asOf`. The birthday itself counts (born 2012-06-08 is 14 on
 * 2026-06-08); a 29 February birthday is reached on 1 March in common years. Negative when
 * `dob` is after `asOf` (the caller reports `dob.future`). Null when either date is invalid.
 */
export function ageAt(dob: string, asOf: string): number | null {
  const birth = dateKey(dob);
  const at = dateKey(asOf);
  if (birth === NO_DATE || at === NO_DATE) return null;
  return ageBetweenKeys(birth, at);
}

/** Days from `from` to `to` (`to − from`, negative when `to` is earlier); null when either is invalid. */
export function daysBetween(from: string, to: string): number | null {
  const a = dateKey(from);
  const b = dateKey(to);
  if (a === NO_DATE || b === NO_DATE) return null;
  return dayNumberOfKey(b) - dayNumberOfKey(a);
}

/**
 * The date `days` days after `date` (before it when negative).
 * @throws RangeError when `date` is not a valid date, `days` is not an integer, or the
 * result leaves 1800–2999 — callers check the date first, so this is a programming error.
 */
export function addDays(date: string, days: number): string {
  const start = parseIsoDate(date);
  if (!start) throw new RangeError(`addDays: not a valid date: ${JSON.stringify(date)}`);
  if (!Number.isInteger(days)) throw new RangeError(`addDays: days must be an integer, got ${days}`);
  const result = fromUtcMs((dayNumber(start) + days) * MS_PER_DAY);
  if (result.year < MIN_YEAR || result.year > MAX_YEAR) {
    throw new RangeError(`addDays: ${date} + ${days} days leaves ${MIN_YEAR}–${MAX_YEAR}`);
  }
  return formatIsoDate(result);
}

/**
 * The calendar date in Vietnam (Asia/Ho_Chi_Minh, UTC+7) at `instant`; the server uses it
 * as `asOf`, so a record checked at 06:30 in Hà Nội is judged on the local day, not UTC's.
 * @throws RangeError for an invalid Date.
 */
export function isoDateInVietnam(instant: Date): string {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError("isoDateInVietnam: invalid Date");
  return formatIsoDate(fromUtcMs(ms + VIETNAM_OFFSET_MS));
}

const DAY_FIRST_TEXT = /^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\s*$/;
const DAY_FIRST_DIGITS = /^\s*(\d{2})(\d{2})(\d{4})\s*$/;

/**
 * Reads a date as people in Vietnam type it, day first: `dd/mm/yyyy` (also `d/m/yyyy`,
 * dots or dashes, or the eight digits `ddmmyyyy`), whatever the device's language.
 * Returns the stored `YYYY-MM-DD`, or null when the text names no real date.
 */
export function parseDayFirstDate(text: string): string | null {
  const match = DAY_FIRST_TEXT.exec(text) ?? DAY_FIRST_DIGITS.exec(text);
  if (match === null) return null;
  const iso = formatIsoDate({ year: Number(match[3]), month: Number(match[2]), day: Number(match[1]) });
  return isIsoDate(iso) ? iso : null;
}

/** A stored `YYYY-MM-DD` date as people read it, `dd/mm/yyyy`; any other text unchanged. */
export function formatDayFirstDate(iso: string): string {
  const date = parseIsoDate(iso);
  if (date === null) return iso;
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(date.day)}/${pad(date.month)}/${String(date.year).padStart(4, "0")}`;
}
