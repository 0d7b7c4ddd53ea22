import { cpSync, rmSync } from "node:fs";
import { join } from "node:path";
import { forkBenchChild } from "./child-rpc";
import { prepareColdVariants, type ColdVariant } from "./cold-load/fixture";
import type { BenchEnv } from "./env";
import { emit, machineFigures, note, round, type Figure } from "./report";
import { median } from "./stats";
import { withTempDir } from "./temp-dir";

const TARGET_MS = 300;
/** What one cold start reports (see `cold-load/load-child.ts`). */
type RunResult = Record<string, number | boolean>;
const MB = 1024 * 1024;

/**
 * `server.cold-load`: time to load one big roster (5,000 children) into a freshly started
 * server, as the median of several fresh processes, for three ways it can be stored, and
 * the memory that holding it costs.
 */
export async function benchColdLoad(env: BenchEnv): Promise<void> {
  await withTempDir("cold", async (dir) => {
    const prepared = performance.now();
    const variants = await prepareColdVariants(join(dir, "templates"), env.BENCH_COLD_CHILDREN, env.BENCH_COLD_HISTORY_EDITS);
    note("cold-load: templates ready", { ms: Math.round(performance.now() - prepared) });
    const figures: Record<string, Figure> = {};
    const loadMsOf: Record<string, number> = {};
    let gcExposed = true;
    for (const variant of variants) {
      const fewer = Math.min(3, env.BENCH_COLD_RUNS);
      const loads = await startMany(variant, "load", env.BENCH_COLD_RUNS, join(dir, "runs"), env.BENCH_CPU_PROF_DIR);
      const connects = await startMany(variant, "connect", fewer, join(dir, "runs"), env.BENCH_CPU_PROF_DIR);
      const floors = await startMany(variant, "yjs", fewer, join(dir, "runs"), env.BENCH_CPU_PROF_DIR);
      gcExposed &&= loads.every((run) => run["gcExposed"] === true);
      const pick = (runs: RunResult[], key: string) => median(runs.map((run) => Number(run[key] ?? Number.NaN)));
      const summary = {
        storedUpdates: variant.storedUpdates,
        storedBytes: variant.storedBytes,
        loadMs: round(pick(loads, "loadMs"), 1),
        loadMsRuns: loads.map((run) => round(Number(run["loadMs"] ?? Number.NaN), 1)),
        yjsApplyMs: round(pick(floors, "applyMs"), 1),
        firstSyncMs: round(pick(connects, "firstSyncMs"), 1),
        heapMb: round(pick(loads, "heapDeltaBytes") / MB, 1),
        externalMb: round(pick(loads, "externalDeltaBytes") / MB, 1),
        rssMb: round(pick(loads, "rssDeltaBytes") / MB, 1),
        firstMarksMs: round(pick(loads, "firstMarksMs"), 1),
        markRunMs: round(pick(loads, "markRunMs"), 1),
        heapAfterMarksMb: round(pick(loads, "heapDeltaAfterMarksBytes") / MB, 1),
        rssAfterMarksMb: round(pick(loads, "rssDeltaAfterMarksBytes") / MB, 1),
      };
      figures[variant.name] = summary;
      loadMsOf[variant.name] = summary.loadMs;
      note(`cold-load: ${variant.name}`, summary);
    }
    const worst = Math.max(...Object.values(loadMsOf));
    emit("cold-load", {
      children: env.BENCH_COLD_CHILDREN,
      historyEdits: env.BENCH_COLD_HISTORY_EDITS,
      runs: env.BENCH_COLD_RUNS,
      loadMs: loadMsOf["single"] ?? null,
      worstLoadMs: worst,
      ...figures,
      gcExposed,
      targetMs: TARGET_MS,
      ok: worst < TARGET_MS,
      ...machineFigures(),
    });
  });
}

/** `runs` fresh server processes on fresh copies of the variant's DATA_DIR, one after another. */
async function startMany(variant: ColdVariant, mode: "load" | "connect" | "yjs", runs: number, runsDir: string, cpuProfDir: string | undefined): Promise<RunResult[]> {
  const results: RunResult[] = [];
  for (let run = 0; run < runs; run++) {
    const dataDir = join(runsDir, `${variant.name}-${mode}-${run}`);
    cpSync(variant.dataDir, dataDir, { recursive: true });
    const child = forkBenchChild(new URL("./cold-load/load-child.ts", import.meta.url), [dataDir, mode], { exposeGc: true, cpuProfDir });
    try {
      const result = (await child.ready) as RunResult;
      if (result["children"] === 0) throw new Error(`cold-load: ${variant.name} loaded no children`);
      results.push(result);
    } finally {
      await child.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  return results;
}
