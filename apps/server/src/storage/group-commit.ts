/**
 * Group commit: many small durable writes share one transaction and therefore one fsync.
 *
 * An fsync costs milliseconds on real disks, and the sync layer must not relay an update
 * before it is on disk. Committing each update alone would cap a server at a few hundred
 * updates per second across all rosters; batching every write submitted in the same
 * event-loop turn (and while a batch is being committed) keeps the guarantee and makes the
 * cost per update tiny under load. Under no load a batch is a single write, delayed by at
 * most one turn of the event loop.
 *
 * The class knows nothing about databases: `run` receives the queued items and commits them
 * in one transaction, synchronously (better-sqlite3) or asynchronously (PostgreSQL).
 */

/** Commits `items` in ONE transaction and returns one result per item, in order. Throws
 * (or rejects) when the transaction failed: then nothing of the batch was written. */
export type BatchRunner<T, R> = (items: readonly T[]) => R[] | Promise<R[]>;

export interface GroupCommitOptions {
  /** Most items in one transaction; more wait for the next batch (default 1,000). */
  maxBatch?: number;
}

/** What a group commit has done so far, for tests and metrics. */
export interface GroupCommitStats {
  /** Transactions attempted (committed or failed). */
  batches: number;
  /** Items in those transactions. */
  items: number;
  /** Transactions that failed; each rejected all of its items. */
  failedBatches: number;
  /** Items waiting for the next transaction. */
  queued: number;
}

interface Pending<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

export class GroupCommit<T, R> {
  readonly #run: BatchRunner<T, R>;
  readonly #maxBatch: number;
  #queue: Pending<T, R>[] = [];
  #scheduled = false;
  #running = false;
  #idleWaiters: (() => void)[] = [];
  #batches = 0;
  #items = 0;
  #failedBatches = 0;

  constructor(run: BatchRunner<T, R>, options: GroupCommitOptions = {}) {
    const maxBatch = options.maxBatch ?? 1000;
    if (!Number.isInteger(maxBatch) || maxBatch < 1) throw new RangeError(`maxBatch must be a positive integer, got ${maxBatch}`);
    this.#run = run;
    this.#maxBatch = maxBatch;
  }

  /**
   * Queues `item` for the next transaction. Resolves with its result once that transaction
   * is committed; rejects with the transaction's error if it failed.
   */
  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.#queue.push({ item, resolve, reject });
      this.#schedule();
    });
  }

  /** Resolves once every item submitted so far has been committed or rejected. */
  idle(): Promise<void> {
    if (!this.#busy()) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  stats(): GroupCommitStats {
    return { batches: this.#batches, items: this.#items, failedBatches: this.#failedBatches, queued: this.#queue.length };
  }

  #busy(): boolean {
    return this.#running || this.#scheduled || this.#queue.length > 0;
  }

  #schedule(): void {
    // While a batch runs, new items simply wait: the batch's end schedules the next one.
    if (this.#scheduled || this.#running) return;
    this.#scheduled = true;
    // setImmediate, not a microtask: it runs after the poll phase, so messages that arrived
    // from many sockets in the same turn all join one batch.
    setImmediate(() => void this.#flush());
  }

  async #flush(): Promise<void> {
    this.#scheduled = false;
    const batch = this.#queue.splice(0, this.#maxBatch);
    if (batch.length === 0) return this.#notifyIfIdle();
    this.#running = true;
    this.#batches += 1;
    this.#items += batch.length;
    try {
      const results = await this.#run(batch.map((p) => p.item));
      if (results.length !== batch.length) {
        throw new Error(`batch runner returned ${results.length} results for ${batch.length} items`);
      }
      batch.forEach((p, i) => p.resolve(results[i] as R));
    } catch (error) {
      this.#failedBatches += 1;
      for (const p of batch) p.reject(error);
    } finally {
      this.#running = false;
    }
    if (this.#queue.length > 0) this.#schedule();
    else this.#notifyIfIdle();
  }

  #notifyIfIdle(): void {
    if (this.#busy()) return;
    const waiters = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const wake of waiters) wake();
  }
}
