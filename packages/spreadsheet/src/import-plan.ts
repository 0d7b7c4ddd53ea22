// What an import would do, computed before anything is written: the preview shows it,
// `applyImportPlan` carries it out.
import type { ChildField, ChildFields, EvaluationStatus, FieldValue, Finding, GuardianField, GuardianFields, LocalizedText } from "@roster/schema";
import type { LegacyEncoding } from "@roster/rules";
import type { ColumnTarget } from "./column-targets";
import type { HeaderLocation } from "./find-header-row";
import type { SkippedSheet } from "./raw-table";
import type { RowIssue } from "./read-row";

/** A guardian a child will be linked to: one already in the roster, or one this import creates. */
export type GuardianRef = { kind: "existing"; id: string } | { kind: "new"; key: string };

/** The link fields of a child. */
export type LinkField = "fatherId" | "motherId" | "guardianId";

/** One field of a record that the import changes. */
export interface FieldChange<F extends string = string> {
  field: F;
  /** The stored value (undefined when the field was never set). */
  from: FieldValue | undefined;
  to: FieldValue;
}

/** A link of a child that the import sets (it never removes one). */
export interface LinkChange {
  field: LinkField;
  /** The id stored before (null when none, or a link to a guardian that is not in the roster). */
  from: string | null;
  to: GuardianRef;
}

/** What the rules will say of a child once the import is applied. */
export interface PlannedEvaluation {
  status: EvaluationStatus;
  findings: Finding[];
}

/** A row of the file: its spreadsheet row, and its sheet when the import read several. */
export interface PlannedRow {
  row: number;
  sheet?: string;
}

export interface ChildAddition extends PlannedEvaluation, PlannedRow {
  /** Stands for the new child's id in this plan (its findings, `childIds` after applying):
   * `new-child:<row>`, or `new-child:<sheet index>:<row>` when several sheets were read. */
  key: string;
  fields: ChildFields;
  links: Partial<Record<LinkField, GuardianRef>>;
}

export interface ChildUpdate extends PlannedEvaluation, PlannedRow {
  childId: string;
  changes: FieldChange<ChildField>[];
  links: LinkChange[];
}

export interface GuardianAddition {
  key: string;
  fields: GuardianFields;
  /** The rows that name this person (siblings share one record). */
  rows: number[];
}

export interface GuardianUpdate {
  guardianId: string;
  changes: FieldChange<GuardianField>[];
  rows: number[];
}

export interface RejectedRow extends PlannedRow {
  reasons: LocalizedText[];
}

export interface SkippedRow extends PlannedRow {
  reason: LocalizedText;
}

/** How a column was read. */
export interface ColumnReport {
  column: number;
  header: string;
  target: ColumnTarget | null;
  /** The legacy font the column was converted from, and how many cells changed. */
  legacyEncoding: LegacyEncoding | null;
  converted: number;
}

export interface ImportPlan {
  fileName: string;
  asOf: string;
  header: HeaderLocation;
  columns: ColumnReport[];
  /** The sheets read (the CSV file's name for a CSV). */
  sheets: string[];
  /** The sheets of the workbook not read, and why. */
  skippedSheets: SkippedSheet[];
  add: ChildAddition[];
  update: ChildUpdate[];
  /** Rows that match a child and change nothing. */
  unchanged: (PlannedRow & { childId: string })[];
  rejected: RejectedRow[];
  skipped: SkippedRow[];
  guardianAdd: GuardianAddition[];
  guardianUpdate: GuardianUpdate[];
  /** Warnings and repairs on imported rows (rejected rows carry their reasons instead);
   * `review: "date"` marks the dates a person should check. */
  issues: RowIssue[];
  /** About the file as a whole: columns converted from a legacy font, reader warnings. */
  notes: LocalizedText[];
  /** How many added or updated children will carry each finding code. */
  findingCounts: Record<string, number>;
}
