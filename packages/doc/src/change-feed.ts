import type * as Y from "yjs";

/** What every change notification carries about the transaction that caused it. */
export interface TransactionInfo {
  /** The origin the writer passed to `doc.transact` (the server tags connections with it). */
  readonly origin: unknown;
  /** True when the change was made on this peer, false when it arrived as an update. */
  readonly local: boolean;
}

/**
 * Collects what Yjs observers report during one transaction and hands it to listeners
 * once, after the transaction, so a listener sees each transaction as one batch.
 */
export class ChangeFeed<C extends object> {
  private readonly listeners = new Set<(change: C & TransactionInfo) => void>();
  private pending: (C & TransactionInfo) | null = null;

  constructor(
    private readonly doc: Y.Doc,
    private readonly empty: () => C,
  ) {
    doc.on("afterTransaction", this.flush);
  }

  /** The batch of the running transaction, created on first use. */
  touch(transaction: Y.Transaction): C {
    this.pending ??= { ...this.empty(), origin: transaction.origin, local: transaction.local };
    return this.pending;
  }

  /** Registers a listener; returns the function that removes it. */
  subscribe(listener: (change: C & TransactionInfo) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stops listening to the document and drops every listener. */
  destroy(): void {
    this.doc.off("afterTransaction", this.flush);
    this.listeners.clear();
    this.pending = null;
  }

  private readonly flush = (): void => {
    const change = this.pending;
    this.pending = null;
    if (change === null) return;
    for (const listener of this.listeners) listener(change);
  };
}
