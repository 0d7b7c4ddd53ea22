import type { Gender } from "@roster/schema";
import { foldName } from "@roster/rules";
import { cellText, type CellValue } from "./cell-value";
import { CELL_MESSAGES } from "./messages";
import { EMPTY_CELL, problem, type ParsedCell } from "./parsed-cell";

// Folded words lists use. Digits are left out on purpose: 0/1 and 1/2 codes mean
// different things in different software, so a digit would be a guess.
const GENDER_WORDS: ReadonlyMap<string, Gender> = new Map([
  ...["nam", "trai", "be trai", "con trai", "gioi tinh nam", "male", "m", "boy", "nam gioi"].map((w) => [w, "male"] as const),
  ...["nu", "gai", "be gai", "con gai", "gioi tinh nu", "female", "f", "girl", "nu gioi"].map((w) => [w, "female"] as const),
]);

/** Reads "Nam" / "Nữ" and their variants (any case, with or without diacritics: "NU",
 * "nữ", "Bé gái", "Trai", "M"/"F"); anything else is a `problem`. */
export function parseGenderCell(value: CellValue): ParsedCell<Gender> {
  const text = cellText(value);
  if (text === "") return EMPTY_CELL;
  const gender = GENDER_WORDS.get(foldName(text).replace(/[^a-z ]/g, "").trim());
  return gender === undefined ? problem(CELL_MESSAGES.genderUnknown(text)) : { value: gender };
}

// What a mark column holds for "no", besides nothing: a zero, or the word.
const NOT_MARKED = new Set(["0", "khong", "no", "false"]);

/** Whether a cell of a "Nữ" / "Nam" mark column is marked: anything ("x", "1", "✓") but
 * empty, 0 or "không". */
export function isMarked(value: CellValue): boolean {
  const text = cellText(value);
  return text !== "" && !NOT_MARKED.has(foldName(text));
}
