import { ensureBuilt } from "./ensure-built";
import { readBenchEnv, type BenchEnv } from "./env";
import { FIRST_ROW_PROBE, benchFirstRows } from "./first-rows";
import { benchImportPreview } from "./import-preview";
import { benchReconcilePreview } from "./reconcile-preview";
import { note } from "./report";
import { buildStage, type Stage } from "./stage";
import { KEYSTROKE_PROBE, benchTyping } from "./typing";

// `pnpm bench` (or `pnpm bench typing`): the web app's benchmarks in headless Chromium,
// one JSON line each on stdout. Both share one stage (server, 5,000 seeded children, a
// phone that opened the roster once) because seeding and the first sync dominate the
// wall time. A benchmark that throws is reported and the next one still runs.

const BENCHES: Record<string, (stage: Stage, env: BenchEnv) => Promise<void>> = {
  "first-rows": benchFirstRows,
  typing: benchTyping,
  "import-preview": benchImportPreview,
  "reconcile-preview": benchReconcilePreview,
};

const env = readBenchEnv();
const wanted = process.argv.slice(2);
for (const name of wanted) if (!BENCHES[name]) throw new Error(`unknown benchmark ${name}; known: ${Object.keys(BENCHES).join(", ")}`);
const names = wanted.length > 0 ? wanted : Object.keys(BENCHES);

const started = performance.now();
await ensureBuilt();
const stage = await buildStage(env, [FIRST_ROW_PROBE, KEYSTROKE_PROBE]);
let failed = 0;
try {
  for (const name of names) {
    const bench = BENCHES[name] as (stage: Stage, env: BenchEnv) => Promise<void>;
    const began = performance.now();
    try {
      await bench(stage, env);
      note(`${name} done`, { seconds: Math.round(performance.now() - began) / 1000 });
    } catch (error) {
      failed += 1;
      note(`${name} failed`, { error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
  }
} finally {
  await stage.close();
}
note("all done", { seconds: Math.round(performance.now() - started) / 1000 });
process.exitCode = failed > 0 ? 1 : 0;
