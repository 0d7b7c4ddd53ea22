/**
 * Collects the writes submitted during one turn of the event loop and hands them over
 * together, without waiting for earlier hand-overs to finish (several batches may be in
 * flight at once). Used in front of the SQLite writer thread, which
 * itself folds every batch that arrived while it was committing into its next
 * transaction: the main thread never holds writes back waiting for an acknowledgement,
 * so a busy event loop does not add a second round trip to every write.
 */

/** Sends `items` on their way and resolves with one result per item, in order. */
export type BatchSender<T, R> = (items: readonly T[]) => Promise<R[]>;

interface Pending<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

export class TurnBatcher<T, R> {
  #queue: Pending<T, R>[] = [];
  #scheduled = false;
  #inFlight = 0;
  #idleWaiters: (() => void)[] = [];

  constructor(
    private readonly send: BatchSender<T, R>,
    private readonly maxBatch = 1000,
  ) {
    if (!Number.isInteger(maxBatch) || maxBatch < 1) throw new RangeError(`maxBatch must be a positive integer, got ${maxBatch}`);
  }

  /** Queues `item`; resolves with its result once its batch is done, rejects if it failed. */
  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.#queue.push({ item, resolve, reject });
      if (this.#scheduled) return;
      this.#scheduled = true;
      // setImmediate, not a microtask: it runs after the poll phase, so messages that
      // arrived from many sockets in the same turn all join one batch.
      setImmediate(() => this.#flush());
    });
  }

  /** Resolves once every item submitted so far is settled. */
  idle(): Promise<void> {
    if (!this.#busy()) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  #busy(): boolean {
    return this.#scheduled || this.#inFlight > 0 || this.#queue.length > 0;
  }

  #flush(): void {
    this.#scheduled = false;
    while (this.#queue.length > 0) {
      const batch = this.#queue.splice(0, this.maxBatch);
      this.#inFlight += 1;
      let sent: Promise<R[]>;
      try {
        sent = this.send(batch.map((p) => p.item));
      } catch (error) {
        sent = Promise.reject(error);
      }
      sent
        .then((results) => {
          if (results.length !== batch.length) throw new Error(`batch sender returned ${results.length} results for ${batch.length} items`);
          batch.forEach((p, i) => p.resolve(results[i] as R));
        })
        .catch((error: unknown) => {
          for (const p of batch) p.reject(error);
        })
        .finally(() => {
          this.#inFlight -= 1;
          this.#notifyIfIdle();
        });
    }
  }

  #notifyIfIdle(): void {
    if (this.#busy()) return;
    const waiters = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const wake of waiters) wake();
  }
}
