// A valid `YYYY-MM-DD` date as one integer, year × 10000 + month × 100 + day
// (2012-06-08 → 20120608). Evaluating a city-wide roster parses several dates per child;
// reading the string by char codes into a number allocates nothing and costs a fraction of
// a regular expression match plus an object, and keys order like the dates they name.
// Internal: `dates.ts` builds the public API on it.

/** What `dateKey` returns for anything that is not a valid date. */
export const NO_DATE = -1;

// Nobody alive in a roster was born before 1800, and a year past 2999 is a typing error;
// the bounds also keep Date.UTC away from its two-digit-year quirk.
export const MIN_YEAR = 1800;
export const MAX_YEAR = 2999;
// Days from 0000-03-01 to 1970-01-01 in the count of `dayNumberOfKey`.
const DAYS_FROM_0000_TO_1970 = 719_468;
const ZERO = 0x30;
const HYPHEN = 0x2d;

/** Whether `year` is a leap year of the Gregorian calendar. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The digits of `s` from `start` to `end` (exclusive) as a number; −1 at a non-digit. */
function digits(s: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const d = s.charCodeAt(i) - ZERO;
    // ASCII digits only: `\d` of the old regular expression did not take others either.
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/**
 * The key of a strict `YYYY-MM-DD` string naming a real calendar date in 1800–2999, or
 * `NO_DATE` for anything else (other separators, missing zeros, 2013-02-29, null).
 */
export function dateKey(s: string | null | undefined): number {
  if (typeof s !== "string" || s.length !== 10) return NO_DATE;
  if (s.charCodeAt(4) !== HYPHEN || s.charCodeAt(7) !== HYPHEN) return NO_DATE;
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 7);
  const day = digits(s, 8, 10);
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12) return NO_DATE;
  if (day < 1 || day > daysInMonth(year, month)) return NO_DATE;
  return year * 10_000 + month * 100 + day;
}

/** The year of a valid key. */
export function yearOfKey(key: number): number {
  return Math.floor(key / 10_000);
}

/** The month (1–12) of a valid key. */
export function monthOfKey(key: number): number {
  return Math.floor(key / 100) % 100;
}

/** The day of the month of a valid key. */
export function dayOfKey(key: number): number {
  return key % 100;
}

/**
 * Age in completed years at `at` of someone born on `birth` (both valid keys). The
 * difference of two keys is (years) × 10000 + (month-and-day difference), and the latter
 * lies strictly between −10000 and 10000, so flooring subtracts one exactly when the
 * birthday (a 29 February one counts once 28 February has passed) is not yet reached.
 */
export function ageBetweenKeys(birth: number, at: number): number {
  return Math.floor((at - birth) / 10_000);
}

/**
 * Days since 1970-01-01 of a valid key: the proleptic Gregorian count that `Date.UTC`
 * gives, in integer arithmetic (H. Hinnant's days_from_civil: years start in March, so
 * the leap day ends a year), without a Date call or any time zone.
 */
export function dayNumberOfKey(key: number): number {
  const month = monthOfKey(key);
  const year = yearOfKey(key) - (month <= 2 ? 1 : 0);
  // Years 1800–2999 are positive, so eras of 400 years need no negative rounding.
  const era = Math.floor(year / 400);
  const yearOfEra = year - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + dayOfKey(key) - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - DAYS_FROM_0000_TO_1970;
}
