import * as Y from "yjs";
import { PostgresStore } from "../src/storage/postgres-store";
import { createTestDatabase } from "../src/storage/postgres-test-database";
import { SqliteStore } from "../src/storage/sqlite-store";
import type { Store } from "../src/storage/store";
import type { BenchEnv } from "./env";
import { emit, machineFigures, note, round, type Figure } from "./report";
import { summarize } from "./stats";
import { withTempDir } from "./temp-dir";

/**
 * `server.store-appends`: what an append costs on each store, measured through the `Store`
 * interface as the sync layer uses it.
 * - `steady`: one writer per document, each awaiting its append before the next (a
 *   client typing): per-append latency until durably committed, and appends per second.
 * - `burst`: every append of every document submitted at once (a reconnect storm): time
 *   until all are committed, and how many statements/transactions that took.
 */
export async function benchStoreAppends(env: BenchEnv): Promise<void> {
  const docs = env.BENCH_STORE_DOCS;
  const appends = env.BENCH_STORE_APPENDS;
  const update = fieldEdit();
  const sqlite = await withTempDir("store-appends", async (dir) => {
    const figures = await measure(() => Promise.resolve(SqliteStore.open(dir)), docs, appends, update);
    note("store-appends: sqlite measured");
    return figures;
  });
  const database = await createTestDatabase(env.BENCH_POSTGRES_SERVER);
  let postgres: Record<string, Figure>;
  try {
    postgres = await measure(() => PostgresStore.open(database.url), docs, appends, update);
    note("store-appends: postgres measured");
  } finally {
    await database.drop();
  }
  emit("store-appends", { docs, appendsPerDoc: appends, updateBytes: update.byteLength, sqlite, postgres, ...machineFigures() });
}

async function measure(open: () => Promise<Store>, docs: number, appends: number, update: Uint8Array): Promise<Record<string, Figure>> {
  const store = await open();
  try {
    const latencies: number[] = [];
    let started = performance.now();
    await Promise.all(
      Array.from({ length: docs }, async (_, d) => {
        for (let i = 0; i < appends; i += 1) {
          const t = performance.now();
          await store.appendUpdate(`records:steady-${d}`, update);
          latencies.push(performance.now() - t);
        }
      }),
    );
    const steadyMs = performance.now() - started;
    const steady = summarize(latencies);
    started = performance.now();
    await Promise.all(Array.from({ length: docs * appends }, (_, i) => store.appendUpdate(`records:burst-${i % docs}`, update)));
    const burstMs = performance.now() - started;
    return {
      steady: {
        appendsPerSecond: Math.round((docs * appends * 1000) / steadyMs),
        p50Ms: round(steady.p50),
        p99Ms: round(steady.p99),
        maxMs: round(steady.max),
      },
      burst: { appends: docs * appends, ms: Math.round(burstMs), appendsPerSecond: Math.round((docs * appends * 1000) / burstMs) },
    };
  } finally {
    await store.close();
  }
}

/** A typical field edit of a records document, as a client sends it. */
function fieldEdit(): Uint8Array {
  const doc = new Y.Doc();
  const child = new Y.Map<unknown>();
  doc.getMap("children").set("V1StGXR8", child);
  const before = Y.encodeStateVector(doc);
  child.set("fullName", "Nguyễn Văn An");
  return Y.encodeStateAsUpdate(doc, before);
}
