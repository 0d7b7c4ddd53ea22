import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type { AuditRow } from "./audit-rows";
import type { AuditJob } from "./sqlite-audit";
import { SQLITE_WRITER_SOURCE } from "./sqlite-writer-source";
import type { NewSnapshot } from "./store";

/**
 * One update waiting in the group commit queue. `data` is the store's own copy; `audit`
 * holds the rows describing it, inserted by the same statement sequence as the update.
 */
export interface UpdateJob {
  kind: "update";
  doc: string;
  data: Uint8Array;
  audit?: AuditRow[];
}

export type WriteJob = UpdateJob | AuditJob;

/** The statements the writer thread runs (it knows nothing else of the schema). */
export interface WriterSql {
  bumpSeq: string;
  insertUpdate: string;
  insertSnapshot: string;
  insertAudit: string;
  lastSeq: string;
  head: string;
  deleteThrough: string;
}

export interface SqliteWriterOptions {
  file: string;
  busyTimeoutMs: number;
  sql: WriterSql;
  /** Most jobs the thread puts in one transaction when batches queue up (default 1,000). */
  maxJobs?: number;
}

/** Transactions the writer thread has run, for tests and metrics. */
export interface WriterStats {
  /** Transactions of appended updates and audit entries (committed or failed). */
  batches: number;
  /** Jobs in those transactions. */
  items: number;
  failedBatches: number;
  /** Jobs sent to the thread and not answered yet. */
  queued: number;
}

/** One answer of the thread: the requests one transaction (or one other request) served. */
interface Reply {
  ids: number[];
  /** The transaction number, for batches. */
  tx?: number;
  ok: boolean;
  results?: unknown[];
  error?: { name?: string; message?: string; code?: unknown };
}

interface Waiting {
  resolve: (result: unknown) => void;
  reject: (error: unknown) => void;
  /** Jobs of a batch request (0 for the others). */
  jobs: number;
}

const require = createRequire(import.meta.url);

/**
 * The connection that writes Yjs updates, audit entries and compactions, in a thread of
 * its own. With `synchronous=FULL` each commit waits for an fsync; on the main thread
 * that wait blocked the event loop (every socket of every roster) for every batch. Here
 * the main thread only posts the batch and carries on; the promise resolves once the
 * transaction is on disk, and the sync layer relays only then.
 *
 * Requests are answered strictly in order. Batches are posted as soon as they are formed,
 * never held back behind an unanswered one: the thread folds those that queue up while it
 * commits into one transaction (group commit on its side), so a busy event loop here does
 * not delay the disk. The thread keeps the process alive only while a request is
 * outstanding, so a store someone forgot to close does not hang an exit.
 */
export class SqliteWriter {
  readonly #worker: Worker;
  readonly #waiting = new Map<number, Waiting>();
  #nextId = 1;
  #dead: Error | undefined;
  readonly #stats = { batches: 0, items: 0, failedBatches: 0 };
  #exited: Promise<void>;

  constructor(options: SqliteWriterOptions) {
    this.#worker = new Worker(SQLITE_WRITER_SOURCE, {
      eval: true,
      // No loaders or flags of the parent (tsx, --cpu-prof): the program is plain JavaScript.
      execArgv: [],
      workerData: {
        driver: require.resolve("better-sqlite3"),
        file: options.file,
        busyTimeoutMs: options.busyTimeoutMs,
        sql: options.sql,
        maxJobs: options.maxJobs ?? 1000,
      },
    });
    this.#worker.unref();
    this.#worker.on("message", (reply: Reply) => this.#answer(reply));
    this.#worker.on("error", (error) => this.#die(error));
    this.#exited = new Promise((resolve) => {
      this.#worker.once("exit", (code) => {
        this.#die(new Error(`the SQLite writer thread stopped (exit code ${code})`));
        resolve();
      });
    });
  }

  /** Commits the jobs in one transaction; one result per job (a seq, or a row count). */
  commit(jobs: readonly WriteJob[]): Promise<number[]> {
    const transfer: ArrayBuffer[] = [];
    for (const job of jobs) if (job.kind === "update") transfer.push(job.data.buffer as ArrayBuffer);
    return this.#request({ type: "batch", jobs }, transfer, jobs.length) as Promise<number[]>;
  }

  stats(): WriterStats {
    let queued = 0;
    for (const waiting of this.#waiting.values()) queued += waiting.jobs;
    return { ...this.#stats, queued };
  }

  /** Replaces a document's updates through `throughSeq` by `snapshot`, atomically. */
  async compact(doc: string, snapshot: NewSnapshot, throughSeq: number): Promise<void> {
    const { update, stateVector, witnessed } = snapshot;
    await this.#request({ type: "compact", doc, snapshot: update, stateVector, witnessed, throughSeq }, [
      update.buffer as ArrayBuffer,
      stateVector.buffer as ArrayBuffer,
    ]);
  }

  /** Closes the thread's connection and waits for the thread to end. */
  async close(): Promise<void> {
    if (!this.#dead) {
      try {
        await this.#request({ type: "close" }, []);
      } catch {
        // Already broken: nothing to close cleanly.
      }
    }
    await this.#worker.terminate();
    await this.#exited;
  }

  #request(message: object, transfer: ArrayBuffer[], jobs = 0): Promise<unknown> {
    if (this.#dead) return Promise.reject(this.#dead);
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#waiting.set(id, { resolve, reject, jobs });
      if (this.#waiting.size === 1) this.#worker.ref();
      this.#worker.postMessage({ id, ...message }, transfer);
    });
  }

  #answer(reply: Reply): void {
    const answered: Waiting[] = [];
    for (const id of reply.ids) {
      const waiting = this.#waiting.get(id);
      if (!waiting) continue;
      this.#waiting.delete(id);
      answered.push(waiting);
    }
    if (this.#waiting.size === 0) this.#worker.unref();
    if (reply.tx !== undefined) {
      this.#stats.batches += 1;
      this.#stats.items += answered.reduce((sum, w) => sum + w.jobs, 0);
      if (!reply.ok) this.#stats.failedBatches += 1;
    }
    const error = reply.ok ? undefined : rebuildError(reply.error);
    answered.forEach((waiting, i) => {
      if (error) waiting.reject(error);
      else waiting.resolve(reply.results?.[i]);
    });
  }

  #die(error: Error): void {
    this.#dead ??= error;
    const waiting = [...this.#waiting.values()];
    this.#waiting.clear();
    for (const w of waiting) w.reject(this.#dead);
  }
}

/** The thread's error as the caller would have seen it had the write run here. */
function rebuildError(error: Reply["error"]): Error {
  const message = error?.message ?? "the SQLite writer failed";
  if (error?.name === "RangeError") return new RangeError(message);
  if (error?.name === "TypeError") return new TypeError(message);
  const rebuilt = new Error(message) as Error & { code?: unknown };
  if (error?.name) rebuilt.name = error.name;
  if (error?.code !== undefined) rebuilt.code = error.code;
  return rebuilt;
}
