import type * as Y from "yjs";
import { ImportLogEntrySchema, type ImportLogEntry } from "@roster/schema";
import { RECORDS_LAYOUT } from "./layout";

// Which file an import came from. An import is applied as one Yjs transaction (in the
// app, offline too, or on the server); the same transaction appends one entry here, so
// the server's audit can say "from file X" for every field the import wrote, whoever
// applied it and however late it arrives. Outside clients may ignore this array.

/** Longest file name kept: names come from users' disks and are shown, never trusted. */
const MAX_FILE_NAME = 200;

export function importLog(doc: Y.Doc): Y.Array<unknown> {
  return doc.getArray<unknown>(RECORDS_LAYOUT.imports);
}

/** Drops any folder part and control characters; never empty. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/[\u0000-\u001f\u007f]/g, "").trim().slice(0, MAX_FILE_NAME);
  return cleaned === "" ? "?" : cleaned;
}

/**
 * Appends an entry. Call it inside the import's own `doc.transact(…)` so the entry and the
 * writes travel as one update.
 */
export function recordImport(doc: Y.Doc, entry: ImportLogEntry): void {
  importLog(doc).push([{ ...entry, file: cleanFileName(entry.file) }]);
}

/** The entry held in a slot, or undefined when a client wrote something else there. */
export function readImportLogEntry(raw: unknown): ImportLogEntry | undefined {
  const parsed = ImportLogEntrySchema.safeParse(raw);
  return parsed.success ? { ...parsed.data, file: cleanFileName(parsed.data.file) } : undefined;
}

/** Every readable entry, oldest first. */
export function listImports(doc: Y.Doc): ImportLogEntry[] {
  const out: ImportLogEntry[] = [];
  for (const raw of importLog(doc).toArray()) {
    const entry = readImportLogEntry(raw);
    if (entry !== undefined) out.push(entry);
  }
  return out;
}

/**
 * The entries a transaction appended (for the server's audit: a transaction that wrote
 * fields and appended an entry is that file's import). Reads the inserted items only.
 */
export function importsAddedIn(transaction: Y.Transaction): ImportLogEntry[] {
  // Walk the (short) item chain rather than test `transaction.changed`: on a peer that had
  // not named the array yet, Yjs replaces the untyped top-level instance when it is first
  // asked for, so the changed-set may hold a stale instance.
  const log = importLog(transaction.doc);
  const out: ImportLogEntry[] = [];
  let item = log._start;
  while (item !== null) {
    const clock = transaction.beforeState.get(item.id.client) ?? 0;
    if (!item.deleted && item.id.clock >= clock) {
      for (const raw of item.content.getContent()) {
        const entry = readImportLogEntry(raw);
        if (entry !== undefined) out.push(entry);
      }
    }
    item = item.right;
  }
  return out;
}
