// Ids the records document needs: opaque record ids, and edit-log entry ids that name
// the Yjs item holding the entry (so a peer can tell "not arrived yet" from "deleted").

/** nanoid's URL-safe alphabet: 64 symbols, so one random byte masked to 6 bits is uniform. */
const ALPHABET = "useandom-26T198340PX75pxJACKVERYMINDBUSHWOLF_GQZbfghjklqvwyzrict";
const RECORD_ID_LENGTH = 21;

interface RandomSource {
  getRandomValues(array: Uint8Array): Uint8Array;
}

/**
 * A new collision-safe record id: 21 symbols of a 64-symbol alphabet (126 random bits),
 * from the Web Crypto API that browsers, workers and Node ≥ 20 all provide as a global.
 */
export function newRecordId(): string {
  // Read through globalThis so this file needs neither DOM nor Node typings.
  const source = (globalThis as unknown as { crypto?: RandomSource }).crypto;
  if (source === undefined) throw new Error("Web Crypto (globalThis.crypto) is not available");
  const bytes = source.getRandomValues(new Uint8Array(RECORD_ID_LENGTH));
  let id = "";
  for (const byte of bytes) id += ALPHABET[byte & 63];
  return id;
}

/** Where an edit-log entry lives in Yjs: the client that wrote it and the item's clock. */
export interface EntryPosition {
  readonly client: number;
  readonly clock: number;
}

/** The id of the log entry stored at Yjs position (client, clock): `<client>.<clock>` in base 36. */
export function entryId(client: number, clock: number): string {
  return `${client.toString(36)}.${clock.toString(36)}`;
}

const ENTRY_ID = /^([0-9a-z]{1,11})\.([0-9a-z]{1,11})$/;

/** The position an entry id names, or undefined for an id this package did not make. */
export function parseEntryId(id: string): EntryPosition | undefined {
  const match = ENTRY_ID.exec(id);
  if (match === null) return undefined;
  const client = parseInt(match[1] ?? "", 36);
  const clock = parseInt(match[2] ?? "", 36);
  return Number.isSafeInteger(client) && Number.isSafeInteger(clock) ? { client, clock } : undefined;
}
