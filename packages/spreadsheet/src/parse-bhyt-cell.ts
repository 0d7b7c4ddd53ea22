import { normalizeBhyt } from "@roster/rules";
import { cellText, type CellValue } from "./cell-value";
import { CELL_MESSAGES } from "./messages";
import { isPlaceholderText } from "./placeholder-cell";
import { EMPTY_CELL, SCIENTIFIC_NOTATION, problem, withIssue, type ParsedCell } from "./parsed-cell";

/**
 * Reads a health-insurance number, normalised (`normalizeBhyt`: no separators, upper
 * case). Nine digits are the 10-digit social-insurance number with its leading zero lost
 * to a number cell (no card number has nine characters): put back (`info`). Scientific
 * notation lost digits: a `problem`. The rules judge the rest.
 */
export function parseBhytCell(value: CellValue): ParsedCell<string> {
  const text = cellText(value);
  if (text === "" || isPlaceholderText(text)) return EMPTY_CELL;
  if (SCIENTIFIC_NOTATION.test(text)) return problem(CELL_MESSAGES.bhytDigitsLost(text));
  const normalized = normalizeBhyt(text);
  if (/^\d{9}$/.test(normalized)) {
    const restored = `0${normalized}`;
    return withIssue(restored, "info", CELL_MESSAGES.bhytRecovered(text, restored));
  }
  return { value: normalized };
}
