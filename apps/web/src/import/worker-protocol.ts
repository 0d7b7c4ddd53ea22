// The messages between the app and its spreadsheet worker. The worker holds exceljs (≈1.3 MB)
// and does every Excel/CSV job, so the main bundle never loads it and a 10,000-row file is
// parsed and planned without freezing the screen.
import type { Child, ExportFormat, ExportList, Guardian, LocalizedText, ReconcilePreview } from "@roster/schema";
import type { Evaluation } from "@roster/rules";
import type { ColumnMapping, ColumnTarget, HeaderLocation, ImportPlan, SkippedSheet } from "@roster/spreadsheet";

/** A mapping target with its words, for the column menus (labels come from the package). */
export interface TargetOption {
  target: ColumnTarget;
  label: LocalizedText;
}

/** What the worker learnt from a file: enough to show the mapping step. */
export interface ReadSummary {
  fileName: string;
  format: "xlsx" | "xls" | "csv";
  /** The sheet the header and columns come from. */
  sheet: string;
  sheetNames: string[];
  /** The sheets read (a workbook of one sheet per class is read whole by default). */
  sheetsRead: string[];
  /** The sheets not read, and why. */
  sheetsSkipped: SkippedSheet[];
  encoding: string | null;
  /** Rows in the sheet, the title block and header included. */
  rowCount: number;
  header: HeaderLocation | null;
  /** The guessed target of each column. */
  mapping: ColumnMapping;
  /** A few values below the header, per column, to help the person recognise it. */
  samples: string[][];
  targets: TargetOption[];
}

/** The roster a plan is made against, as plain records (structured-cloned to the worker). */
export interface RosterData {
  children: Child[];
  guardians: Record<string, Guardian>;
}

/** The data the three lists are made from. */
export interface ListData extends RosterData {
  /** Local evaluation by child id (the same rules package as the server). */
  evaluations: [string, Evaluation][];
}

export interface HandoverSettings {
  village: string;
  commune: string;
  date: string;
  verified: string[];
}

export type WorkerRequest =
  | { id: number; type: "read"; bytes: ArrayBuffer; fileName: string; sheets?: string[] }
  | { id: number; type: "plan"; mapping: ColumnMapping; header: HeaderLocation | null; roster: RosterData; asOf: string }
  /** The last file read as a national extract, compared with the roster (police's reconcile screen). */
  | { id: number; type: "reconcile"; mapping: ColumnMapping; header: HeaderLocation | null; roster: RosterData; asOf: string }
  | {
      id: number;
      type: "list";
      kind: ExportList;
      format: ExportFormat;
      data: ListData;
      village: string;
      commune: string;
      asOf: string;
      handover?: HandoverSettings;
    };

/** A file of a list: bytes for XLSX/CSV, text for the printable page. */
export type ListOutput = { format: "xlsx" | "csv"; bytes: Uint8Array; rows: number } | { format: "html"; html: string; rows: number };

export type WorkerReply =
  | { id: number; type: "progress"; done: number; total: number }
  | { id: number; type: "read"; summary: ReadSummary }
  | { id: number; type: "plan"; plan: ImportPlan; ms: number }
  | { id: number; type: "reconcile"; preview: ReconcilePreview; ms: number }
  | { id: number; type: "invalid-mapping"; problems: LocalizedText[] }
  | { id: number; type: "list"; output: ListOutput }
  /** `text` when the package explains the problem in words (a file it cannot read);
   * otherwise the app shows its own message with `detail`. */
  | { id: number; type: "error"; text: LocalizedText | null; detail: string };
