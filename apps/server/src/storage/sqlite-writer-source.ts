/**
 * The program of the SQLite writer thread (`sqlite-writer.ts`), as JavaScript source.
 *
 * Why a string: the thread is started with `new Worker(source, { eval: true })` so that it
 * runs the same way under tsx, vitest and the esbuild bundle in `dist/` (a separate worker
 * file would need its own entry in every one of them, and TypeScript source cannot be
 * loaded by a bare worker). It is kept tiny and free of imports but `worker_threads` and
 * the better-sqlite3 driver, whose resolved path comes in `workerData.driver`; the SQL it
 * runs comes in `workerData.sql`, so the statements stay beside the readers that share
 * their tables (`sqlite-docs.ts`, `sqlite-audit.ts`).
 *
 * Messages in: `{ id, type: "batch", jobs }`, `{ id, type: "compact", doc, snapshot,
 * throughSeq }` and `{ id, type: "close" }`, handled strictly in the order they came.
 * Consecutive batches waiting in line share one transaction (BEGIN IMMEDIATE, one fsync
 * with synchronous=FULL), up to `workerData.maxJobs` jobs. Out, after the commit is on
 * disk: `{ ids, tx, ok: true, results }` (one result list per message) or
 * `{ ids, tx, ok: false, error }` (every message of that transaction failed).
 */
export const SQLITE_WRITER_SOURCE = String.raw`
"use strict";
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const sql = workerData.sql;

const db = new Database(workerData.file);
db.pragma("journal_mode = WAL");
db.pragma("synchronous = FULL");
db.pragma("foreign_keys = ON");
db.pragma("busy_timeout = " + workerData.busyTimeoutMs);

const bumpSeq = db.prepare(sql.bumpSeq).pluck();
const insertUpdate = db.prepare(sql.insertUpdate);
const insertSnapshot = db.prepare(sql.insertSnapshot);
const insertAudit = db.prepare(sql.insertAudit);
const lastSeqOf = db.prepare(sql.lastSeq).pluck();
const headOf = db.prepare(sql.head);
const deleteThrough = db.prepare(sql.deleteThrough);

const asBuffer = (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

function appendUpdate(job, at) {
  const seq = bumpSeq.get(job.doc);
  if (seq === undefined) throw new Error("no sequence number for document " + JSON.stringify(job.doc));
  insertUpdate.run(job.doc, seq, asBuffer(job.data), at);
  // The update's own audit rows: one job, so no batch split can separate them.
  if (job.audit) for (const row of job.audit) insertAudit.run(row);
  return seq;
}

function appendAudit(job) {
  for (const row of job.rows) insertAudit.run(row);
  return job.rows.length;
}

const commitBatch = db.transaction((jobs) => {
  const at = Date.now();
  return jobs.map((job) => (job.kind === "update" ? appendUpdate(job, at) : appendAudit(job)));
});

// A compaction that an earlier one already covers (two racing) changes nothing.
const compact = db.transaction((doc, snapshot, stateVector, witnessed, throughSeq) => {
  const lastSeq = lastSeqOf.get(doc) ?? 0;
  if (throughSeq > lastSeq) {
    throw new RangeError("cannot compact " + JSON.stringify(doc) + " through " + throughSeq + ": its last update is " + lastSeq);
  }
  const head = headOf.get(doc);
  const covered = head && head.snapshot === 1 ? head.seq : 0;
  if (throughSeq <= covered) return;
  deleteThrough.run(doc, throughSeq);
  // The snapshot takes the seq of the last update it replaces: the slot is free (just
  // deleted) and loading by seq puts it before every newer update.
  insertSnapshot.run(doc, throughSeq, asBuffer(snapshot), Date.now(), asBuffer(stateVector), witnessed ? 1 : 0);
});

// Group commit: every batch that arrived while the previous transaction was being
// committed (and fsynced) goes into the next one. Other requests keep their place in line.
const queue = [];
let scheduled = false;
let transactions = 0;

parentPort.on("message", (message) => {
  queue.push(message);
  if (!scheduled) {
    scheduled = true;
    setImmediate(drain);
  }
});

const describe = (error) => {
  const e = error instanceof Error ? error : new Error(String(error));
  return { name: e.name, message: e.message, code: e.code };
};

function drain() {
  scheduled = false;
  while (queue.length > 0) {
    if (queue[0].type === "batch") {
      const batches = [queue.shift()];
      let items = batches[0].jobs.length;
      while (queue.length > 0 && queue[0].type === "batch" && items + queue[0].jobs.length <= workerData.maxJobs) {
        const batch = queue.shift();
        items += batch.jobs.length;
        batches.push(batch);
      }
      const ids = batches.map((b) => b.id);
      const tx = ++transactions;
      try {
        const results = commitBatch.immediate(batches.flatMap((b) => b.jobs));
        let at = 0;
        const answers = batches.map((b) => results.slice(at, (at += b.jobs.length)));
        parentPort.postMessage({ ids, tx, ok: true, results: answers });
      } catch (error) {
        parentPort.postMessage({ ids, tx, ok: false, error: describe(error) });
      }
      continue;
    }
    const message = queue.shift();
    try {
      if (message.type === "compact") compact.immediate(message.doc, message.snapshot, message.stateVector, message.witnessed, message.throughSeq);
      else if (message.type === "close") db.close();
      parentPort.postMessage({ ids: [message.id], ok: true, results: [null] });
    } catch (error) {
      parentPort.postMessage({ ids: [message.id], ok: false, error: describe(error) });
    }
    if (message.type === "close") {
      parentPort.close();
      return;
    }
  }
}
`;
