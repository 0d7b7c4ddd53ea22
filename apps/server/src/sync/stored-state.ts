import * as Y from "yjs";
import type { StoredDoc, StoredSnapshot, StoredUpdate } from "../storage/store";

/** A stored update as a room keeps it, with what a sync answer needs to know of it. */
export interface TailEntry extends StoredUpdate {
  /**
   * For each client whose structs the update carries, the clock after its last one; empty
   * when the update carries none (deletions only). Parsed once, when first needed.
   */
  structsTo?: Map<number, number>;
}

/** What a room had stored at one moment: answer a client from this, nothing else. */
export interface StoredCapture {
  snapshot: StoredSnapshot | undefined;
  tail: readonly TailEntry[];
  lastSeq: number;
}

/**
 * A room's copy of what is stored for its document, exactly as stored: the snapshot with its
 * state vector, then the updates committed after it. It grows as updates are relayed (each
 * relayed update is on disk) and shrinks when a compaction replaced a prefix. Sync answers
 * are made from it without building the document (DESIGN.md "First sync without building
 * the document"); at any moment it equals what a client joining now must receive, and the
 * updates relayed after that moment are exactly those it lacks.
 */
export class StoredState {
  private snapshot: StoredSnapshot | undefined;
  private tail: TailEntry[];
  private last: number;
  private tailBytes: number;

  constructor(stored: StoredDoc) {
    this.snapshot = stored.snapshot;
    this.tail = [...stored.updates];
    this.last = stored.lastSeq;
    this.tailBytes = this.tail.reduce((sum, entry) => sum + entry.update.byteLength, 0);
  }

  get lastSeq(): number {
    return this.last;
  }

  /** Updates stored after the snapshot. */
  get tailLength(): number {
    return this.tail.length;
  }

  /** Bytes held: the snapshot, its state vector and the tail. */
  get bytes(): number {
    return (this.snapshot?.update.byteLength ?? 0) + (this.snapshot?.stateVector?.byteLength ?? 0) + this.tailBytes;
  }


  /** Every deletion stored is witnessed: a snapshot and updates made by a server that witnesses them. */
  get witnessed(): boolean {
    return (this.snapshot?.witnessed ?? true) && this.tail.every((entry) => entry.witnessed !== false);
  }

  /** An update committed with `seq` (called in seq order, as updates are relayed). */
  append(seq: number, update: Uint8Array): void {
    if (seq <= this.last) throw new RangeError(`update ${seq} is not after ${this.last}`);
    this.tail.push({ seq, update });
    this.tailBytes += update.byteLength;
    this.last = seq;
  }

  /** A compaction stored `snapshot` in place of every update through its seq. */
  compacted(snapshot: StoredSnapshot): void {
    if (this.snapshot && this.snapshot.seq >= snapshot.seq) return;
    this.snapshot = snapshot;
    const kept = this.tail.filter((entry) => entry.seq > snapshot.seq);
    this.tailBytes = kept.reduce((sum, entry) => sum + entry.update.byteLength, 0);
    this.tail = kept;
  }

  /**
   * What the stored bytes hold, as a state vector: the snapshot's (kept beside it; computed
   * once for a snapshot stored before they were) and every stored update's structs.
   */
  stateVector(): Map<number, number> {
    const state = new Map<number, number>();
    const snapshot = this.snapshot;
    if (snapshot) {
      const vector = snapshot.stateVector ?? Y.encodeStateVectorFromUpdate(snapshot.update);
      this.snapshot = { ...snapshot, stateVector: vector };
      for (const [client, clock] of Y.decodeStateVector(vector)) state.set(client, clock);
    }
    for (const entry of this.tail) {
      for (const [client, clock] of structsTo(entry)) state.set(client, Math.max(clock, state.get(client) ?? 0));
    }
    return state;
  }

  /** The state now (the arrays are not copied; entries are only ever added after it). */
  capture(): StoredCapture {
    return { snapshot: this.snapshot, tail: this.tail.slice(), lastSeq: this.last };
  }
}

/** The clocks after the last struct of each client in `update` (empty: deletions only). */
export function structsTo(entry: TailEntry): Map<number, number> {
  entry.structsTo ??= Y.parseUpdateMeta(entry.update).to;
  return entry.structsTo;
}
