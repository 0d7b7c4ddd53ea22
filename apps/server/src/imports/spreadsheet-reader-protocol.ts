import type { LocalizedText } from "@roster/schema";
import type { RawTable, ReadLimits, ReadWorkbookOptions, SpreadsheetLimitError, SpreadsheetReadError } from "@roster/spreadsheet";

/** What the main thread sends a reader worker (once). */
export interface ReaderJob {
  bytes: Uint8Array;
  fileName: string;
  options: ReadWorkbookOptions;
  limits: ReadLimits;
}

/** Its one answer: the table, or why not (errors are rebuilt on the main thread). */
export type ReaderReply =
  | { ok: true; table: RawTable }
  | { ok: false; kind: "limit"; code: SpreadsheetLimitError["code"]; text: LocalizedText }
  | { ok: false; kind: "read"; code: SpreadsheetReadError["code"]; text: LocalizedText }
  | { ok: false; kind: "other"; message: string };
