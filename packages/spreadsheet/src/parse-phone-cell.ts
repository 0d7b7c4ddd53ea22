import { cellText, type CellValue } from "./cell-value";
import { CELL_MESSAGES } from "./messages";
import { isPlaceholderText } from "./placeholder-cell";
import { EMPTY_CELL, withIssue, type ParsedCell } from "./parsed-cell";

const SEPARATORS = /[\s.\-()\u2010-\u2013]/g;
// Mobile numbers are 0 + 9 digits (03x, 05x, 07x, 08x, 09x); landlines 02 + 9 digits.
const PHONE = /^0(?:[35789]\d{8}|2\d{9})$/;
const MOBILE_WITHOUT_ZERO = /^[35789]\d{8}$/;
const LANDLINE_WITHOUT_ZERO = /^2\d{9}$/;

/**
 * Reads a Vietnamese phone number as 10 or 11 digits starting with 0: separators removed,
 * +84 / 84 written as 0, the leading zero a number cell dropped put back (`info`).
 * Anything else is kept as typed with a `warning` (two numbers in one cell, a short number).
 */
export function parsePhoneCell(value: CellValue): ParsedCell<string> {
  const text = cellText(value);
  if (text === "" || isPlaceholderText(text)) return EMPTY_CELL;
  let digits = text.replace(SEPARATORS, "");
  if (digits.startsWith("+84")) digits = `0${digits.slice(3)}`;
  else if (/^84\d{9,10}$/.test(digits)) digits = `0${digits.slice(2)}`;
  if (PHONE.test(digits)) return { value: digits };
  if (MOBILE_WITHOUT_ZERO.test(digits) || LANDLINE_WITHOUT_ZERO.test(digits)) {
    return withIssue(`0${digits}`, "info", CELL_MESSAGES.phoneRecovered(text, `0${digits}`));
  }
  return withIssue(text, "warning", CELL_MESSAGES.phoneUnreadable(text));
}
