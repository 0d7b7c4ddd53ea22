import * as Y from "yjs";
import { RosterRecords, RosterReview } from "@roster/doc";
import { markRoster, type ChildMarking } from "../marks/compute-marks";
import { loadDocUpdates } from "../storage/stored-doc";
import type { DocStore } from "../storage/store";
import { syncDocName } from "../sync";

/** A roster's two documents read from the store, and every child's marking evaluated now. */
export interface StoredRoster {
  records: RosterRecords;
  review: RosterReview;
  markings: Map<string, ChildMarking>;
  /** Frees the two documents. */
  destroy(): void;
}

/** A document as stored (snapshot and updates after it), built into a throwaway `Y.Doc`. */
export async function loadStoredDoc(store: Pick<DocStore, "loadStored">, name: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  const updates = await loadDocUpdates(store, name);
  doc.transact(() => {
    for (const update of updates) Y.applyUpdate(doc, update);
  });
  return doc;
}

/**
 * Reads a roster from what is stored, for a one-off reader: the CLI (no server runs), and in
 * scaled mode the reports of an instance over rosters another instance owns (what is stored
 * is what every client was sent: an update is committed before it is relayed). The markings
 * are evaluated here with the same engine and police stamps as the owner's marks.
 */
export async function readStoredRoster(store: Pick<DocStore, "loadStored">, rosterId: string, asOf: string): Promise<StoredRoster> {
  const [recordsDoc, reviewDoc] = await Promise.all([loadStoredDoc(store, syncDocName("records", rosterId)), loadStoredDoc(store, syncDocName("review", rosterId))]);
  const records = new RosterRecords(recordsDoc);
  const review = new RosterReview(reviewDoc);
  return {
    records,
    review,
    markings: markRoster(records, review.verifications(), asOf),
    destroy() {
      records.destroy();
      review.destroy();
      recordsDoc.destroy();
      reviewDoc.destroy();
    },
  };
}
