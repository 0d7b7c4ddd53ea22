import { join } from "node:path";
import * as Y from "yjs";
import { compactEditLog } from "@roster/doc";
import { addCommune, addRoster, addUser } from "../../src/accounts/accounts";
import { TEST_PASSWORD_COST } from "../../src/auth/passwords";
import { openStore } from "../../src/storage/open-store";
import { syncDocName } from "../../src/sync";
import { makeEditHistory } from "../edit-history";
import { seededRoster } from "../roster-doc";

export const COLD_ROSTER = "bench-thon-lon";
export const COLD_USER = "bench-cold";
export const COLD_PASSWORD = "mat-khau-bench";

/** How the one big roster is stored in a variant's DATA_DIR. */
export type ColdVariantName = "single" | "history" | "compacted";

export interface ColdVariant {
  name: ColdVariantName;
  /** A template DATA_DIR; every start runs on a fresh copy (closing compacts the original). */
  dataDir: string;
  storedUpdates: number;
  storedBytes: number;
}

/**
 * Three template DATA_DIRs holding one roster of `children` children: `single` (the seed
 * as one update, as `roster seed` stores it), `history` (the seed then `edits` small field
 * edits as separate updates, not compacted) and `compacted` (the same history replaced by
 * one snapshot after `compactEditLog`).
 */
export async function prepareColdVariants(baseDir: string, children: number, edits: number): Promise<ColdVariant[]> {
  const seeded = seededRoster(5000, children);
  const history = makeEditHistory(seeded.update, seeded.childIds, edits);
  compactEditLog(history.doc);
  const snapshot = Y.encodeStateAsUpdate(history.doc);
  history.doc.destroy();

  const variants: ColdVariant[] = [];
  for (const name of ["single", "history", "compacted"] as const) {
    const dataDir = join(baseDir, name);
    const store = await openStore({ DATA_DIR: dataDir });
    try {
      await addCommune(store, "bench-xa", "Xã Thử Tải");
      await addRoster(store, "bench-xa", COLD_ROSTER, "Thôn Lớn");
      await addUser(store, { commune: "bench-xa", username: COLD_USER, password: COLD_PASSWORD, role: "school" }, TEST_PASSWORD_COST);
      const docName = syncDocName("records", COLD_ROSTER);
      const updates = name === "single" ? [seeded.update] : [seeded.update, ...history.updates];
      const seqs = await Promise.all(updates.map((update) => store.appendUpdate(docName, update)));
      if (name === "compacted") {
        const compacted = { update: snapshot, stateVector: Y.encodeStateVector(history.doc), witnessed: true };
        await store.compactDoc(docName, compacted, Math.max(...seqs));
      }
      const stats = await store.docStats(docName);
      variants.push({ name, dataDir, storedUpdates: stats.updates, storedBytes: stats.bytes });
    } finally {
      await store.close();
    }
  }
  return variants;
}
