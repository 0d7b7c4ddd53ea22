import type { DocStore, UpdateAudit, WriteFence } from "../storage/store";

/** One integrated document update and the transaction origin that produced it. */
export interface QueuedUpdate {
  update: Uint8Array;
  origin: unknown;
  /** Audit entries committed in the same store transaction as the update. */
  audit?: UpdateAudit;
  /** The server changed the sender's update (a repair): relay it to the sender as well. */
  echo?: boolean;
}

/** An update once durable, with the sequence number the store gave it. */
export interface PersistedUpdate extends QueuedUpdate {
  seq: number;
}

/** Updates made durable together, in the order they were applied. */
export interface PersistedBatch {
  entries: readonly PersistedUpdate[];
  /** Highest sequence number the store gave them. */
  seq: number;
  bytes: number;
  latencyMs: number;
}

export interface PersistQueueOptions {
  name: string;
  /** Scaled mode: the ownership every append is made under (the store refuses it after a takeover). */
  fence?: WriteFence;
  store: Pick<DocStore, "appendUpdate">;
  /** Called once per durable batch, before `drained()` waiters resume; relay here. */
  onPersisted: (batch: PersistedBatch) => void;
  /** Called once when an append fails; the queue then refuses everything. */
  onFailure: (error: unknown) => void;
  now?: () => number;
}

/**
 * The per-document FIFO of updates waiting to be durable. Each update is handed to the
 * store as soon as it is applied (the store group-commits whatever arrives together:
 * one transaction, one fsync) and numbered in call order; an update is relayed only once
 * it and every update before it are durable, so nothing is ever reordered. Updates made
 * durable by the same commit are relayed together, as one batch.
 *
 * Not waiting for the previous append before submitting the next keeps a burst of
 * updates from paying one store round trip each.
 *
 * Updates are not merged (`Y.mergeUpdates`) into one append: merging thousands of
 * small updates takes seconds and would block the event loop, while the store's group
 * commit already makes a batch cost one fsync.
 */
export class PersistQueue {
  /** Submitted and not relayed yet, oldest first; `seq` is set once durable. */
  private inFlight: { entry: QueuedUpdate; started: number; seq?: number }[] = [];
  private enqueued = 0;
  private persisted = 0;
  private flushScheduled = false;
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

  /** Submits an update; ignored once the queue has failed (the room is being discarded). */
  push(entry: QueuedUpdate): void {
    if (this.failure) return;
    const slot: { entry: QueuedUpdate; started: number; seq?: number } = { entry, started: this.now() };
    this.inFlight.push(slot);
    this.enqueued += 1;
    let appended: Promise<number>;
    try {
      appended = this.options.fence
        ? this.options.store.appendUpdate(this.options.name, entry.update, entry.audit, this.options.fence)
        : this.options.store.appendUpdate(this.options.name, entry.update, entry.audit);
    } catch (error) {
      appended = Promise.reject(error);
    }
    appended.then(
      (seq) => {
        slot.seq = seq;
        this.scheduleFlush();
      },
      (error: unknown) => this.fail(error),
    );
  }

  /** Resolves once every update pushed so far is durable; rejects if the store failed. */
  drained(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure.error);
    if (this.persisted >= this.enqueued) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.push({ target: this.enqueued, resolve, reject }));
  }

  /** Once per burst of acknowledgements: those of one commit arrive together. */
  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    queueMicrotask(() => {
      this.flushScheduled = false;
      this.flush();
    });
  }

  /** Relays the durable updates at the head of the line, in order, as one batch. */
  private flush(): void {
    if (this.failure) return;
    let count = 0;
    while (count < this.inFlight.length && this.inFlight[count]?.seq !== undefined) count++;
    if (count === 0) return;
    const done = this.inFlight.splice(0, count);
    this.persisted += count;
    this.options.onPersisted({
      entries: done.map((slot) => ({ ...slot.entry, seq: slot.seq ?? 0 })),
      seq: done.reduce((max, slot) => Math.max(max, slot.seq ?? 0), 0),
      bytes: done.reduce((sum, slot) => sum + slot.entry.update.byteLength, 0),
      latencyMs: this.now() - (done[0]?.started ?? this.now()),
    });
    const ready = this.waiters.filter((w) => w.target <= this.persisted);
    this.waiters = this.waiters.filter((w) => w.target > this.persisted);
    for (const waiter of ready) waiter.resolve();
  }

  private fail(error: unknown): void {
    if (this.failure) return;
    this.failure = { error };
    this.inFlight = [];
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter.reject(error);
    this.options.onFailure(error);
  }
}
