// The public surface of @roster/doc. Nothing outside this package imports a file below
// src/ directly.
export { RosterRecords } from "./roster-records";
export type { Actor, RecordChanges, RosterRecordsOptions } from "./roster-records";
export { RosterReview } from "./roster-review";
export type { ReviewChanges, ReviewMeta } from "./roster-review";
export type { Conflict, ConflictValue } from "./edit-log-index";
export type { EditEntry } from "./edit-entry";
export type { LocalFieldChange } from "./field-history";
export type { InvalidValue } from "./record-kinds";
export type { TransactionInfo } from "./change-feed";
export { compactEditLog } from "./compact-edit-log";
export { InvalidFieldError, InvalidReviewError, RecordNotFoundError } from "./errors";
export { createRecordsDoc, createReviewDoc, RECORDS_LAYOUT, REVIEW_LAYOUT } from "./layout";
export { newRecordId } from "./ids";
export {
  cleanFileName,
  importsAddedIn,
  listImports,
  readImportLogEntry,
  recordImport,
} from "./import-log";
export { IntakeSessions } from "./intake-sessions";
export type { IntakeChanges, IntakeSessionsOptions } from "./intake-sessions";
export { representativeOf } from "./intake-sessions-call-list";
export type { CallListEntry, CallListRepresentative, NameComparator, SessionSummary } from "./intake-sessions-call-list";
export { IntakeSessionError } from "./intake-sessions-errors";
export type { IntakeSessionErrorReason, IntakeSessionIssue } from "./intake-sessions-errors";
