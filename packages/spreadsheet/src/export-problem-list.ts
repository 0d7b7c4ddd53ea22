// Step 1 of the cleaning procedure: the children whose data has problems, village by
// village, with the problems in words, for the field teams to fix at the household.
import type { Child, Finding, Guardian } from "@roster/schema";
import type { Evaluation } from "@roster/rules";
import { sortByVillageAndName } from "./export-cleaned-list";
import type { ExportTable } from "./export-table";
import { formatDate } from "./format-values";
import { EXPORT_WORDS } from "./messages";
import { valueFor } from "./roster-values";

export interface ProblemListOptions {
  /** The roster's village: the title, and the village of children whose record names none. */
  village: string;
  /** The commune, for the title. */
  commune?: string;
  /** The day the findings were computed (`YYYY-MM-DD`), for the title. */
  asOf?: string;
}

/** The findings in words: errors first, then warnings marked as notes. */
export function findingsInWords(findings: readonly Finding[]): string {
  const errors = findings.filter((f) => f.severity === "error").map((f) => f.message.vi);
  const warnings = findings.filter((f) => f.severity === "warning").map((f) => `${EXPORT_WORDS.notePrefix}${f.message.vi}`);
  return [...errors, ...warnings].join("; ");
}

const COLUMNS = [
  { header: "STT", width: 6, kind: "number" },
  { header: "Thôn/Xóm", width: 16, kind: "text" },
  { header: "Họ và tên", width: 24, kind: "text" },
  { header: "Ngày sinh", width: 12, kind: "date" },
  { header: "Giới tính", width: 8, kind: "text" },
  { header: "Số định danh cá nhân", width: 16, kind: "id" },
  { header: "Họ tên cha", width: 22, kind: "text" },
  { header: "Họ tên mẹ", width: 22, kind: "text" },
  { header: "Người giám hộ", width: 22, kind: "text" },
  { header: "Số điện thoại", width: 13, kind: "id" },
  { header: "Nội dung cần bổ sung, điều chỉnh", width: 60, kind: "text" },
  { header: "Kết quả rà soát", width: 24, kind: "text" },
] as const;

/**
 * The step-1 list: every child not removed whose evaluation is `needs-fix`, ordered by
 * village then name, with the child's identity, the guardians' names, the
 * representative's phone, every finding in words and an empty column for the result of
 * the field check. `evaluations` is what `evaluateRoster` returns (by child id).
 */
export function exportProblemList(
  children: readonly Child[],
  guardians: Readonly<Record<string, Guardian>>,
  evaluations: ReadonlyMap<string, Evaluation>,
  options: ProblemListOptions,
): ExportTable {
  const withProblems = sortByVillageAndName(
    children
      .filter((child) => child.removed !== true && evaluations.get(child.id)?.status === "needs-fix")
      .map((child) => ({ ...child, village: child.village?.trim() ? child.village : options.village })),
  );
  const rows = withProblems.map((child, index) => [
    index + 1,
    child.village ?? "",
    child.fullName ?? "",
    formatDate(child.dob),
    valueFor(child, "gender", guardians),
    child.pid ?? "",
    valueFor(child, "father.fullName", guardians),
    valueFor(child, "mother.fullName", guardians),
    valueFor(child, "guardian.fullName", guardians),
    valueFor(child, "phone", guardians),
    findingsInWords(evaluations.get(child.id)?.findings ?? []),
    "",
  ]);
  const place = [options.village, options.commune].filter(Boolean).join(", ");
  return {
    sheetName: "Can bo sung",
    title: [
      EXPORT_WORDS.problemListTitle,
      place,
      ...(options.asOf ? [EXPORT_WORDS.asOfLine(formatDate(options.asOf))] : []),
    ].filter((line) => line !== ""),
    columns: COLUMNS.map((c) => ({ ...c })),
    rows,
  };
}
