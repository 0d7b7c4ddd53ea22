// Date arithmetic for the generator, on top of the rules' calendar (UTC day numbers, so a
// machine's time zone never moves a date).
import { addDays, daysBetween, formatIsoDate, parseIsoDate } from "@roster/rules";
import type { Random } from "./random";

function parse(date: string) {
  const parsed = parseIsoDate(date);
  if (!parsed) throw new RangeError(`not a YYYY-MM-DD date: ${JSON.stringify(date)}`);
  return parsed;
}

/** The same calendar day `years` years earlier; 29 February becomes 28 February. */
export function yearsBefore(date: string, years: number): string {
  const { year, month, day } = parse(date);
  const target = year - years;
  const leap = (target % 4 === 0 && target % 100 !== 0) || target % 400 === 0;
  return formatIsoDate({ year: target, month, day: month === 2 && day === 29 && !leap ? 28 : day });
}

/** A uniformly drawn date in [from, to], both included. */
export function dateBetween(rng: Random, from: string, to: string): string {
  const span = daysBetween(from, to);
  if (span === null || span < 0) throw new RangeError(`empty date range ${from}..${to}`);
  return addDays(from, rng.int(0, span));
}

/** The year of a `YYYY-MM-DD` date. */
export function yearOf(date: string): number {
  return parse(date).year;
}

/** The date with day and month exchanged, when that is another real date ("2015-03-07" → "2015-07-03"). */
export function swapDayMonth(date: string): string | null {
  const { year, month, day } = parse(date);
  if (day === month || day > 12) return null;
  return formatIsoDate({ year, month: day, day: month });
}

export { addDays, daysBetween };
