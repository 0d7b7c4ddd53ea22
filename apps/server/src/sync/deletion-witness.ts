import * as Y from "yjs";

/**
 * The Yjs client id of the server's witness writes (the same reserved id as the guard's
 * repairs, whose clock continues from the stored document).
 */
export const WITNESS_CLIENT_ID = 0;
/** The root map of the witness (outside clients ignore roots they do not know). */
export const WITNESS_ROOT = "server";

/*
 * Why witnesses. A Yjs state vector counts structs, not deletions: a client whose state
 * vector covers an update may still lack the update's deletions when the update carried
 * only deletions. A sync answer may leave out what the client's state vector covers (the
 * snapshot, a stored update) only if every deletion in it is "witnessed": it came in an
 * update that also carried structs, or a struct of the server (client 0) was stored after
 * it. A client that holds such a struct got it from the server (by relay or by an answer,
 * each of which carried every deletion before it), or made it itself, in the same update
 * as its own deletions.
 */

/** True when the transaction deleted something and added no struct. */
export function needsWitness(transaction: Y.Transaction): boolean {
  if (transaction.deleteSet.clients.size === 0) return false;
  for (const [client, clock] of transaction.afterState) {
    if (clock !== (transaction.beforeState.get(client) ?? 0)) return false;
  }
  return true;
}

/** Writes one struct of client 0 (a counter in the `server` root), in the running transaction if any. */
export function writeWitness(doc: Y.Doc, origin: unknown): void {
  doc.transact(() => {
    const own = doc.clientID;
    doc.clientID = WITNESS_CLIENT_ID;
    try {
      const root = doc.getMap<number>(WITNESS_ROOT);
      root.set("witness", (root.get("witness") ?? 0) + 1);
    } finally {
      // Back before the transaction ends: Yjs keeps the id of a local transaction's writer.
      doc.clientID = own;
    }
  }, origin);
}

/**
 * Whether a snapshot merged from `updates` (after a previous snapshot that was, or was not,
 * witnessed) is witnessed: each update with deletions no struct of its own covers (deletions
 * only, or stored before witnesses) is followed by a struct of client 0. Decodes every
 * update: run it off the main thread.
 */
export function witnessedAfter(previouslyWitnessed: boolean, updates: readonly { update: Uint8Array; witnessed: boolean }[]): boolean {
  let witnessed = previouslyWitnessed;
  for (const { update, witnessed: stored } of updates) {
    const { structs, ds } = Y.decodeUpdate(update);
    if (structs.some((struct) => struct.id.client === WITNESS_CLIENT_ID)) witnessed = true;
    else if (ds.clients.size > 0 && (structs.length === 0 || !stored)) witnessed = false;
  }
  return witnessed;
}
