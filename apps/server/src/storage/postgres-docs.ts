import type pg from "pg";
import type { AuditRow } from "./audit-rows";
import { auditColumns } from "./postgres-audit";
import { inTransaction, toNumber } from "./postgres-pool";
import { StoreFencedError } from "./errors";
import { holdsLease } from "./postgres-leases";
import type { NewSnapshot, StoredDoc, StoredUpdate, WriteFence } from "./store";

/** One `appendUpdate` waiting in its document's queue: a private copy and its audit rows. */
export interface AppendJob {
  data: Uint8Array;
  audit: readonly AuditRow[];
  /** The same for every job of a batch (the batch key includes it). */
  fence?: WriteFence;
}

export interface DocStats {
  updates: number;
  bytes: number;
  lastSeq: number;
}

/**
 * Appends a batch of one document in ONE statement, hence one transaction: the counter is
 * bumped by the batch's length (inserting the document's row if it is new), the updates
 * get the numbers that frees, and their audit rows go in with them. The row lock taken by
 * the bump is held until the commit, so another instance appending to the same document
 * waits and then continues from the committed number: numbers are distinct, without gaps,
 * and given in commit order. Data-modifying CTEs all run to completion whether or not the
 * final SELECT reads them.
 *
 * Fenced (scaled mode), still one statement: one round trip instead of a transaction's four
 * (at a thousand appends a second the pool's connections mostly waited on BEGIN, the lease
 * check and COMMIT). The lease row at the fence's epoch is SHARE-locked first; without it
 * nothing is written and no row comes back. A takeover updates that row, so it waits for
 * this commit, or this statement sees the new epoch (READ COMMITTED re-checks a row that a
 * concurrent commit changed) and stores nothing.
 */
function appendSql(fenced: boolean): string {
  const lease = fenced ? `lease AS (SELECT 1 FROM roster_leases WHERE name = $${FENCE_PARAM} AND epoch = $${FENCE_PARAM + 1} FOR SHARE), ` : "";
  const values = fenced ? "SELECT $1, $2 WHERE EXISTS (SELECT 1 FROM lease)" : "VALUES ($1, $2)";
  return `
  WITH ${lease}bumped AS (
    INSERT INTO docs AS d (name, last_seq) ${values}
    ON CONFLICT (name) DO UPDATE SET last_seq = d.last_seq + EXCLUDED.last_seq
    RETURNING last_seq
  ), updates AS (
    INSERT INTO doc_updates (doc, seq, data)
    SELECT $1, bumped.last_seq - $2 + u.ord, u.data
    FROM bumped, unnest($3::bytea[]) WITH ORDINALITY AS u (data, ord)
  ), audit_rows AS (
    ${auditColumns.insertFromArrays(4, fenced ? "EXISTS (SELECT 1 FROM bumped)" : "true")}
  )
  SELECT last_seq FROM bumped`;
}

/** The fence's parameters come after the audit columns' arrays: lease, epoch. */
const FENCE_PARAM = 4 + auditColumns.arrays([]).length;
const APPEND_SQL = appendSql(false);
const FENCED_APPEND_SQL = appendSql(true);

/** Plain views, not Buffers: callers compare them and hand them to Yjs as Uint8Array. */
const view = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
const asBuffer = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

interface LoadRow {
  part: number;
  seq: string;
  data: Buffer | null;
  state_vector: Buffer | null;
  witnessed: boolean | null;
}

/** The Yjs document persistence on PostgreSQL: an append-only log per document, one snapshot at its head. */
export class PostgresDocs {
  constructor(private readonly pool: pg.Pool) {}

  /**
   * Commits a batch of one document; resolves to the numbers of its updates, in order. With
   * a fence, in a transaction that first SHARE-locks the lease row at that epoch: a takeover
   * (which updates the row) waits for this commit, or this batch sees the new epoch and
   * stores nothing.
   */
  async append(name: string, jobs: readonly AppendJob[], fence?: WriteFence): Promise<number[]> {
    const audit = jobs.flatMap((job) => job.audit);
    const params = [name, jobs.length, jobs.map((job) => asBuffer(job.data)), ...auditColumns.arrays(audit)];
    const { rows } = fence
      ? await this.pool.query<{ last_seq: string }>(FENCED_APPEND_SQL, [...params, fence.lease, fence.epoch])
      : await this.pool.query<{ last_seq: string }>(APPEND_SQL, params);
    if (fence && rows.length === 0) throw new StoreFencedError(fence.lease, fence.epoch);
    const last = toNumber(rows[0]?.last_seq);
    if (!(last >= jobs.length)) throw new Error(`no sequence number for document ${JSON.stringify(name)}`);
    return jobs.map((_, i) => last - jobs.length + 1 + i);
  }

  /**
   * Replaces the updates through `throughSeq` by the snapshot, in one transaction holding
   * the document's row lock. It deletes by number, never by "older than what I just
   * inserted": an update committed meanwhile has a number above the counter read here,
   * and the counter is at least `throughSeq`, so nothing it deletes was left out of the
   * merge (y-postgresql deleted by id outside a transaction and lost concurrent inserts).
   */
  async compact(name: string, snapshot: NewSnapshot, throughSeq: number, fence?: WriteFence): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      if (fence && !(await holdsLease(client, { name: fence.lease, epoch: fence.epoch }))) throw new StoreFencedError(fence.lease, fence.epoch);
      const doc = await client.query<{ last_seq: string }>("SELECT last_seq FROM docs WHERE name = $1 FOR UPDATE", [name]);
      const lastSeq = toNumber(doc.rows[0]?.last_seq);
      if (throughSeq > lastSeq) {
        throw new RangeError(`cannot compact ${JSON.stringify(name)} through ${throughSeq}: its last update is ${lastSeq}`);
      }
      const head = await client.query<{ seq: string }>("SELECT seq FROM doc_snapshots WHERE doc = $1", [name]);
      // A compaction that an earlier one already covers (two racing) changes nothing.
      if (throughSeq <= toNumber(head.rows[0]?.seq)) return;
      await client.query("DELETE FROM doc_updates WHERE doc = $1 AND seq <= $2", [name, throughSeq]);
      await client.query(
        `INSERT INTO doc_snapshots (doc, seq, data, state_vector, witnessed) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (doc) DO UPDATE SET seq = EXCLUDED.seq, data = EXCLUDED.data, state_vector = EXCLUDED.state_vector,
           witnessed = EXCLUDED.witnessed, at = now()`,
        [name, throughSeq, asBuffer(snapshot.update), asBuffer(snapshot.stateVector), snapshot.witnessed],
      );
    });
  }

  /** The snapshot (if any), every later update in order, and the counter: one statement, so one consistent view. */
  async load(name: string): Promise<StoredDoc> {
    const { rows } = await this.pool.query<LoadRow>(
      `SELECT 0 AS part, seq, data, state_vector, witnessed FROM doc_snapshots WHERE doc = $1
       UNION ALL SELECT 1, seq, data, NULL, NULL FROM doc_updates WHERE doc = $1
       UNION ALL SELECT 2, last_seq, NULL, NULL, NULL FROM docs WHERE name = $1
       ORDER BY part, seq`,
      [name],
    );
    const stored: StoredDoc = { snapshot: undefined, updates: [], lastSeq: 0 };
    for (const row of rows) {
      if (row.part === 2) stored.lastSeq = toNumber(row.seq);
      else if (!row.data) continue;
      else if (row.part === 0) {
        stored.snapshot = {
          seq: toNumber(row.seq),
          update: view(row.data),
          stateVector: row.state_vector ? view(row.state_vector) : null,
          witnessed: row.witnessed === true,
        };
      } else stored.updates.push({ seq: toNumber(row.seq), update: view(row.data) });
    }
    return stored;
  }

  /** The updates after `afterSeq`, or undefined when the snapshot now covers some of them. */
  async after(name: string, afterSeq: number): Promise<StoredUpdate[] | undefined> {
    const { rows } = await this.pool.query<{ part: number; seq: string; data: Buffer | null }>(
      `SELECT 0 AS part, seq, NULL::bytea AS data FROM doc_snapshots WHERE doc = $1 AND seq > $2
       UNION ALL SELECT 1, seq, data FROM doc_updates WHERE doc = $1 AND seq > $2
       ORDER BY part, seq`,
      [name, afterSeq],
    );
    // A snapshot at or below `afterSeq` is fine; one that swallowed updates above it is not.
    if (rows[0]?.part === 0) return undefined;
    return rows.map((row) => ({ seq: toNumber(row.seq), update: view(row.data as Buffer) }));
  }

  /** Updates after the snapshot, bytes of both (the snapshot's state vector not counted), and the counter. */
  async stats(name: string): Promise<DocStats> {
    const { rows } = await this.pool.query<{ updates: string; bytes: string; last_seq: string | null }>(
      `SELECT (SELECT count(*) FROM doc_updates WHERE doc = $1) AS updates,
              (SELECT COALESCE(sum(octet_length(data)), 0) FROM doc_updates WHERE doc = $1)
                + COALESCE((SELECT octet_length(data) FROM doc_snapshots WHERE doc = $1), 0) AS bytes,
              (SELECT last_seq FROM docs WHERE name = $1) AS last_seq`,
      [name],
    );
    const row = rows[0];
    return { updates: toNumber(row?.updates), bytes: toNumber(row?.bytes), lastSeq: toNumber(row?.last_seq) };
  }
}
