import type Database from "better-sqlite3";
import type { StoredDoc, StoredUpdate } from "./store";
import type { WriterSql } from "./sqlite-writer";

export interface DocStats {
  updates: number;
  bytes: number;
  lastSeq: number;
}

/**
 * The statements that write documents, run by the writer thread (`sqlite-writer.ts`):
 * an append-only log of updates per document, with at most one snapshot at its head.
 */
export const DOC_WRITE_SQL = {
  bumpSeq: `INSERT INTO docs (name, last_seq) VALUES (?, 1)
            ON CONFLICT (name) DO UPDATE SET last_seq = last_seq + 1
            RETURNING last_seq`,
  // witnessed = 1: stored by a server that witnesses deletions (rows from before say 0).
  insertUpdate: "INSERT INTO doc_updates (doc, seq, snapshot, data, at, witnessed) VALUES (?, ?, 0, ?, ?, 1)",
  insertSnapshot: "INSERT INTO doc_updates (doc, seq, snapshot, data, at, state_vector, witnessed) VALUES (?, ?, 1, ?, ?, ?, ?)",
  lastSeq: "SELECT last_seq FROM docs WHERE name = ?",
  head: "SELECT seq, snapshot FROM doc_updates WHERE doc = ? ORDER BY seq LIMIT 1",
  deleteThrough: "DELETE FROM doc_updates WHERE doc = ? AND seq <= ?",
} as const satisfies Partial<WriterSql>;

interface Row {
  seq: number;
  snapshot: 0 | 1;
  data: Buffer;
  state_vector: Buffer | null;
  witnessed: 0 | 1;
}

/** Plain views, not Buffers: callers compare them and hand them to Yjs as Uint8Array. */
const view = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

/**
 * Reads of the Yjs document persistence on SQLite. Writes (appends, compactions) run in
 * the writer thread; in WAL mode these reads see every transaction it has committed.
 */
export class SqliteDocs {
  readonly #load: Database.Statement<[string], Row>;
  readonly #after: Database.Statement<[string, number], Row>;
  readonly #lastSeq: Database.Statement<[string], number>;
  readonly #stats: Database.Statement<[string], { updates: number; bytes: number }>;
  readonly #db: Database.Database;

  constructor(db: Database.Database) {
    this.#db = db;
    this.#load = db.prepare("SELECT seq, snapshot, data, state_vector, witnessed FROM doc_updates WHERE doc = ? ORDER BY seq");
    this.#after = db.prepare("SELECT seq, snapshot, data, state_vector, witnessed FROM doc_updates WHERE doc = ? AND seq > ? ORDER BY seq");
    this.#lastSeq = db.prepare<[string], number>(DOC_WRITE_SQL.lastSeq).pluck();
    this.#stats = db.prepare(
      `SELECT COALESCE(SUM(snapshot = 0), 0) AS updates, COALESCE(SUM(length(data)), 0) AS bytes
       FROM doc_updates WHERE doc = ?`,
    );
  }

  /** The snapshot (if any), every later update in order, and the last sequence number. */
  load(name: string): StoredDoc {
    // One read transaction: the rows and the counter are of the same commit.
    return this.#db.transaction(() => {
      const stored: StoredDoc = { snapshot: undefined, updates: [], lastSeq: this.#lastSeq.get(name) ?? 0 };
      for (const row of this.#load.all(name)) {
        if (row.snapshot === 1) {
          stored.snapshot = {
            seq: row.seq,
            update: view(row.data),
            stateVector: row.state_vector ? view(row.state_vector) : null,
            witnessed: row.witnessed === 1,
          };
        } else stored.updates.push(storedUpdate(row));
      }
      return stored;
    })();
  }

  /** The updates after `afterSeq`, or undefined when a snapshot now covers some of them. */
  after(name: string, afterSeq: number): StoredUpdate[] | undefined {
    const rows = this.#after.all(name, afterSeq);
    const updates: StoredUpdate[] = [];
    for (const row of rows) {
      if (row.snapshot === 1) return undefined;
      updates.push(storedUpdate(row));
    }
    // A snapshot at or below `afterSeq` is fine; one that swallowed updates above it is not.
    return updates;
  }

  stats(name: string): DocStats {
    const { updates, bytes } = this.#stats.get(name) ?? { updates: 0, bytes: 0 };
    return { updates, bytes, lastSeq: this.#lastSeq.get(name) ?? 0 };
  }
}

function storedUpdate(row: Row): StoredUpdate {
  return row.witnessed === 1 ? { seq: row.seq, update: view(row.data) } : { seq: row.seq, update: view(row.data), witnessed: false };
}
