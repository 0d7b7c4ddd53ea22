// Cells that hold one of a few words: the residence type and the legal representative.
import type { Representative, ResidenceType } from "@roster/schema";
import { foldName } from "@roster/rules";
import { cellText, type CellValue } from "./cell-value";
import type { GuardianRoleName } from "./column-targets";
import { CELL_MESSAGES } from "./messages";
import { EMPTY_CELL, problem, type ParsedCell } from "./parsed-cell";

const RESIDENCE_WORDS: ReadonlyMap<string, ResidenceType> = new Map([
  ...["thuong tru", "tt", "dang ky thuong tru", "co thuong tru", "ktt", "permanent"].map((w) => [w, "permanent"] as const),
  ...["tam tru", "tmt", "dang ky tam tru", "co tam tru", "temporary"].map((w) => [w, "temporary"] as const),
  ...["chua dang ky", "chua dk", "chua", "khong", "khong co", "chua co", "none"].map((w) => [w, "none"] as const),
]);

/** Reads "Thường trú" / "Tạm trú" / "Chưa đăng ký" (and variants, any case or accents). */
export function parseResidenceCell(value: CellValue): ParsedCell<ResidenceType> {
  const text = cellText(value);
  if (text === "") return EMPTY_CELL;
  const type = RESIDENCE_WORDS.get(foldName(text));
  return type === undefined ? problem(CELL_MESSAGES.residenceUnknown(text)) : { value: type };
}

// Compared in lower case with accents: "ba" is a father in the South, "bà" a grandmother.
const REPRESENTATIVE_WORDS: ReadonlyMap<string, Representative> = new Map([
  ...["cha", "bố", "ba", "thân phụ", "father"].map((w) => [w, "father"] as const),
  ...["mẹ", "má", "mạ", "thân mẫu", "mother"].map((w) => [w, "mother"] as const),
  ...["người giám hộ", "giám hộ", "ngh", "guardian", "ông", "bà", "ông nội", "bà nội", "ông ngoại", "bà ngoại", "anh", "chị", "cô", "dì", "chú", "bác", "cậu", "mợ", "thím"]
    .map((w) => [w, "guardian"] as const),
]);

/**
 * Reads who the legal representative is: a role word ("Cha", "Mẹ", "Người giám hộ", a
 * grandparent or relative → guardian), or a name equal (folded) to the father's, the
 * mother's or the guardian's in the same row. Anything else is a `problem`.
 */
export function parseRepresentativeCell(
  value: CellValue,
  names: Partial<Record<GuardianRoleName, string | null | undefined>>,
): ParsedCell<Representative> {
  const text = cellText(value);
  if (text === "") return EMPTY_CELL;
  const word = REPRESENTATIVE_WORDS.get(text.toLowerCase());
  if (word !== undefined) return { value: word };
  const folded = foldName(text);
  for (const role of ["father", "mother", "guardian"] as const) {
    const name = names[role];
    if (name && foldName(name) === folded) return { value: role };
  }
  return problem(CELL_MESSAGES.representativeUnknown(text));
}
