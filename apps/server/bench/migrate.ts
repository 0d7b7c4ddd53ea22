import { join } from "node:path";
import { addCommune, addRoster } from "../src/accounts/accounts";
import { migrateDeployment } from "../src/migration/migrate-deployment";
import { PostgresStore } from "../src/storage/postgres-store";
import { createTestDatabase } from "../src/storage/postgres-test-database";
import { SqliteStore } from "../src/storage/sqlite-store";
import { syncDocName } from "../src/sync";
import { makeEditHistory } from "./edit-history";
import type { BenchEnv } from "./env";
import { emit, machineFigures, note, round } from "./report";
import { seededRoster } from "./roster-doc";
import { median } from "./stats";
import { withTempDir } from "./temp-dir";

const ROSTER = "bench-migrate";

/**
 * `server.migrate`: `migrateDeployment` (the copy in one transaction, then the full check)
 * of an embedded store holding one roster of BENCH_COLD_CHILDREN (5,000) children seeded
 * plus BENCH_COLD_HISTORY_EDITS field edits stored as separate updates, into a fresh
 * PostgreSQL database on 127.0.0.1:5432 each run (dropped after). Median of BENCH_COLD_RUNS.
 */
export async function benchMigrate(env: BenchEnv): Promise<void> {
  await withTempDir("migrate", async (dir) => {
    const dataDir = join(dir, "data");
    const store = SqliteStore.open(dataDir);
    let editUpdates: number;
    try {
      await addCommune(store, "00097", "Phường Ngọc Hà");
      await addRoster(store, "00097", ROSTER, "Tổ dân phố thử");
      const seeded = seededRoster(40_000 + env.BENCH_COLD_CHILDREN, env.BENCH_COLD_CHILDREN);
      const name = syncDocName("records", ROSTER);
      await store.appendUpdate(name, seeded.update);
      const history = makeEditHistory(seeded.update, seeded.childIds, env.BENCH_COLD_HISTORY_EDITS);
      await Promise.all(history.updates.map((update) => store.appendUpdate(name, update)));
      editUpdates = history.updates.length;
      history.doc.destroy();
    } finally {
      await store.close();
    }
    note(`migrate: store seeded with ${env.BENCH_COLD_CHILDREN} children and ${editUpdates} edits`);
    const totalMs: number[] = [];
    const copyMs: number[] = [];
    const checkMs: number[] = [];
    let docBytes = 0;
    for (let run = 0; run < env.BENCH_COLD_RUNS; run++) {
      const database = await createTestDatabase();
      try {
        const started = performance.now();
        const target = await PostgresStore.open(database.url, { maxConnections: 2 });
        try {
          const result = await migrateDeployment(dataDir, target, database.name);
          docBytes = result.docBytes;
          copyMs.push(result.copyMs);
          checkMs.push(result.checkMs);
        } finally {
          await target.close();
        }
        totalMs.push(performance.now() - started);
      } finally {
        await database.drop();
      }
    }
    emit("migrate", {
      children: env.BENCH_COLD_CHILDREN,
      editUpdates,
      docBytes,
      totalMs: round(median(totalMs), 1),
      copyMs: round(median(copyMs), 1),
      checkMs: round(median(checkMs), 1),
      totalMsRuns: totalMs.map((ms) => round(ms, 1)),
      runs: env.BENCH_COLD_RUNS,
      ...machineFigures(),
    });
  });
}
