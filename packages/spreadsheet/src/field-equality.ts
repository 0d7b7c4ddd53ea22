// When does a value in the file say the same as the stored one? Under the same
// normalisation the import applies, so that exporting a roster and importing the file
// back changes nothing: "NGUYỄN VĂN AN" is "Nguyễn Văn An", "Hoà" is "Hòa", "0912 345 678"
// is "0912345678".
import type { ChildField, FieldValue, GuardianField } from "@roster/schema";
import { nameSortKey, normalizeBhyt, normalizePid } from "@roster/rules";

type Comparable = FieldValue | undefined;

const tidy = (s: string) => s.normalize("NFC").replace(/\s+/g, " ").trim();
const digits = (s: string) => s.replace(/[\s.\-()]/g, "");

const COMPARE_AS: Readonly<Record<string, (s: string) => string>> = {
  // nameSortKey ignores case, spacing and where the tone mark sits (Hòa / Hoà).
  fullName: nameSortKey,
  pid: normalizePid,
  bhyt: normalizeBhyt,
  phone: digits,
};

/** Whether two values of `field` (a child or guardian field) say the same. Empty, blank,
 * null and undefined are all "nothing". */
export function sameValue(field: ChildField | GuardianField, a: Comparable, b: Comparable): boolean {
  const blankA = a === null || a === undefined || (typeof a === "string" && a.trim() === "");
  const blankB = b === null || b === undefined || (typeof b === "string" && b.trim() === "");
  if (blankA || blankB) return blankA === blankB;
  if (typeof a !== "string" || typeof b !== "string") return a === b;
  const key = COMPARE_AS[field] ?? tidy;
  return key(a) === key(b);
}
