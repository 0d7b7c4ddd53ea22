import { join } from "node:path";
import { addCommune, addRoster } from "../src/accounts/accounts";
import { backupStore } from "../src/storage/sqlite-backup";
import { restoreStore } from "../src/storage/sqlite-restore";
import { SqliteStore } from "../src/storage/sqlite-store";
import { syncDocName } from "../src/sync";
import { makeEditHistory } from "./edit-history";
import type { BenchEnv } from "./env";
import { emit, machineFigures, note, round } from "./report";
import { seededRoster } from "./roster-doc";
import { median } from "./stats";
import { withTempDir } from "./temp-dir";

const ROSTER = "bench-backup";

/**
 * `server.backup`: `backupStore` (VACUUM INTO, integrity check, fsync, link) of a store
 * holding one roster of BENCH_COLD_CHILDREN (5,000) children seeded plus
 * BENCH_COLD_HISTORY_EDITS field edits stored as separate updates, with the store open
 * (as under a running server); then `restoreStore` of that backup into a fresh DATA_DIR.
 * Median of BENCH_COLD_RUNS runs each.
 */
export async function benchBackup(env: BenchEnv): Promise<void> {
  await withTempDir("backup", async (dir) => {
    const dataDir = join(dir, "data");
    const store = SqliteStore.open(dataDir);
    try {
      await addCommune(store, "00097", "Phường Ngọc Hà");
      await addRoster(store, "00097", ROSTER, "Tổ dân phố thử");
      const seeded = seededRoster(30_000 + env.BENCH_COLD_CHILDREN, env.BENCH_COLD_CHILDREN);
      const name = syncDocName("records", ROSTER);
      await store.appendUpdate(name, seeded.update);
      const history = makeEditHistory(seeded.update, seeded.childIds, env.BENCH_COLD_HISTORY_EDITS);
      await Promise.all(history.updates.map((update) => store.appendUpdate(name, update)));
      history.doc.destroy();
      note(`backup: store seeded with ${env.BENCH_COLD_CHILDREN} children and ${history.updates.length} edits`);

      const backupMs: number[] = [];
      let bytes = 0;
      for (let run = 0; run < env.BENCH_COLD_RUNS; run++) {
        const started = performance.now();
        bytes = backupStore(dataDir, join(dir, "backup.db"), { force: true }).bytes;
        backupMs.push(performance.now() - started);
      }
      const restoreMs: number[] = [];
      for (let run = 0; run < env.BENCH_COLD_RUNS; run++) {
        const started = performance.now();
        restoreStore(join(dir, `restored-${run}`), join(dir, "backup.db"), new Date());
        restoreMs.push(performance.now() - started);
      }
      emit("backup", {
        children: env.BENCH_COLD_CHILDREN,
        editUpdates: env.BENCH_COLD_HISTORY_EDITS,
        backupBytes: bytes,
        backupMs: round(median(backupMs), 1),
        backupMsRuns: backupMs.map((ms) => round(ms, 1)),
        restoreMs: round(median(restoreMs), 1),
        restoreMsRuns: restoreMs.map((ms) => round(ms, 1)),
        runs: env.BENCH_COLD_RUNS,
        ...machineFigures(),
      });
    } finally {
      await store.close();
    }
  });
}
