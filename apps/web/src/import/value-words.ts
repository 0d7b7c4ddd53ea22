// A stored field value in the words a person reads ("Nam", "Thái", "02/03/2015").
import type { FieldValue } from "@roster/schema";
import { ethnicName } from "@roster/rules";
import type { MessageKey } from "../i18n/messages";

const CHOICE_KEYS: Readonly<Record<string, Readonly<Record<string, MessageKey>>>> = {
  gender: { male: "value.male", female: "value.female" },
  residenceType: { permanent: "value.permanent", temporary: "value.temporary", none: "value.none" },
  representative: { father: "value.father", mother: "value.mother", guardian: "value.guardian" },
  idCard: { none: "value.idCard.none", applied: "value.idCard.applied", issued: "value.idCard.issued" },
  vneid: { none: "value.vneid.none", level1: "value.vneid.level1", level2: "value.vneid.level2" },
};

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The words of `value` of `field`; empty text for no value. */
export function valueWords(field: string, value: FieldValue | undefined, t: (key: MessageKey) => string): string {
  if (value === undefined || value === null || value === "") return "";
  if (typeof value === "boolean") return t(value ? "import.yes" : "import.no");
  const choice = CHOICE_KEYS[field]?.[value];
  if (choice) return t(choice);
  if (field === "ethnicity") {
    const name = ethnicName(value);
    return name ? `${name} (${value})` : value;
  }
  const date = ISO_DATE.exec(value);
  if (date) return `${date[3]}/${date[2]}/${date[1]}`;
  return value;
}

/** The spreadsheet's letter of a 0-based column index (A … Z, AA …). */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = "";
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}
