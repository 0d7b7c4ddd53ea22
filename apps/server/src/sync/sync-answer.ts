import * as Y from "yjs";
import { structsTo, type StoredCapture } from "./stored-state";

/** Works out what part of a stored update a client lacks (`Y.diffUpdate`), maybe elsewhere. */
export type DiffUpdate = (update: Uint8Array, stateVector: Uint8Array) => Promise<Uint8Array>;

/** An update that only says "nothing": what the last frame of an answer carries when empty. */
export const EMPTY_UPDATE = new Uint8Array([0, 0]);

/** How a sync answer was made, for the counters. */
export type AnswerKind = "stored-bytes" | "diff";

export interface SyncAnswer {
  kind: AnswerKind;
  /** Updates to send, in order; the last goes as sync step 2 (never empty). */
  parts: Uint8Array[];
  /** Stored updates left out because the client had them. */
  skipped: number;
}

/**
 * Answers a client's sync step 1 from the stored bytes (DESIGN.md "First sync without
 * building the document"):
 * - a new client (empty state vector) gets the snapshot and every later update as they
 *   are stored: nothing is decoded nor merged;
 * - a returning client gets, of the snapshot and of each later update, only what its state
 *   vector lacks (`Y.diffUpdate`, through `diff`, which may run in a worker), and nothing of
 *   a part it already holds: a snapshot whose stored state vector its own covers (when the
 *   snapshot's deletions are witnessed, see `deletion-witness.ts`), an update whose structs
 *   it holds.
 */
export async function answerSync(capture: StoredCapture, stateVector: Uint8Array, diff: DiffUpdate): Promise<SyncAnswer> {
  return answerFor(capture, readStateVector(stateVector), stateVector, diff);
}

/** Decodes a client's state vector; throws on garbage (the connection then closes with 4400). */
export function readStateVector(stateVector: Uint8Array): Map<number, number> {
  return Y.decodeStateVector(stateVector);
}

/** `answerSync` with the state vector already decoded. */
export async function answerFor(
  capture: StoredCapture,
  clientState: ReadonlyMap<number, number>,
  stateVector: Uint8Array,
  diff: DiffUpdate,
): Promise<SyncAnswer> {
  const { snapshot, tail } = capture;
  if (clientState.size === 0) {
    const parts = [...(snapshot ? [snapshot.update] : []), ...tail.map((entry) => entry.update)];
    return { kind: "stored-bytes", parts: parts.length > 0 ? parts : [EMPTY_UPDATE], skipped: 0 };
  }
  const pending: Promise<Uint8Array>[] = [];
  let skipped = 0;
  if (snapshot) {
    const held = snapshot.witnessed && snapshot.stateVector !== null && covers(clientState, Y.decodeStateVector(snapshot.stateVector));
    if (held) skipped += 1;
    else pending.push(diff(snapshot.update, stateVector));
  }
  for (const entry of tail) {
    const to = structsTo(entry);
    // Deletions only, or stored before witnesses: the state vector cannot tell whether the
    // client has its deletions.
    if (to.size > 0 && entry.witnessed !== false && covers(clientState, to)) skipped += 1;
    else pending.push(diff(entry.update, stateVector));
  }
  const parts = (await Promise.all(pending)).filter((part) => !isEmptyUpdate(part));
  return { kind: "diff", parts: parts.length > 0 ? parts : [EMPTY_UPDATE], skipped };
}

/** Whether `state` has every struct up to `needed` (client → clock after the last struct). */
export function covers(state: ReadonlyMap<number, number>, needed: ReadonlyMap<number, number>): boolean {
  for (const [client, clock] of needed) if ((state.get(client) ?? 0) < clock) return false;
  return true;
}

/** An update with no struct and no deletion (what `diffUpdate` gives for a part held in full). */
function isEmptyUpdate(update: Uint8Array): boolean {
  return update.byteLength <= 2 && update.every((byte) => byte === 0);
}
