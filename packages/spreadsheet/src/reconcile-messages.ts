// The words of the reconciliation with the national extract, Vietnamese first. Kept beside
// the import's catalogue (`messages.ts`) because they are another screen's words.
import type { LocalizedText, ReconcileField } from "@roster/schema";

const t = (vi: string, en: string): LocalizedText => ({ vi, en });
const list = (fields: readonly LocalizedText[]) => t(fields.map((f) => f.vi).join(", "), fields.map((f) => f.en).join(", "));

/** The compared fields in words. */
export const RECONCILE_FIELD_WORDS: Readonly<Record<ReconcileField, LocalizedText>> = {
  fullName: t("họ tên", "name"),
  dob: t("ngày sinh", "date of birth"),
  gender: t("giới tính", "gender"),
  ethnicity: t("dân tộc", "ethnicity"),
  pid: t("số định danh", "ID number"),
  "father.fullName": t("họ tên cha", "father's name"),
  "father.pid": t("số định danh cha", "father's ID number"),
  "mother.fullName": t("họ tên mẹ", "mother's name"),
  "mother.pid": t("số định danh mẹ", "mother's ID number"),
};

export const RECONCILE_MESSAGES = {
  sameAsRow: (row: number) => t(`Cùng một người với dòng ${row} của tệp`, `The same person as row ${row} of the file`),
  pidHeldBySeveral: (count: number) =>
    t(
      `Số định danh này đang ghi cho ${count} trẻ trong danh sách (trùng): hãy xử lý trùng trước`,
      `This ID number is recorded for ${count} children of the roster (duplicates): settle them first`,
    ),
  notInRoster: t("Chưa có trong danh sách của thôn", "Not in the village's roster"),
  noDob: t("Không có ngày sinh: không biết có trong độ tuổi hay không", "No date of birth: cannot tell whether of campaign age"),
  adult: (age: number) => t(`Người lớn (${age} tuổi)`, `An adult (aged ${age})`),
  outOfCampaign: (age: number) => t(`${age} tuổi, ngoài độ tuổi 6 đến dưới 14`, `Aged ${age}, outside the ages 6 to under 14`),
  notMatched: t("Không khớp với dòng nào của tệp", "Matched to no row of the file"),
  differs: (fields: readonly LocalizedText[]) =>
    t(`Khác với dữ liệu quốc gia: ${list(fields).vi}`, `Differs from the national data: ${list(fields).en}`),
  extractLacks: (fields: readonly LocalizedText[]) =>
    t(`Tệp không có ${list(fields).vi} để đối chiếu`, `The file has no ${list(fields).en} to compare`),
  rowNotAddable: t("Dòng này không phải trẻ thiếu trong danh sách", "This row is not a child missing from the roster"),
  confirmUnknown: t("Không xác nhận được: dòng hoặc trẻ không còn khớp", "Cannot confirm: the row or the child no longer fits"),
} as const;
