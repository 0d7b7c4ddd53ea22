import type { DocStore, NewSnapshot, StoredDoc } from "./store";

/** The stored bytes of a document in load order: the snapshot, then the updates after it. */
export function storedUpdates(stored: StoredDoc): Uint8Array[] {
  const updates = stored.updates.map((entry) => entry.update);
  return stored.snapshot ? [stored.snapshot.update, ...updates] : updates;
}

/** Refuses a malformed snapshot before anything is written (every store calls it). */
export function assertSnapshot(snapshot: NewSnapshot): void {
  if (!(snapshot.update instanceof Uint8Array) || snapshot.update.byteLength === 0) {
    throw new TypeError("snapshot.update must be a non-empty Uint8Array");
  }
  if (!(snapshot.stateVector instanceof Uint8Array) || snapshot.stateVector.byteLength === 0) {
    throw new TypeError("snapshot.stateVector must be a non-empty Uint8Array");
  }
  if (typeof snapshot.witnessed !== "boolean") throw new TypeError("snapshot.witnessed must be a boolean");
}

/** Loads a document's stored bytes in load order (for the CLI and tests; no Yjs involved). */
export async function loadDocUpdates(store: Pick<DocStore, "loadStored">, name: string): Promise<Uint8Array[]> {
  return storedUpdates(await store.loadStored(name));
}
