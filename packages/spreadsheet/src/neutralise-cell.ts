// CSV and formula injection: a cell that starts with = + - @ (or a tab or line break
// before one) is run as a formula when Excel opens a CSV, and survives into any XLSX
// someone makes from it. A name such as "=HYPERLINK(...)" typed into the roster must
// stay text.

const FORMULA_START = /^[=+\-@\t\r\n]/;
// A plain signed number ("-5", "+84912345678", "-1,5") runs nothing: Excel reads it as a
// number. Dates are written day-first (04/03/2015) and start with a digit.
const PLAIN_NUMBER = /^[+-]?\d+(?:[.,]\d+)?$/;

/**
 * Makes a text cell safe to open in a spreadsheet: a value starting with `=`, `+`, `-`,
 * `@`, a tab or a line break gets a leading apostrophe, which Excel and LibreOffice show
 * as text and never evaluate (OWASP's advice). A plain signed number is left alone.
 * The importer drops such an apostrophe again (`cellText`), so a neutralised export
 * re-imports unchanged.
 */
export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}
