import * as Y from "yjs";

/**
 * `Y.encodeStateAsUpdate(doc, stateVector)` without the doc's pending structs and
 * pending delete set.
 *
 * Why: Yjs keeps the parts of an update whose dependencies are missing in
 * `doc.store.pendingStructs` / `pendingDs` and includes them in
 * `encodeStateAsUpdate`. They never fired an `update` event, so they were never
 * persisted. Sending them to a client in sync step 2 would let a client see content
 * that is not on disk. Once their dependencies arrive they integrate, fire `update`
 * and travel the durable pipeline like any other change.
 *
 * Yjs has no public way to encode without them, so they are set aside for the
 * duration of this synchronous call and put back.
 */
export function encodeIntegratedState(doc: Y.Doc, stateVector?: Uint8Array): Uint8Array {
  const store = doc.store;
  const { pendingStructs, pendingDs } = store;
  if (pendingStructs === null && pendingDs === null) return Y.encodeStateAsUpdate(doc, stateVector);
  store.pendingStructs = null;
  store.pendingDs = null;
  try {
    return Y.encodeStateAsUpdate(doc, stateVector);
  } finally {
    store.pendingStructs = pendingStructs;
    store.pendingDs = pendingDs;
  }
}
