import { benchBackup } from "./backup";
import { benchColdLoad } from "./cold-load";
import { benchFanout } from "./fanout";
import { benchFirstSync } from "./first-sync";
import { benchMigrate } from "./migrate";
import { readBenchEnv } from "./env";
import { benchSnapshotSize } from "./snapshot-size";
import { benchStoreAppends } from "./store-appends";
import { note } from "./report";
import { benchScaledFanout } from "./scaled/fanout";
import { benchScaledProvince } from "./scaled/province";

// `pnpm bench` (or `pnpm bench fanout cold-load`): the server benchmarks in sequence, one
// JSON line each on stdout. A benchmark that throws is reported and the next one runs.

const BENCHES: Record<string, (env: ReturnType<typeof readBenchEnv>) => Promise<void>> = {
  fanout: benchFanout,
  "cold-load": benchColdLoad,
  "snapshot-size": benchSnapshotSize,
  backup: benchBackup,
  "store-appends": benchStoreAppends,
  "first-sync": benchFirstSync,
  migrate: benchMigrate,
  "scaled.fanout": benchScaledFanout,
  "scaled.province": benchScaledProvince,
};

const env = readBenchEnv();
const wanted = process.argv.slice(2);
const names = wanted.length > 0 ? wanted : Object.keys(BENCHES);
let failed = 0;
for (const name of names) {
  const bench = BENCHES[name];
  if (!bench) throw new Error(`unknown benchmark ${name}; known: ${Object.keys(BENCHES).join(", ")}`);
  const started = performance.now();
  try {
    await bench(env);
    note(`${name} done`, { seconds: Math.round((performance.now() - started) / 100) / 10 });
  } catch (error) {
    failed++;
    note(`${name} failed`, { error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
}
process.exitCode = failed > 0 ? 1 : 0;
