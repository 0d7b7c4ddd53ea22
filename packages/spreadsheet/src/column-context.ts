// What is decided once per file, over whole columns, before any row is read.
import { repairLegacyText } from "@roster/rules";
import { cellText, type CellValue } from "./cell-value";
import { dateEvidence, type DateEvidence } from "./date-evidence";
import type { ColumnMapping, ColumnTarget } from "./column-targets";
import type { ColumnReport } from "./import-plan";
import { planLegacyColumns } from "./legacy-columns";
import { isMarked } from "./parse-gender-cell";
import type { ColumnContext } from "./read-row";

const DATE_TARGETS: ReadonlySet<ColumnTarget> = new Set([
  "dob", "birthRegisteredOn", "residenceRegisteredOn", "father.dob", "mother.dob", "guardian.dob",
]);

function column(rows: readonly (readonly CellValue[])[], index: number): CellValue[] {
  return rows.map((row) => row[index] ?? null);
}

/**
 * Decides per column, over the data rows: its legacy font (TCVN3 / VNI / none), what its
 * dates say of their order (`dateEvidence`), and whether the "Nữ" / "Nam" mark columns
 * are used at all.
 * Also reports each column (header, target, cells converted from a legacy font).
 */
export function buildColumnContext(
  dataRows: readonly (readonly CellValue[])[],
  mapping: ColumnMapping,
  headerCells: readonly string[],
  asOf: string,
): { context: ColumnContext; reports: ColumnReport[] } {
  const mapped = mapping.map((target, index) => (target === null || target === "index" ? [] : column(dataRows, index)));
  const legacy = planLegacyColumns(mapped);
  const dates = new Map<number, DateEvidence>();
  const marksInUse = { female: false, male: false };
  const reports: ColumnReport[] = [];
  mapping.forEach((target, index) => {
    const cells = mapped[index] ?? [];
    const { encoding = null, repaired = new Map<string, string>() } = legacy[index] ?? {};
    if (target !== null && DATE_TARGETS.has(target)) dates.set(index, dateEvidence(cells));
    if (target === "genderFemaleMark" && cells.some(isMarked)) marksInUse.female = true;
    if (target === "genderMaleMark" && cells.some(isMarked)) marksInUse.male = true;
    const converted = cells.filter((cell) => typeof cell === "string" && repaired.has(cell)).length;
    // A header typed in a legacy font is shown converted, as the person meant it.
    const header = repairLegacyText(cellText(headerCells[index] ?? null)).text;
    reports.push({ column: index, header, target, legacyEncoding: converted > 0 ? encoding : null, converted });
  });
  return { context: { mapping, legacy, dates, marksInUse, asOf }, reports };
}
