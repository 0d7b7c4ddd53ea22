import * as Y from "yjs";
import type { NewSnapshot } from "../storage/store";
import { witnessedAfter } from "./deletion-witness";
import type { DiffUpdate } from "./sync-answer";

/** Which garbage collection a document's compaction uses (the records guard keeps deleted records). */
export type GcKind = "records" | "plain";

/** What a compaction merges: the stored snapshot (if any) and the updates after it, in order. */
export interface CompactJob {
  snapshot: { update: Uint8Array; witnessed: boolean } | undefined;
  /** `witnessed`: false for an update stored before witnesses existed (see `StoredUpdate`). */
  updates: { update: Uint8Array; witnessed: boolean }[];
  gc: GcKind;
}

/**
 * The Yjs work that scans a whole document, done away from the event loop that serves
 * every socket: a reconnecting client's diff of a large update, and compaction. The server
 * runs it in worker threads (`workers/yjs-worker-pool.ts`); unit tests in process.
 */
export interface YjsOffload {
  diff: DiffUpdate;
  compact(job: CompactJob): Promise<NewSnapshot>;
}

/**
 * Merges stored updates into a snapshot through a Y.Doc with garbage collection on (binary
 * merging would keep every overwritten value), with the state vector beside it and whether
 * its deletions are witnessed.
 */
export function compactUpdates(job: CompactJob, gcFilter?: (item: Y.Item) => boolean): NewSnapshot {
  const doc = new Y.Doc(gcFilter ? { gcFilter } : {});
  try {
    doc.transact(() => {
      if (job.snapshot) Y.applyUpdate(doc, job.snapshot.update);
      for (const { update } of job.updates) Y.applyUpdate(doc, update);
    });
    return {
      update: Y.encodeStateAsUpdate(doc),
      stateVector: Y.encodeStateVector(doc),
      witnessed: witnessedAfter(job.snapshot?.witnessed ?? true, job.updates),
    };
  } finally {
    doc.destroy();
  }
}

/** The same work on the calling thread (tests, and tiny documents). */
export function inProcessOffload(gcFilterFor: (gc: GcKind) => ((item: Y.Item) => boolean) | undefined = () => undefined): YjsOffload {
  return {
    diff: async (update, stateVector) => Y.diffUpdate(update, stateVector),
    compact: async (job) => compactUpdates(job, gcFilterFor(job.gc)),
  };
}
