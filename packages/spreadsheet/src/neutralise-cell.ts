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

// Where a reader may start a new cell inside one of our CSV values: at a ";" (the list
// separator of many Vietnamese Windows set-ups, which a comma-separated file's quotes do
// not protect: a quote mid-field is plain text) and at a line break.
const CSV_SEGMENT = /(?<=[;\r\n])/;

/**
 * `neutraliseCell` for a CSV value, applied also to each part after a `;` or a line
 * break, so the file has no formula cell whether it is read with `,` or `;` as the
 * separator: `ghi chu;=1+1` is written `ghi chu;'=1+1`. `cellText` drops those
 * apostrophes again on import.
 */
export function neutraliseCsvCell(value: string): string {
  return value.split(CSV_SEGMENT).map(neutraliseCell).join("");
}
