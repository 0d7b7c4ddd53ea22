import * as Y from "yjs";

// The top-level names of both documents. DESIGN.md "Sync" fixes them: stock y-websocket
// clients read and write these maps directly, so they never change.

/** Top-level structures of a roster's records document. */
export const RECORDS_LAYOUT = {
  /** `Y.Map<childId, Y.Map<field, string | boolean | null>>` */
  children: "children",
  /** `Y.Map<guardianId, Y.Map<field, string | boolean | null>>` */
  guardians: "guardians",
  /** `Y.Array<EditEntry>`: the per-field edit log that keeps concurrent values (see README). */
  edits: "edits",
  /** `Y.Array<ImportLogEntry>`: which file each import came from (see import-log.ts). */
  imports: "imports",
  /** `Y.Map<sessionId, IntakeSession>`: intake sessions (date, place, capacity, attendance). */
  sessions: "sessions",
} as const;

/** Top-level structures of a roster's review document (written by the server only). */
export const REVIEW_LAYOUT = {
  /** `Y.Map {rosterId, name, commune}` */
  meta: "meta",
  /** `Y.Map<childId, Mark>` with plain JSON values */
  marks: "marks",
  /** `Y.Map<childId, Verification>` with plain JSON values */
  verifications: "verifications",
} as const;

/** A record as the document holds it: one map key per field. */
export type RecordMap = Y.Map<unknown>;

/** The top-level structures of a records document (created on first access, as Yjs does). */
export function recordsParts(doc: Y.Doc) {
  return {
    children: doc.getMap<unknown>(RECORDS_LAYOUT.children),
    guardians: doc.getMap<unknown>(RECORDS_LAYOUT.guardians),
    edits: doc.getArray<unknown>(RECORDS_LAYOUT.edits),
    imports: doc.getArray<unknown>(RECORDS_LAYOUT.imports),
    sessions: doc.getMap<unknown>(RECORDS_LAYOUT.sessions),
  };
}

/** The top-level structures of a review document. */
export function reviewParts(doc: Y.Doc) {
  return {
    meta: doc.getMap<unknown>(REVIEW_LAYOUT.meta),
    marks: doc.getMap<unknown>(REVIEW_LAYOUT.marks),
    verifications: doc.getMap<unknown>(REVIEW_LAYOUT.verifications),
  };
}

/** A new, empty records document with its top-level structures defined. */
export function createRecordsDoc(): Y.Doc {
  const doc = new Y.Doc();
  recordsParts(doc);
  return doc;
}

/** A new, empty review document with its top-level structures defined. */
export function createReviewDoc(): Y.Doc {
  const doc = new Y.Doc();
  reviewParts(doc);
  return doc;
}
