// Step 4 of the cleaning procedure: the cleaned data in a fixed column layout, for the
// child-information software (and for anyone who re-imports it: every column maps back
// to its field, so export then import changes nothing).
import type { Child, Guardian, Status } from "@roster/schema";
import { compareVietnameseNames, nameSortKey, normalizeBhyt, normalizeName, normalizePid } from "@roster/rules";
import type { ColumnTarget } from "./column-targets";
import type { ExportCellKind, ExportTable } from "./export-table";
import { parsePhoneCell } from "./parse-phone-cell";
import { valueFor } from "./roster-values";

export interface CleanedListColumn {
  header: string;
  target: ColumnTarget;
  kind: ExportCellKind;
  width: number;
}

/** The fixed layout of the step-4 list, column by column. Change it here only; a test
 * checks every header is recognised as its target on import. */
export const CLEANED_LIST_COLUMNS: readonly CleanedListColumn[] = Object.freeze([
  { header: "STT", target: "index", kind: "number", width: 6 },
  { header: "Họ và tên", target: "fullName", kind: "text", width: 26 },
  { header: "Ngày sinh", target: "dob", kind: "date", width: 12 },
  { header: "Giới tính", target: "gender", kind: "text", width: 9 },
  { header: "Dân tộc", target: "ethnicity", kind: "text", width: 10 },
  { header: "Số định danh cá nhân", target: "pid", kind: "id", width: 16 },
  { header: "Số thẻ BHYT", target: "bhyt", kind: "id", width: 18 },
  { header: "Loại cư trú", target: "residenceType", kind: "text", width: 13 },
  { header: "Ngày đăng ký khai sinh", target: "birthRegisteredOn", kind: "date", width: 12 },
  { header: "Ngày đăng ký cư trú", target: "residenceRegisteredOn", kind: "date", width: 12 },
  { header: "Thôn/Xóm", target: "village", kind: "text", width: 16 },
  { header: "Địa chỉ", target: "address", kind: "text", width: 28 },
  { header: "Trường", target: "school", kind: "text", width: 24 },
  { header: "Lớp", target: "grade", kind: "text", width: 6 },
  { header: "Họ tên cha", target: "father.fullName", kind: "text", width: 24 },
  { header: "Ngày sinh cha", target: "father.dob", kind: "date", width: 12 },
  { header: "Số định danh cha", target: "father.pid", kind: "id", width: 16 },
  { header: "Số điện thoại cha", target: "father.phone", kind: "id", width: 13 },
  { header: "Họ tên mẹ", target: "mother.fullName", kind: "text", width: 24 },
  { header: "Ngày sinh mẹ", target: "mother.dob", kind: "date", width: 12 },
  { header: "Số định danh mẹ", target: "mother.pid", kind: "id", width: 16 },
  { header: "Số điện thoại mẹ", target: "mother.phone", kind: "id", width: 13 },
  { header: "Họ tên người giám hộ", target: "guardian.fullName", kind: "text", width: 24 },
  { header: "Quan hệ với trẻ", target: "guardianRelation", kind: "text", width: 12 },
  { header: "Ngày sinh người giám hộ", target: "guardian.dob", kind: "date", width: 12 },
  { header: "Số định danh người giám hộ", target: "guardian.pid", kind: "id", width: 16 },
  { header: "Số điện thoại người giám hộ", target: "guardian.phone", kind: "id", width: 13 },
  { header: "Người đại diện", target: "representative", kind: "text", width: 14 },
  { header: "Ghi chú", target: "note", kind: "text", width: 24 },
] as const satisfies readonly CleanedListColumn[]);

/**
 * Children as lists order them: by village, then by given name in Vietnamese order
 * (`compareVietnameseNames`). The sort keys are computed once per child, not per
 * comparison: a commune-wide list has thousands of names.
 */
export function sortByVillageAndName<T extends Child>(children: readonly T[]): T[] {
  const keyed = children.map((child) => ({ child, village: nameSortKey(child.village ?? ""), name: nameSortKey(child.fullName ?? "") }));
  keyed.sort((a, b) => {
    if (a.village !== b.village) return a.village < b.village ? -1 : 1;
    if (a.name !== b.name) return a.name < b.name ? -1 : 1;
    return compareVietnameseNames(a.child.fullName ?? "", b.child.fullName ?? "");
  });
  return keyed.map(({ child }) => child);
}

/**
 * The children the step-4 list holds (DESIGN "cleaned"): not removed, and with `status`
 * (the verified ones unless another status is asked for), by the status `statusOf` gives.
 */
export function cleanedListChildren<T extends Child>(
  children: readonly T[],
  statusOf: (id: string) => Status | undefined,
  status: Status = "verified",
): T[] {
  return children.filter((child) => child.removed !== true && statusOf(child.id) === status);
}

const NAME_TARGETS: ReadonlySet<ColumnTarget> = new Set(["fullName", "father.fullName", "mother.fullName", "guardian.fullName"]);
const PID_TARGETS: ReadonlySet<ColumnTarget> = new Set(["pid", "father.pid", "mother.pid", "guardian.pid"]);
const PHONE_TARGETS: ReadonlySet<ColumnTarget> = new Set(["father.phone", "mother.phone", "guardian.phone"]);

/**
 * A value in its normalised form, as the child-information software takes it: names
 * normalised (NFC, single spaces, each word capitalised), ID numbers and phones digits only,
 * the health-insurance number without separators, dates day-first (`valueFor`).
 */
export function cleanedValue(child: Child, target: ColumnTarget, guardians: Readonly<Record<string, Guardian>>): string {
  const value = valueFor(child, target, guardians);
  if (value === "") return value;
  if (NAME_TARGETS.has(target)) return normalizeName(value);
  if (PID_TARGETS.has(target)) return normalizePid(value);
  if (target === "bhyt") return normalizeBhyt(value);
  if (PHONE_TARGETS.has(target)) return parsePhoneCell(value).value ?? value;
  return value.replace(/\s+/g, " ").trim();
}

/**
 * The step-4 list of `children` (pick them with `cleanedListChildren`; removed ones are left
 * out), by village and name, in `CLEANED_LIST_COLUMNS`. Values are normalised
 * (`cleanedValue`), in the words the import reads back (dates dd/mm/yyyy, "Nam"/"Nữ",
 * ethnic names, "Thường trú" …).
 */
export function exportCleanedList(children: readonly Child[], guardians: Readonly<Record<string, Guardian>>): ExportTable {
  const rows = sortByVillageAndName(children.filter((child) => child.removed !== true))
    .map((child, index) => CLEANED_LIST_COLUMNS.map(({ target }) => (target === "index" ? index + 1 : cleanedValue(child, target, guardians))));
  return {
    sheetName: "Danh sach",
    title: [],
    columns: CLEANED_LIST_COLUMNS.map(({ header, kind, width }) => ({ header, kind, width })),
    rows,
  };
}
