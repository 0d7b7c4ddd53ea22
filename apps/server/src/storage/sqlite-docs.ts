import type Database from "better-sqlite3";

/** One update waiting in the group commit queue. `data` is the store's own copy. */
export interface UpdateJob {
  kind: "update";
  doc: string;
  data: Buffer;
}

export interface DocStats {
  updates: number;
  bytes: number;
  lastSeq: number;
}

/**
 * Yjs document persistence on SQLite: an append-only log of updates per document, with at
 * most one snapshot at its head. Methods are synchronous; `SqliteStore` decides the
 * transactions (appends are batched by the group commit).
 */
export class SqliteDocs {
  readonly #db: Database.Database;
  readonly #bumpSeq: Database.Statement<[string], number>;
  readonly #insert: Database.Statement<[string, number, number, Buffer, number]>;
  readonly #load: Database.Statement<[string], Buffer>;
  readonly #lastSeq: Database.Statement<[string], number>;
  readonly #head: Database.Statement<[string], { seq: number; snapshot: number }>;
  readonly #deleteThrough: Database.Statement<[string, number]>;
  readonly #stats: Database.Statement<[string], { updates: number; bytes: number }>;

  constructor(db: Database.Database) {
    this.#db = db;
    this.#bumpSeq = db
      .prepare<[string], number>(
        `INSERT INTO docs (name, last_seq) VALUES (?, 1)
         ON CONFLICT (name) DO UPDATE SET last_seq = last_seq + 1
         RETURNING last_seq`,
      )
      .pluck();
    this.#insert = db.prepare("INSERT INTO doc_updates (doc, seq, snapshot, data, at) VALUES (?, ?, ?, ?, ?)");
    this.#load = db.prepare<[string], Buffer>("SELECT data FROM doc_updates WHERE doc = ? ORDER BY seq").pluck();
    this.#lastSeq = db.prepare<[string], number>("SELECT last_seq FROM docs WHERE name = ?").pluck();
    this.#head = db.prepare("SELECT seq, snapshot FROM doc_updates WHERE doc = ? ORDER BY seq LIMIT 1");
    this.#deleteThrough = db.prepare("DELETE FROM doc_updates WHERE doc = ? AND seq <= ?");
    this.#stats = db.prepare(
      `SELECT COALESCE(SUM(snapshot = 0), 0) AS updates, COALESCE(SUM(length(data)), 0) AS bytes
       FROM doc_updates WHERE doc = ?`,
    );
  }

  /** Appends one update and returns its sequence number. Call inside a transaction. */
  append(job: UpdateJob, at: number): number {
    const seq = this.#bumpSeq.get(job.doc);
    if (seq === undefined) throw new Error(`no sequence number for document "${job.doc}"`);
    this.#insert.run(job.doc, seq, 0, job.data, at);
    return seq;
  }

  /** The snapshot (if any) then every later update, in order. */
  load(name: string): Uint8Array[] {
    // Plain views, not Buffers: callers compare and hand them to Yjs as Uint8Array.
    return this.#load.all(name).map((b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
  }

  /**
   * Replaces updates through `throughSeq` by `snapshot`, in one transaction. A compaction
   * that an earlier one already covers (two compactions racing) changes nothing.
   */
  compact(name: string, snapshot: Buffer, throughSeq: number, at: number): void {
    if (!Number.isSafeInteger(throughSeq) || throughSeq < 0) {
      throw new RangeError(`throughSeq must be a non-negative integer, got ${throughSeq}`);
    }
    this.#db
      .transaction(() => {
        const lastSeq = this.#lastSeq.get(name) ?? 0;
        if (throughSeq > lastSeq) {
          throw new RangeError(`cannot compact "${name}" through ${throughSeq}: its last update is ${lastSeq}`);
        }
        const head = this.#head.get(name);
        const covered = head?.snapshot === 1 ? head.seq : 0;
        if (throughSeq <= covered) return;
        this.#deleteThrough.run(name, throughSeq);
        // The snapshot takes the seq of the last update it replaces: the slot is free (just
        // deleted) and loading by seq puts it before every newer update.
        this.#insert.run(name, throughSeq, 1, snapshot, at);
      })
      .immediate();
  }

  stats(name: string): DocStats {
    const { updates, bytes } = this.#stats.get(name) ?? { updates: 0, bytes: 0 };
    return { updates, bytes, lastSeq: this.#lastSeq.get(name) ?? 0 };
  }
}
