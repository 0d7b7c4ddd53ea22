import { cpSync } from "node:fs";
import { join } from "node:path";
import * as Y from "yjs";
import { RosterRecords } from "@roster/doc";
import { addCommune, addUser } from "../../src/accounts/accounts";
import { TEST_PASSWORD_COST } from "../../src/auth/passwords";
import { seedRosters } from "../../src/seed/seed-rosters";
import { openStore } from "../../src/storage/open-store";
import { loadDocUpdates } from "../../src/storage/stored-doc";
import { syncDocName } from "../../src/sync";
import { forkBenchChild } from "../child-rpc";
import { makeEditHistory } from "../edit-history";

export const FIRST_SYNC_COMMUNE = "bench-xa";
export const FIRST_SYNC_PASSWORD = "mat-khau-bench";
/** Read-only: its connection never makes the server build the document. */
export const VIEWER = "bench-viewer";
/** Edits (school staff see every roster of the commune). */
export const WRITER = "bench-writer";

/** How the roster is stored in a variant's DATA_DIR. */
export type VariantName = "seeded" | "history" | "compacted";

export interface StoredVariant {
  name: VariantName;
  /** A template DATA_DIR; every server runs on a fresh copy of it. */
  dataDir: string;
  storedUpdates: number;
  /** Stored updates, snapshot included (`docStats`). */
  storedBytes: number;
}

export interface FirstSyncFixture {
  /** Asked for: `seedRosters` makes a village of 80-120 % of it. */
  requested: number;
  children: number;
  rosterId: string;
  docName: string;
  /** The children's ids in the document, in listing order. */
  childIds: string[];
  variants: StoredVariant[];
}

/**
 * One roster of about `children` children stored three ways in template DATA_DIRs:
 * `seeded` as the CLI's `roster seed` stores it (`seedRosters`: one update), `history` the
 * same then `edits` field edits stored as separate updates (as the server stores clients'
 * edits), and `compacted` that history after the server's own compaction (a server process
 * loads it and compacts it in its worker, `beforeCompact` included).
 */
export async function prepareFirstSyncFixture(baseDir: string, children: number, edits: number): Promise<FirstSyncFixture> {
  const seededDir = join(baseDir, "seeded");
  const store = await openStore({ DATA_DIR: seededDir });
  let rosterId: string;
  let seedUpdate: Uint8Array;
  try {
    await addCommune(store, FIRST_SYNC_COMMUNE, "Xã Thử Tải");
    await addUser(store, { commune: FIRST_SYNC_COMMUNE, username: VIEWER, password: FIRST_SYNC_PASSWORD, role: "viewer" }, TEST_PASSWORD_COST);
    await addUser(store, { commune: FIRST_SYNC_COMMUNE, username: WRITER, password: FIRST_SYNC_PASSWORD, role: "school" }, TEST_PASSWORD_COST);
    const [created] = await seedRosters(store, { commune: FIRST_SYNC_COMMUNE, villages: 1, children, seed: 15, idPrefix: "bench" });
    if (!created) throw new Error("first-sync: seedRosters created no roster");
    rosterId = created.id;
    const stored = await loadDocUpdates(store, syncDocName("records", rosterId));
    if (stored.length !== 1) throw new Error(`first-sync: the seed stored ${stored.length} updates, expected 1`);
    seedUpdate = stored[0] as Uint8Array;
  } finally {
    await store.close();
  }
  const docName = syncDocName("records", rosterId);
  const childIds = childIdsOf(seedUpdate);

  const historyDir = join(baseDir, "history");
  cpSync(seededDir, historyDir, { recursive: true });
  const history = makeEditHistory(seedUpdate, childIds, edits);
  history.doc.destroy();
  const historyStore = await openStore({ DATA_DIR: historyDir });
  try {
    for (const update of history.updates) await historyStore.appendUpdate(docName, update);
  } finally {
    await historyStore.close();
  }

  const compactedDir = join(baseDir, "compacted");
  cpSync(historyDir, compactedDir, { recursive: true });
  const server = forkBenchChild(new URL("./server-child.ts", import.meta.url), [compactedDir, JSON.stringify({ DOC_BUILD_DELAY_MS: "0" })]);
  try {
    await server.ready;
    if ((await server.request("compact", docName, 180_000)) !== true) throw new Error("first-sync: the server did not compact the history");
  } finally {
    await server.stop();
  }

  const variants: StoredVariant[] = [];
  for (const [name, dataDir] of [
    ["seeded", seededDir],
    ["history", historyDir],
    ["compacted", compactedDir],
  ] as const) {
    variants.push({ name, dataDir, ...(await statsOf(dataDir, docName)) });
  }
  return { requested: children, children: childIds.length, rosterId, docName, childIds, variants };
}

/** The update's children ids, in listing order. */
export function childIdsOf(update: Uint8Array): string[] {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  const records = new RosterRecords(doc);
  const ids = records.listChildren().map((child) => child.id);
  records.destroy();
  doc.destroy();
  return ids;
}

async function statsOf(dataDir: string, docName: string): Promise<{ storedUpdates: number; storedBytes: number }> {
  const store = await openStore({ DATA_DIR: dataDir });
  try {
    const stats = await store.docStats(docName);
    return { storedUpdates: stats.updates, storedBytes: stats.bytes };
  } finally {
    await store.close();
  }
}

/** The stored updates of a variant, in load order (to preload the reference server). */
export async function storedUpdatesOf(variant: StoredVariant, docName: string): Promise<Uint8Array[]> {
  const store = await openStore({ DATA_DIR: variant.dataDir });
  try {
    return await loadDocUpdates(store, docName);
  } finally {
    await store.close();
  }
}
