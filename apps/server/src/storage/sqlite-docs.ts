import type Database from "better-sqlite3";
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
  insertUpdate: "INSERT INTO doc_updates (doc, seq, snapshot, data, at) VALUES (?, ?, ?, ?, ?)",
  lastSeq: "SELECT last_seq FROM docs WHERE name = ?",
  head: "SELECT seq, snapshot FROM doc_updates WHERE doc = ? ORDER BY seq LIMIT 1",
  deleteThrough: "DELETE FROM doc_updates WHERE doc = ? AND seq <= ?",
} as const satisfies Partial<WriterSql>;

/**
 * Reads of the Yjs document persistence on SQLite. Writes (appends, compactions) run in
 * the writer thread; in WAL mode these reads see every transaction it has committed.
 */
export class SqliteDocs {
  readonly #load: Database.Statement<[string], Buffer>;
  readonly #lastSeq: Database.Statement<[string], number>;
  readonly #stats: Database.Statement<[string], { updates: number; bytes: number }>;

  constructor(db: Database.Database) {
    this.#load = db.prepare<[string], Buffer>("SELECT data FROM doc_updates WHERE doc = ? ORDER BY seq").pluck();
    this.#lastSeq = db.prepare<[string], number>(DOC_WRITE_SQL.lastSeq).pluck();
    this.#stats = db.prepare(
      `SELECT COALESCE(SUM(snapshot = 0), 0) AS updates, COALESCE(SUM(length(data)), 0) AS bytes
       FROM doc_updates WHERE doc = ?`,
    );
  }

  /** The snapshot (if any) then every later update, in order. */
  load(name: string): Uint8Array[] {
    // Plain views, not Buffers: callers compare and hand them to Yjs as Uint8Array.
    return this.#load.all(name).map((b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
  }

  stats(name: string): DocStats {
    const { updates, bytes } = this.#stats.get(name) ?? { updates: 0, bytes: 0 };
    return { updates, bytes, lastSeq: this.#lastSeq.get(name) ?? 0 };
  }
}
