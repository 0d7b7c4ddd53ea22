// What a column of an imported list can hold. The person checking an import sees these
// labels in the mapping step and may point any column at any target (or at none).
import type { LocalizedText } from "@roster/schema";

/** The guardian roles a list names, in the order of the child's link fields. */
export const GUARDIAN_ROLES = ["father", "mother", "guardian"] as const;
export type GuardianRoleName = (typeof GUARDIAN_ROLES)[number];

/** The fields of a guardian a list may hold. */
export const GUARDIAN_COLUMN_FIELDS = ["fullName", "dob", "pid", "phone"] as const;
export type GuardianColumnField = (typeof GUARDIAN_COLUMN_FIELDS)[number];

/** The fields of a child a list may hold. */
export const CHILD_COLUMN_FIELDS = [
  "fullName", "dob", "gender", "ethnicity", "pid", "bhyt", "residenceType", "birthRegisteredOn",
  "residenceRegisteredOn", "village", "address", "school", "grade", "guardianRelation", "representative", "note",
  // The national population database's extracts say which children have a level-2 account.
  "vneid",
] as const;
export type ChildColumnField = (typeof CHILD_COLUMN_FIELDS)[number];

/** Columns that are read into another field: a date of birth split over "Ngày | Tháng |
 * Năm" columns; the representative's name and ID number (linked as a guardian). */
export const SPLIT_COLUMN_TARGETS = ["dobDay", "dobMonth", "dobYear", "representativeName", "representativePid"] as const;
export type SplitColumnTarget = (typeof SPLIT_COLUMN_TARGETS)[number];

/**
 * Where a column's values go: a child field; `<role>.<field>` for a guardian; `phone` for
 * a phone number of unnamed owner (the representative's); `genderFemaleMark` /
 * `genderMaleMark` for the "Nữ" / "Nam" columns of school lists that hold an "x";
 * `index` for the row number (STT), read by nobody but recognised as a header.
 */
export type ColumnTarget =
  | ChildColumnField
  | SplitColumnTarget
  | `${GuardianRoleName}.${GuardianColumnField}`
  | "phone"
  | "genderFemaleMark"
  | "genderMaleMark"
  | "index";

/** A column index (0-based) → its target, or null for a column that is not imported. */
export type ColumnMapping = (ColumnTarget | null)[];

const ROLE_LABELS: Readonly<Record<GuardianRoleName, LocalizedText>> = {
  father: { vi: "cha", en: "father" },
  mother: { vi: "mẹ", en: "mother" },
  guardian: { vi: "người giám hộ", en: "guardian" },
};

const GUARDIAN_FIELD_LABELS: Readonly<Record<GuardianColumnField, LocalizedText>> = {
  fullName: { vi: "Họ tên", en: "Full name of" },
  dob: { vi: "Ngày sinh", en: "Date of birth of" },
  pid: { vi: "Số định danh", en: "ID number of" },
  phone: { vi: "Số điện thoại", en: "Phone of" },
};

const CHILD_LABELS: Readonly<Record<ChildColumnField | SplitColumnTarget | "phone" | "genderFemaleMark" | "genderMaleMark" | "index", LocalizedText>> = {
  fullName: { vi: "Họ và tên", en: "Full name" },
  dob: { vi: "Ngày sinh", en: "Date of birth" },
  gender: { vi: "Giới tính", en: "Gender" },
  ethnicity: { vi: "Dân tộc", en: "Ethnicity" },
  pid: { vi: "Số định danh cá nhân", en: "Personal ID number" },
  bhyt: { vi: "Số thẻ BHYT", en: "Health-insurance number" },
  residenceType: { vi: "Loại cư trú", en: "Residence type" },
  birthRegisteredOn: { vi: "Ngày đăng ký khai sinh", en: "Birth registered on" },
  residenceRegisteredOn: { vi: "Ngày đăng ký cư trú", en: "Residence registered on" },
  village: { vi: "Thôn/Xóm", en: "Village" },
  address: { vi: "Địa chỉ", en: "Address" },
  school: { vi: "Trường", en: "School" },
  grade: { vi: "Lớp", en: "Class" },
  guardianRelation: { vi: "Quan hệ của người giám hộ với trẻ", en: "Guardian's relation to the child" },
  representative: { vi: "Người đại diện", en: "Legal representative" },
  note: { vi: "Ghi chú", en: "Note" },
  vneid: { vi: "Mức tài khoản định danh điện tử (VNeID)", en: "VNeID account level" },
  phone: { vi: "Số điện thoại (người đại diện)", en: "Phone (representative)" },
  dobDay: { vi: "Ngày sinh: cột ngày", en: "Date of birth: day column" },
  dobMonth: { vi: "Ngày sinh: cột tháng", en: "Date of birth: month column" },
  dobYear: { vi: "Ngày sinh: cột năm", en: "Date of birth: year column" },
  representativeName: { vi: "Họ tên người đại diện", en: "Representative's full name" },
  representativePid: { vi: "Số định danh người đại diện", en: "Representative's ID number" },
  genderFemaleMark: { vi: "Cột đánh dấu Nữ", en: "Column marking girls" },
  genderMaleMark: { vi: "Cột đánh dấu Nam", en: "Column marking boys" },
  index: { vi: "Số thứ tự (không nhập)", en: "Row number (not imported)" },
};

/** Every target, in the order a mapping menu lists them. */
export const COLUMN_TARGETS: readonly ColumnTarget[] = [
  ...CHILD_COLUMN_FIELDS,
  ...GUARDIAN_ROLES.flatMap((role) => GUARDIAN_COLUMN_FIELDS.map((field) => `${role}.${field}` as const)),
  "representativeName",
  "representativePid",
  "phone",
  "dobDay",
  "dobMonth",
  "dobYear",
  "genderFemaleMark",
  "genderMaleMark",
  "index",
];

/** The role and field of a guardian target (`"mother.pid"` → mother, pid); null for a child target. */
export function guardianTarget(target: ColumnTarget): { role: GuardianRoleName; field: GuardianColumnField } | null {
  const dot = target.indexOf(".");
  if (dot < 0) return null;
  return { role: target.slice(0, dot) as GuardianRoleName, field: target.slice(dot + 1) as GuardianColumnField };
}

/** Words for a target, for the mapping menu and for messages ("Số định danh mẹ"). */
export function targetLabel(target: ColumnTarget): LocalizedText {
  const guardian = guardianTarget(target);
  if (guardian === null) return CHILD_LABELS[target as keyof typeof CHILD_LABELS];
  const field = GUARDIAN_FIELD_LABELS[guardian.field];
  const role = ROLE_LABELS[guardian.role];
  return { vi: `${field.vi} ${role.vi}`, en: `${field.en} ${role.en}` };
}

/** Whether several columns may share this target: a name split in "Họ đệm" and "Tên". */
export function isMultiColumnTarget(target: ColumnTarget): boolean {
  return target === "fullName" || target.endsWith(".fullName");
}
