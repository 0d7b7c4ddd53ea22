// The public surface of @roster/spreadsheet: reading XLSX / CSV lists, mapping their
// columns, planning and applying an import, and writing the three lists of the cleaning
// procedure. Nothing outside this package imports a file below src/ directly.

// Reading
export { readWorkbook, type ReadWorkbookOptions } from "./read-workbook";
export type { RawTable, SheetTable, SkippedSheet, TextEncodingName } from "./raw-table";
export { cellText, type CellValue } from "./cell-value";
export { decodeText, type DecodedText } from "./text-decoding";
export { SpreadsheetReadError, InvalidMappingError } from "./errors";
export { MAPPING_MESSAGES } from "./messages";

// Columns
export { findHeaderRow, headerCells, type HeaderLocation } from "./find-header-row";
export { guessColumn, guessMapping, mappingProblems } from "./guess-mapping";
export {
  COLUMN_TARGETS,
  CHILD_COLUMN_FIELDS,
  GUARDIAN_COLUMN_FIELDS,
  GUARDIAN_ROLES,
  targetLabel,
  type ColumnMapping,
  type ColumnTarget,
  type GuardianRoleName,
} from "./column-targets";
export { EXACT_HEADERS, FIELD_PHRASES, ROLE_PHRASES, NOISE_PHRASES } from "./header-synonyms";

// Values
export type { CellIssue, ParsedCell } from "./parsed-cell";
export { parseDateCell, type DateCellOptions, type DateOrder, type DatePerson } from "./parse-date-cell";
export { dateEvidence, reviewDate, type DateEvidence } from "./date-evidence";
export { parseGenderCell } from "./parse-gender-cell";
export { parseEthnicityCell } from "./parse-ethnicity-cell";
export { parsePidCell, type PidHolder } from "./parse-pid-cell";
export { parseBhytCell } from "./parse-bhyt-cell";
export { parsePhoneCell } from "./parse-phone-cell";
export { parseResidenceCell, parseRepresentativeCell } from "./parse-choice-cells";

// Import
export { planImport, type ExistingRoster, type PlanImportOptions } from "./plan-import";
export type {
  ChildAddition,
  ChildUpdate,
  ColumnReport,
  FieldChange,
  GuardianAddition,
  GuardianRef,
  GuardianUpdate,
  ImportPlan,
  LinkChange,
  LinkField,
  PlannedRow,
  RejectedRow,
  SkippedRow,
} from "./import-plan";
export type { RowIssue } from "./read-row";
export { applyImportPlan, rejectedRows, type AppliedImport, type ImportWriter } from "./apply-import-plan";

// Reconciliation with the national population database's extract
export { readExtract, type ExtractPerson, type ExtractRead } from "./reconcile-extract";
export { reconcileExtract, type ReconcileOptions, type ReconcileRoster } from "./reconcile-match";
export { planReconcileApply, type ReconcileApplyPlan } from "./reconcile-apply";
export { COMPARED_FIELDS, IDENTITY_FIELDS, differencesOf, nationalValue, rosterValue } from "./reconcile-compare";

// Export
export type { ExportCell, ExportCellKind, ExportColumn, ExportTable } from "./export-table";
export { exportProblemList, findingsInWords, type ProblemListOptions } from "./export-problem-list";
export { exportHandoverList, type HandoverList, type HandoverOptions } from "./export-handover-list";
export { handoverHtml, escapeHtml } from "./handover-html";
export { exportCleanedList, CLEANED_LIST_COLUMNS, type CleanedListColumn } from "./export-cleaned-list";
export { tableToXlsx } from "./write-xlsx";
export { tableToCsv } from "./write-csv";
export { neutraliseCell } from "./neutralise-cell";
export { formatDate, formatDateInWords } from "./format-values";

// Campaign progress
export {
  campaignPercent,
  dailyReportValues,
  dailyReportXlsx,
  meetsWeeklyTarget,
  weeklyGain,
  WEEKLY_TARGET_KEYS,
  type DailyReportInput,
  type DailyReportLine,
} from "./daily-report";
