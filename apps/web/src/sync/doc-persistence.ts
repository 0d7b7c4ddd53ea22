import { openDB, type DBSchema, type IDBPDatabase } from "idb";
import * as Y from "yjs";

/**
 * The layout y-indexeddb used (an auto-numbered `updates` store and a `custom` key-value
 * store, version 1), kept so a roster already stored on a phone opens as it is.
 */
interface DocSchema extends DBSchema {
  updates: { key: number; value: Uint8Array };
  custom: { key: string; value: unknown };
}

/** Stored updates past which they are folded into one (y-indexeddb's trim size). */
const COMPACT_AFTER = 500;
const COMPACT_DELAY_MS = 1000;

export interface DocPersistenceOptions {
  /**
   * Values written to the `custom` store in the same IndexedDB transaction as each local
   * change, read at the moment of the change: what must never be on disk without the
   * change, nor the change without it (the roster's pending ledger).
   */
  withEachChange?: () => Readonly<Record<string, unknown>>;
  /** Told when a write failed (the disk is full, the database was deleted). */
  onError?: (error: unknown) => void;
}

/**
 * One Yjs document kept in its own IndexedDB database, on `idb`'s public API.
 *
 * The stored updates are applied in one transaction before anything listens for the
 * document's `update` event, so Yjs does not encode a big roster once more while the
 * person waits. After that, every change is written in a transaction started in the
 * change's own turn (the `update` event), so the writes reach the disk in the order of
 * the changes. A change made while loading is written afterwards, as the whole state.
 */
export class DocPersistence {
  /** Resolves once the stored document is applied (rejects if the database cannot open). */
  readonly whenLoaded: Promise<void>;
  private readonly db: Promise<IDBPDatabase<DocSchema>>;
  private opened: IDBPDatabase<DocSchema> | undefined;
  private stored = 0;
  private lastWrite: Promise<void> = Promise.resolve();
  private compactTimer: ReturnType<typeof setTimeout> | undefined;
  private destroyed = false;

  constructor(
    readonly name: string,
    readonly doc: Y.Doc,
    private readonly options: DocPersistenceOptions = {},
  ) {
    this.db = openDB<DocSchema>(name, 1, {
      upgrade(db) {
        db.createObjectStore("updates", { autoIncrement: true });
        db.createObjectStore("custom");
      },
      // The logout wipe deletes the database: let it.
      blocking: (_current, _next, event) => (event.target as IDBDatabase).close(),
    });
    this.whenLoaded = this.load();
  }

  /** A value of the `custom` store. */
  async get(key: string): Promise<unknown> {
    return (await this.db).get("custom", key);
  }

  /** Writes a value of the `custom` store (after every change already written). */
  set(key: string, value: unknown): Promise<void> {
    return this.write((db) => {
      const tx = db.transaction("custom", "readwrite");
      void tx.store.put(value, key);
      return tx.done;
    });
  }

  /**
   * Resolves once every write started so far has settled (IndexedDB commits them in
   * order); rejects if the last one failed. Every failure also goes to `onError`.
   */
  whenStored(): Promise<void> {
    return this.lastWrite;
  }

  /** Stops storing changes and closes the database (the data stays). */
  async destroy(): Promise<void> {
    if (this.destroyed) return;
    this.destroyed = true;
    clearTimeout(this.compactTimer);
    this.doc.off("update", this.onUpdate);
    await this.lastWrite.catch(() => undefined);
    (await this.db.catch(() => undefined))?.close();
  }

  private async load(): Promise<void> {
    let changedMeanwhile = false;
    const watch = (tr: Y.Transaction) => {
      if (tr.origin !== this && tr.changed.size + tr.deleteSet.clients.size > 0) changedMeanwhile = true;
    };
    this.doc.on("afterTransaction", watch);
    try {
      const db = await this.db;
      const updates = await db.getAll("updates");
      if (this.destroyed) return;
      Y.transact(this.doc, () => updates.forEach((update) => Y.applyUpdate(this.doc, update)), this, false);
      this.opened = db;
      this.stored = updates.length;
    } finally {
      this.doc.off("afterTransaction", watch);
    }
    this.doc.on("update", this.onUpdate);
    if (changedMeanwhile) this.append(Y.encodeStateAsUpdate(this.doc));
    else if (this.stored >= COMPACT_AFTER) this.scheduleCompaction();
  }

  private readonly onUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin !== this) this.append(update);
  };

  private append(update: Uint8Array): void {
    const extra = this.options.withEachChange?.() ?? {};
    this.write((db) => {
      const tx = db.transaction(["updates", "custom"], "readwrite");
      void tx.objectStore("updates").add(update);
      for (const [key, value] of Object.entries(extra)) void tx.objectStore("custom").put(value, key);
      return tx.done;
    });
    this.stored += 1;
    if (this.stored >= COMPACT_AFTER) this.scheduleCompaction();
  }

  /**
   * Starts `run`'s transaction now when the database is open (IndexedDB then commits
   * transactions over the same stores in the order they were started), else after the
   * writes queued before it.
   */
  private write(run: (db: IDBPDatabase<DocSchema>) => Promise<void>): Promise<void> {
    const db = this.opened;
    const done = db ? run(db) : this.lastWrite.catch(() => undefined).then(async () => run(await this.db));
    done.catch((error: unknown) => this.options.onError?.(error));
    this.lastWrite = done;
    return done;
  }

  private scheduleCompaction(): void {
    clearTimeout(this.compactTimer);
    this.compactTimer = setTimeout(() => this.compact(), COMPACT_DELAY_MS);
  }

  /** Replaces every stored update by the document's state, in one transaction. */
  private compact(): void {
    if (this.destroyed) return;
    const state = Y.encodeStateAsUpdate(this.doc);
    this.write((db) => {
      const tx = db.transaction("updates", "readwrite");
      void tx.store.clear();
      void tx.store.add(state);
      return tx.done;
    });
    this.stored = 1;
  }
}
