import * as Y from "yjs";
import { RosterRecords, RosterReview } from "@roster/doc";
import { markRoster, type ChildMarking } from "../marks/compute-marks";
import { storedUpdates } from "../storage/stored-doc";
import type { DocStore } from "../storage/store";
import { syncDocName } from "../sync";

/** A roster's two documents read from the store, and every child's marking evaluated now. */
export interface StoredRoster {
  records: RosterRecords;
  review: RosterReview;
  markings: Map<string, ChildMarking>;
  /** The last sequence number of each document as read (to tell later whether it changed). */
  seqs: { records: number; review: number };
  /** Frees the two documents. */
  destroy(): void;
}

/** A document as stored (snapshot and updates after it), built into a throwaway `Y.Doc`. */
export async function loadStoredDoc(store: Pick<DocStore, "loadStored">, name: string): Promise<Y.Doc> {
  return (await loadStoredDocAt(store, name)).doc;
}

/** The same, with the last sequence number it holds. */
async function loadStoredDocAt(store: Pick<DocStore, "loadStored">, name: string): Promise<{ doc: Y.Doc; lastSeq: number }> {
  const doc = new Y.Doc();
  const stored = await store.loadStored(name);
  doc.transact(() => {
    for (const update of storedUpdates(stored)) Y.applyUpdate(doc, update);
  });
  return { doc, lastSeq: stored.lastSeq };
}

/** Whether a document still ends at `lastSeq` (nothing appended nor compacted since): one small query. */
export async function unchangedSince(store: Pick<DocStore, "updatesAfter">, name: string, lastSeq: number): Promise<boolean> {
  const after = await store.updatesAfter(name, lastSeq);
  return after !== undefined && after.length === 0;
}

/**
 * Reads a roster from what is stored, for a one-off reader: the CLI (no server runs), and in
 * scaled mode the reports of an instance over rosters another instance owns (what is stored
 * is what every client was sent: an update is committed before it is relayed). The markings
 * are evaluated here with the same engine and police stamps as the owner's marks.
 */
export async function readStoredRoster(store: Pick<DocStore, "loadStored">, rosterId: string, asOf: string): Promise<StoredRoster> {
  const [recordsAt, reviewAt] = await Promise.all([loadStoredDocAt(store, syncDocName("records", rosterId)), loadStoredDocAt(store, syncDocName("review", rosterId))]);
  const recordsDoc = recordsAt.doc;
  const reviewDoc = reviewAt.doc;
  const records = new RosterRecords(recordsDoc);
  const review = new RosterReview(reviewDoc);
  return {
    records,
    review,
    markings: markRoster(records, review.verifications(), asOf),
    seqs: { records: recordsAt.lastSeq, review: reviewAt.lastSeq },
    destroy() {
      records.destroy();
      review.destroy();
      recordsDoc.destroy();
      reviewDoc.destroy();
    },
  };
}
