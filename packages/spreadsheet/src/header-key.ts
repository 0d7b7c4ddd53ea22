import { foldName, tcvn3ToUnicode, vniToUnicode } from "@roster/rules";
import { cellText, type CellValue } from "./cell-value";

const NOT_ALPHANUMERIC = /[^a-z0-9]+/g;
const HIGH_LATIN1 = /[\u00A1-\u00FF]/;

/**
 * The folded key a header is compared by: no diacritics, lower case, đ → d, every run of
 * punctuation or space one space ("Họ tên cha/bố" → "ho ten cha bo").
 */
export function headerKey(text: string): string {
  return foldName(text).replace(NOT_ALPHANUMERIC, " ").trim();
}

/**
 * The keys a header cell may mean: its own, and when it has Latin-1 letters, its TCVN3
 * and VNI readings ("Hä vµ tªn" → "ho va ten"), since old lists typed their headers
 * with the same fonts as their names.
 */
export function headerKeys(value: CellValue): string[] {
  const text = cellText(value);
  if (text === "") return [];
  const keys = [headerKey(text)];
  if (HIGH_LATIN1.test(text)) keys.push(headerKey(tcvn3ToUnicode(text)), headerKey(vniToUnicode(text)));
  return keys;
}
