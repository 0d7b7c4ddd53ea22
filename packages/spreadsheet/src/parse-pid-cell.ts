// Personal ID numbers after Excel: a 12-digit number typed into a General cell loses its
// leading zeros (001215012345 → 1215012345), and shown in a narrow column or saved to
// CSV it becomes 1.21501E+11, which has lost six digits for good.
import type { Gender } from "@roster/schema";
import { checkPid, isIsoDate, normalizePid } from "@roster/rules";
import { cellText, type CellValue } from "./cell-value";
import { CELL_MESSAGES } from "./messages";
import { isPlaceholderText } from "./placeholder-cell";
import { EMPTY_CELL, SCIENTIFIC_NOTATION, problem, withIssue, type ParsedCell } from "./parsed-cell";

/** What the holder's row says, to judge a recovered number by. */
export interface PidHolder {
  dob?: string | null;
  gender?: Gender | null;
}

const DIGITS = /^\d+$/;
// Excel's General format keeps six significant digits (1.21501E+11); turned back into a
// number that is 121501000000. The last six digits are random, so a number of 10–12
// digits with six significant digits or fewer is what is left of such a cell.
const MAX_LOST_SIGNIFICANT = 6;

function lostDigits(digits: string): boolean {
  return digits.length >= 10 && digits.replace(/0+$/, "").replace(/^0+/, "").length <= MAX_LOST_SIGNIFICANT;
}

// A capital or small O typed for a zero: 9 or 12 characters of digits and O's.
const DIGITS_AND_O = /^(?=.*[Oo])[0-9Oo]{9}$|^(?=.*[Oo])[0-9Oo]{12}$/;

/** Kept as typed for the rules to judge; a letter O where a zero belongs is said precisely. */
function letterO(typed: string, text: string): ParsedCell<string> {
  if (!DIGITS_AND_O.test(typed)) return { value: typed };
  const positions = [...typed].flatMap((ch, i) => (ch === "O" || ch === "o" ? [i + 1] : []));
  return withIssue(typed, "warning", CELL_MESSAGES.pidLetterO(text, positions, typed.replace(/[Oo]/g, "0")));
}

/**
 * Reads a personal ID number; placeholder text ("Chưa có", "-") is empty; separators are removed (`normalizePid`). Scientific
 * notation, or 10–12 digits of which six or fewer are significant (121501000000), has
 * lost digits: a `problem`, never guessed. Ten or eleven digits are padded back to twelve only when the padded number
 * passes `checkPid` against the holder's known date of birth and gender (`info`);
 * otherwise they are kept as typed with a `warning`. Anything else is kept as typed for
 * the rules to judge (a 9-digit CMND, letters), a letter O among the digits with a
 * `warning` that names its place and the number it would be with a zero.
 */
export function parsePidCell(value: CellValue, holder: PidHolder = {}): ParsedCell<string> {
  const text = cellText(value);
  if (text === "" || isPlaceholderText(text)) return EMPTY_CELL;
  if (typeof value === "number" && !Number.isSafeInteger(value)) return problem(CELL_MESSAGES.pidDigitsLost(text));
  if (SCIENTIFIC_NOTATION.test(text)) return problem(CELL_MESSAGES.pidDigitsLost(text));
  const digits = normalizePid(text);
  if (!DIGITS.test(digits)) return letterO(digits, text);
  if (lostDigits(digits)) return problem(CELL_MESSAGES.pidDigitsLost(text));
  if (digits.length !== 10 && digits.length !== 11) return { value: digits };
  const padded = digits.padStart(12, "0");
  const consistent = isIsoDate(holder.dob) && checkPid(padded, { dob: holder.dob, gender: holder.gender }).length === 0;
  return consistent
    ? withIssue(padded, "info", CELL_MESSAGES.pidRecovered(text, padded))
    : withIssue(digits, "warning", CELL_MESSAGES.pidZerosUnsure(text));
}
