// One cell of an imported sheet, as the file holds it: CSV gives strings, XLSX gives
// strings, numbers, booleans and dates (exceljs reads a date-formatted cell as a Date at
// UTC midnight). Parsers look at the raw value, because a number and the text of the
// same digits mean different things (an ID number Excel stored as a number lost its
// leading zeros; the same digits typed as text did not).

/** A cell as read from the file; `null` for an empty cell. */
export type CellValue = string | number | boolean | Date | null;

// Our exports prefix "'" to cells that Excel would run as formulas (see neutralise-cell);
// Excel users type the same prefix to keep leading zeros. Either way the "'" is not data.
const TEXT_PREFIX = /^'(?=[=+\-@\t\r0-9])/;
// ...and, in a CSV, after a ";" or a line break inside a value (`neutraliseCsvCell`).
const INNER_TEXT_PREFIX = /([;\r\n])'(?=[=+\-@\t\r0-9])/g;
const WHITESPACE = /\s+/g;
// Most cells are already tidy ASCII (dates, numbers, codes): nothing to replace or
// normalise, and a 10,000-row import reads each cell several times.
const TIDY_ASCII = /^[\x21-\x26\x28-\x7e](?:[\x21-\x7e]| (?! ))*$/;

/**
 * The text of a cell: trimmed, runs of whitespace (tabs, line breaks, Excel's no-break
 * space) one space, NFC, and without the leading apostrophe that forces Excel to keep a
 * value as text. Numbers are written without exponent when they are whole; dates as
 * `YYYY-MM-DD` (UTC). Empty for an empty cell.
 */
export function cellText(value: CellValue): string {
  if (value === null) return "";
  if (typeof value === "string") {
    if (TIDY_ASCII.test(value) && !value.endsWith(" ") && !value.includes(";'")) return value;
    return value.replace(INNER_TEXT_PREFIX, "$1").replace(WHITESPACE, " ").trim().replace(TEXT_PREFIX, "").normalize("NFC");
  }
  if (typeof value === "number") {
    return Number.isSafeInteger(value) ? value.toFixed(0) : String(value);
  }
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  return Number.isNaN(value.getTime()) ? "" : value.toISOString().slice(0, 10);
}

/** Whether a cell holds nothing (no value, or only whitespace). */
export function isBlankCell(value: CellValue): boolean {
  return value === null || (typeof value === "string" && value.trim() === "");
}
