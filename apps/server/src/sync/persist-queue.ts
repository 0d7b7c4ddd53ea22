import type { DocStore } from "../storage/store";

/** One integrated document update and the transaction origin that produced it. */
export interface QueuedUpdate {
  update: Uint8Array;
  origin: unknown;
}

/** Updates made durable together, in the order they were applied. */
export interface PersistedBatch {
  entries: readonly QueuedUpdate[];
  /** Highest sequence number the store gave them. */
  seq: number;
  bytes: number;
  latencyMs: number;
}

export interface PersistQueueOptions {
  name: string;
  store: Pick<DocStore, "appendUpdate">;
  /** Called once per durable batch, before `drained()` waiters resume; relay here. */
  onPersisted: (batch: PersistedBatch) => void;
  /** Called once when an append fails; the queue then refuses everything. */
  onFailure: (error: unknown) => void;
  now?: () => number;
}

/**
 * The per-document FIFO of updates waiting to be durable. One batch is in flight at a
 * time; updates that arrive meanwhile form the next batch. A batch's updates are
 * submitted to the store together, in order, so the store group-commits them (one
 * transaction, one fsync) and numbers them in call order; nothing is relayed before
 * the whole batch is durable and nothing is ever reordered.
 *
 * Updates are not merged (`Y.mergeUpdates`) into one append: merging thousands of
 * small updates takes seconds and would block the event loop, while the store's group
 * commit already makes a batch cost one fsync.
 */
export class PersistQueue {
  private queue: QueuedUpdate[] = [];
  private enqueued = 0;
  private persisted = 0;
  private writing = false;
  private failure: { error: unknown } | undefined;
  private waiters: { target: number; resolve: () => void; reject: (error: unknown) => void }[] = [];
  private readonly now: () => number;

  constructor(private readonly options: PersistQueueOptions) {
    this.now = options.now ?? (() => performance.now());
  }

  /** Updates applied in memory but not yet durable. */
  get pending(): number {
    return this.enqueued - this.persisted;
  }

  get failed(): boolean {
    return this.failure !== undefined;
  }

  /** Queues an update; ignored once the queue has failed (the room is being discarded). */
  push(update: Uint8Array, origin: unknown): void {
    if (this.failure) return;
    this.queue.push({ update, origin });
    this.enqueued += 1;
    if (!this.writing) void this.write();
  }

  /** Resolves once every update pushed so far is durable; rejects if the store failed. */
  drained(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure.error);
    if (this.persisted >= this.enqueued) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.push({ target: this.enqueued, resolve, reject }));
  }

  private async write(): Promise<void> {
    this.writing = true;
    while (this.queue.length > 0) {
      const batch = this.queue;
      this.queue = [];
      const started = this.now();
      try {
        const { store, name } = this.options;
        const seqs = await Promise.all(batch.map((entry) => store.appendUpdate(name, entry.update)));
        this.persisted += batch.length;
        this.options.onPersisted({
          entries: batch,
          seq: seqs.reduce((max, seq) => Math.max(max, seq), 0),
          bytes: batch.reduce((sum, entry) => sum + entry.update.byteLength, 0),
          latencyMs: this.now() - started,
        });
      } catch (error) {
        this.fail(error);
        return;
      }
      const ready = this.waiters.filter((w) => w.target <= this.persisted);
      this.waiters = this.waiters.filter((w) => w.target > this.persisted);
      for (const waiter of ready) waiter.resolve();
    }
    this.writing = false;
  }

  private fail(error: unknown): void {
    this.failure = { error };
    this.queue = [];
    this.writing = false;
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter.reject(error);
    this.options.onFailure(error);
  }
}
