import * as Y from "yjs";

// Reading a map key's items directly, deleted ones included. Inside the transaction that
// deleted or overwrote them, and afterwards for items the room's gcFilter keeps, their
// content is still there: that is what the guard restores from. `Y.Map.get` only shows
// the live value, so these helpers walk `map._map` (the rightmost item of each key, whose
// `left` chain holds the older values of that key).

/** What an item holds, when its content was not garbage-collected. */
export type ItemValue = { readable: true; value: unknown } | { readable: false };

export function itemValue(item: Y.Item): ItemValue {
  const content = item.content;
  if (content instanceof Y.ContentDeleted) return { readable: false };
  if (content instanceof Y.ContentType) return { readable: true, value: content.type };
  const values = content.getContent();
  if (values.length === 0) return { readable: false };
  return { readable: true, value: values[values.length - 1] };
}

/** Whether the item was integrated by this transaction (its clock is past the client's state before it). */
export function isNewIn(transaction: Y.Transaction, item: Y.AbstractStruct): boolean {
  return item.id.clock >= (transaction.beforeState.get(item.id.client) ?? 0);
}

/** The current item of every key of a map, deleted keys included. */
export function keyItems(map: Y.Map<unknown>): Map<string, Y.Item> {
  return (map as unknown as { _map: Map<string, Y.Item> })._map;
}

/** The rightmost item of one key (its current value, or its deletion), if the key was ever set. */
export function keyItem(map: Y.Map<unknown>, key: string): Y.Item | undefined {
  return keyItems(map).get(key);
}

/** The items of a key from `from` leftwards: newest value first, older (overwritten) ones after. */
export function* olderItems(from: Y.Item | null): Generator<Y.Item> {
  for (let item = from; item !== null; item = item.left) yield item;
}

/**
 * The value a key held before `transaction`: that of the newest item older than it (items
 * overwritten before it hold no content any more, so there is nothing older to fall back on).
 */
export function valueBefore(transaction: Y.Transaction, current: Y.Item): ItemValue {
  for (const item of olderItems(current)) {
    if (!isNewIn(transaction, item)) return itemValue(item);
  }
  return { readable: false };
}

/** Every field of a record map with the value it held before `transaction`. */
export function recordBefore(transaction: Y.Transaction, map: Y.Map<unknown>): Map<string, unknown> {
  const values = new Map<string, unknown>();
  for (const [field, item] of keyItems(map)) {
    const before = valueBefore(transaction, item);
    if (before.readable) values.set(field, before.value);
  }
  return values;
}

/** The Y.Map a record-map item holds, if it holds one. */
export function mapOf(item: Y.Item): Y.Map<unknown> | undefined {
  return item.content instanceof Y.ContentType && item.content.type instanceof Y.Map ? (item.content.type as Y.Map<unknown>) : undefined;
}

/**
 * Every struct this transaction integrated so far, by client. Yjs computes `afterState`
 * only when the transaction ends; inside it, the store's current state tells the same.
 */
export function newStructs(transaction: Y.Transaction): Y.AbstractStruct[] {
  const store = transaction.doc.store;
  const found: Y.AbstractStruct[] = [];
  for (const [client, structs] of store.clients) {
    const before = transaction.beforeState.get(client) ?? 0;
    const last = structs[structs.length - 1];
    if (last === undefined || last.id.clock + last.length <= before) continue;
    for (let i = before === 0 ? 0 : Y.findIndexSS(structs, before); i < structs.length; i++) found.push(structs[i] as Y.AbstractStruct);
  }
  return found;
}
