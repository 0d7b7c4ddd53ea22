// Stored values in the words Vietnamese lists use. Each one reads back to the same value
// through the import parsers, which is what makes export then import change nothing.
import type { Gender, Representative, ResidenceType } from "@roster/schema";
import { ethnicName, parseIsoDate } from "@roster/rules";

const GENDER_WORDS: Readonly<Record<Gender, string>> = { male: "Nam", female: "Nữ" };
const RESIDENCE_WORDS: Readonly<Record<ResidenceType, string>> = { permanent: "Thường trú", temporary: "Tạm trú", none: "Chưa đăng ký" };
const REPRESENTATIVE_WORDS: Readonly<Record<Representative, string>> = { father: "Cha", mother: "Mẹ", guardian: "Người giám hộ" };

const text = (value: string | null | undefined): string => value ?? "";

/** `YYYY-MM-DD` as `dd/mm/yyyy`; anything else (an invalid stored date) as it is. */
export function formatDate(iso: string | null | undefined): string {
  const date = parseIsoDate(iso);
  if (date === null) return text(iso);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(date.day)}/${pad(date.month)}/${date.year}`;
}

/** "Nam" / "Nữ". */
export function formatGender(gender: Gender | null | undefined): string {
  return gender ? GENDER_WORDS[gender] : "";
}

/** The group's name ("01" → "Kinh"); an unknown stored value as it is. */
export function formatEthnicity(code: string | null | undefined): string {
  return code ? (ethnicName(code) ?? code) : "";
}

/** "Thường trú" / "Tạm trú" / "Chưa đăng ký". */
export function formatResidence(type: ResidenceType | null | undefined): string {
  return type ? RESIDENCE_WORDS[type] : "";
}

/** "Cha" / "Mẹ" / "Người giám hộ". */
export function formatRepresentative(role: Representative | null | undefined): string {
  return role ? REPRESENTATIVE_WORDS[role] : "";
}

/** "ngày 05 tháng 6 năm 2026", "ngày 15 tháng 02 năm 2026": administrative documents
 * write a day under 10 and the months 1 and 2 with a leading zero (Decree 30/2020). */
export function formatDateInWords(iso: string): string {
  const date = parseIsoDate(iso);
  if (date === null) return iso;
  const month = date.month <= 2 ? String(date.month).padStart(2, "0") : String(date.month);
  return `ngày ${String(date.day).padStart(2, "0")} tháng ${month} năm ${date.year}`;
}
