import * as Y from "yjs";
import type { ChangeFeed } from "./change-feed";
import { readEditEntry } from "./edit-entry";
import type { EditEntry } from "./edit-entry";
import type { EditLogIndex } from "./edit-log-index";

/** Ids of the records one transaction touched. */
interface TouchedIds {
  readonly children: Set<string>;
  readonly guardians: Set<string>;
}

interface Watched<C extends TouchedIds> {
  readonly children: Y.Map<unknown>;
  readonly guardians: Y.Map<unknown>;
  readonly edits: Y.Array<unknown>;
  readonly index: EditLogIndex;
  readonly feed: ChangeFeed<C>;
}

/**
 * Observes a records document: keeps the edit-log index in step with the `edits` array
 * (local and remote inserts and deletes) and tells the feed which records each
 * transaction touched. Returns the function that stops observing.
 */
export function watchRecordsDoc<C extends TouchedIds>({ children, guardians, edits, index, feed }: Watched<C>): () => void {
  const watchMap = (map: Y.Map<unknown>, pick: (changes: C) => Set<string>) => {
    const observer = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>, transaction: Y.Transaction) => {
      const ids = pick(feed.touch(transaction));
      for (const event of events) {
        if (event.target === map) {
          for (const key of (event as Y.YMapEvent<unknown>).keysChanged) ids.add(key);
        } else {
          // A change inside a record: the first step of its path is the record id.
          const [id] = event.path;
          if (typeof id === "string") ids.add(id);
        }
      }
    };
    map.observeDeep(observer);
    return () => map.unobserveDeep(observer);
  };

  const editsObserver = (_event: Y.YArrayEvent<unknown>, transaction: Y.Transaction) => {
    // An entry can integrate in a later transaction than its map write (Yjs buffers
    // items whose dependencies are missing), so log changes report their record too.
    const touch = (entry: EditEntry) => {
      const changes = feed.touch(transaction);
      (entry.k === "c" ? changes.children : changes.guardians).add(entry.r);
    };
    // Only the structs of this transaction are looked at (YEvent.changes would walk
    // the whole array on every transaction, which grows with the log).
    Y.iterateDeletedStructs(transaction, transaction.deleteSet, (struct) => {
      for (const entry of entriesOf(struct, edits)) if (index.remove(entry)) touch(entry);
    });
    for (const struct of insertedStructs(transaction)) {
      if (struct.deleted) continue;
      // A local write has indexed its entries already; add() then does nothing.
      for (const entry of entriesOf(struct, edits)) {
        index.add(entry);
        touch(entry);
      }
    }
  };
  edits.observe(editsObserver);

  const stops = [watchMap(children, (c) => c.children), watchMap(guardians, (c) => c.guardians)];
  return () => {
    for (const stop of stops) stop();
    edits.unobserve(editsObserver);
  };
}

/** The structs a transaction created (a client's new structs all have clocks past its old state). */
function* insertedStructs(transaction: Y.Transaction): Generator<Y.AbstractStruct> {
  const store = transaction.doc.store;
  for (const [client, after] of transaction.afterState) {
    const before = transaction.beforeState.get(client) ?? 0;
    if (after <= before) continue;
    const structs = store.clients.get(client) ?? [];
    for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) yield structs[i] as Y.AbstractStruct;
  }
}

/** The readable log entries a struct holds when it is an item of the `edits` array. */
function entriesOf(struct: Y.AbstractStruct, edits: Y.Array<unknown>): EditEntry[] {
  if (!(struct instanceof Y.Item) || struct.parent !== edits) return [];
  const entries: EditEntry[] = [];
  for (const raw of struct.content.getContent()) {
    const entry = readEditEntry(raw);
    if (entry !== undefined) entries.push(entry);
  }
  return entries;
}
