/**
 * Runs writes one batch at a time per key (a document, a roster's audit), and different
 * keys side by side. Used in front of PostgreSQL, where every batch is one statement on a
 * pooled connection:
 * - per key, batches run strictly one after another, so the writes of one document are
 *   committed (and numbered) in the order they were submitted;
 * - whatever queued up for a key while its batch was committing goes into its next batch
 *   (group commit: one round trip and one WAL flush for all of them);
 * - keys never wait for each other here; only the pool's size bounds how many run at once.
 */

/** Sends the items of one key and resolves with one result per item, in order. */
export type KeyedSender<T, R> = (key: string, items: readonly T[]) => Promise<R[]>;

export interface KeyedBatcherLimits<T> {
  /** Most items in one batch. */
  maxItems: number;
  /** Most bytes in one batch (an item larger than this goes alone). */
  maxBytes: number;
  /** The bytes an item counts for. */
  sizeOf: (item: T) => number;
}

interface Pending<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

export class KeyedBatcher<T, R> {
  /** A key is present while its queue is being drained; its array takes new items meanwhile. */
  readonly #queues = new Map<string, Pending<T, R>[]>();
  #idleWaiters: (() => void)[] = [];

  constructor(
    private readonly send: KeyedSender<T, R>,
    private readonly limits: KeyedBatcherLimits<T>,
  ) {
    if (!Number.isInteger(limits.maxItems) || limits.maxItems < 1) throw new RangeError(`maxItems must be a positive integer, got ${limits.maxItems}`);
    if (!(limits.maxBytes > 0)) throw new RangeError(`maxBytes must be positive, got ${limits.maxBytes}`);
  }

  /** Queues `item` under `key`; resolves with its result once its batch is committed. */
  submit(key: string, item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const queue = this.#queues.get(key);
      if (queue) {
        queue.push({ item, resolve, reject });
        return;
      }
      this.#queues.set(key, [{ item, resolve, reject }]);
      // A microtask later: every item submitted synchronously with this one (a
      // `Promise.all` over many updates) joins the first batch.
      queueMicrotask(() => void this.#drain(key));
    });
  }

  /** Resolves once every item submitted so far is settled. */
  idle(): Promise<void> {
    if (this.#queues.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  async #drain(key: string): Promise<void> {
    const queue = this.#queues.get(key);
    if (!queue) return;
    while (queue.length > 0) {
      const batch = queue.splice(0, this.#batchLength(queue));
      try {
        const results = await this.send(key, batch.map((p) => p.item));
        if (results.length !== batch.length) throw new Error(`batch sender returned ${results.length} results for ${batch.length} items`);
        batch.forEach((p, i) => p.resolve(results[i] as R));
      } catch (error) {
        for (const p of batch) p.reject(error);
      }
    }
    this.#queues.delete(key);
    if (this.#queues.size > 0) return;
    const waiters = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const wake of waiters) wake();
  }

  /** How many of the queue's first items fit in one batch (at least one). */
  #batchLength(queue: readonly Pending<T, R>[]): number {
    let bytes = 0;
    let length = 0;
    for (const pending of queue) {
      if (length === this.limits.maxItems) break;
      bytes += this.limits.sizeOf(pending.item);
      if (length > 0 && bytes > this.limits.maxBytes) break;
      length += 1;
    }
    return length;
  }
}
