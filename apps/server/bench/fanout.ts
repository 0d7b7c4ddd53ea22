import { forkBenchChild, type BenchChild } from "./child-rpc";
import type { BenchEnv } from "./env";
import { emit, machineFigures, note, round, type Figure } from "./report";
import { summarize } from "./stats";
import { withTempDir } from "./temp-dir";
import { makeEditors, makeRosters, seedDataDir } from "./fanout/fixture";
import { fetchMetrics, runAgainst, type TargetResult, type Workload } from "./fanout/run-target";

const TARGET_P99_MS = 50;
const TARGET_P99_RATIO = 1.5;
/** The reference runs the published package, pinned in the workspace catalog. */
const REFERENCE = "@y/websocket-server@0.1.0";

/**
 * `server.fanout`, `server.fanout.reference`, `server.fanout.ratio`: fan-out latency
 * (an edit on one client → seen by another) and accepted updates/s, for our durable
 * server and for the in-memory reference under the same workload.
 */
export async function benchFanout(env: BenchEnv): Promise<void> {
  const started = performance.now();
  const rosters = makeRosters(env.BENCH_FANOUT_ROSTERS, env.BENCH_FANOUT_CHILDREN);
  const editors = makeEditors(rosters.length, env.BENCH_FANOUT_EDITORS_PER_ROSTER);
  note("fanout: rosters generated", { rosters: rosters.length, ms: Math.round(performance.now() - started) });
  const workload: Workload = {
    rosters,
    editors,
    childrenPerRoster: env.BENCH_FANOUT_CHILDREN,
    ratePerSec: env.BENCH_FANOUT_RATE,
    seconds: env.BENCH_FANOUT_SECONDS,
    warmupSeconds: env.BENCH_FANOUT_WARMUP_SECONDS,
  };

  const ours = await withTempDir("fanout", async (dataDir) => {
    await seedDataDir(dataDir, rosters, editors);
    const file = new URL("./fanout/our-server-child.ts", import.meta.url);
    return withChild(file, [dataDir, JSON.stringify(env.BENCH_SERVER_ENV)], env.BENCH_CPU_PROF_DIR, async (child, port) => {
      const metrics = () => fetchMetrics(`http://127.0.0.1:${port}`);
      return runAgainst({ label: "ours", child, port, authenticates: true, metrics }, workload);
    });
  });
  const oursFigures = figuresOf(ours, workload);
  emit("fanout", {
    ...oursFigures,
    // Every durable append: the edits, and also the review-document marks the server writes.
    persistedUpdatesPerSec: round(((ours.metricDeltas["roster_updates_persisted_total"] ?? 0) * 1000) / ours.phaseMs),
    persistBatches: ours.metricDeltas["roster_update_batches_persisted_total"] ?? 0,
    persistMeanMs: round((ours.metricDeltas["roster_write_latency_ms_sum"] ?? 0) / Math.max(1, ours.metricDeltas["roster_write_latency_ms_count"] ?? 0), 2),
    markRuns: ours.metricDeltas["roster_mark_runs_total"] ?? 0,
    lastMarkRunMs: round(ours.metricsAfter["roster_mark_last_ms"] ?? Number.NaN, 1),
    serverEnv: env.BENCH_SERVER_ENV,
    targetP99Ms: TARGET_P99_MS,
    targetRatePerSec: workload.ratePerSec,
    ok: isOk(ours, workload),
  });

  const referenceFile = new URL("./fanout/reference-server-child.ts", import.meta.url);
  const reference = await withChild(referenceFile, [], env.BENCH_CPU_PROF_DIR, async (child, port) => {
    await child.request("preload", rosters.map((r) => ({ name: `records:${r.id}`, update: r.update })));
    return runAgainst({ label: "reference", child, port, authenticates: false }, workload);
  });
  emit("fanout.reference", { server: REFERENCE, ...figuresOf(reference, workload), targetRatePerSec: workload.ratePerSec });

  const a = summarize(ours.phase.latencies);
  const b = summarize(reference.phase.latencies);
  const p99Ratio = round(a.p99 / b.p99);
  emit("fanout.ratio", {
    p50Ratio: round(a.p50 / b.p50),
    p95Ratio: round(a.p95 / b.p95),
    p99Ratio,
    acceptedRatio: round(ours.phase.acceptedPerSec / reference.phase.acceptedPerSec),
    serverCpuPerEditRatio: round(ours.serverCpuMs / Math.max(1, ours.phase.seen) / (reference.serverCpuMs / Math.max(1, reference.phase.seen))),
    targetP99Ratio: TARGET_P99_RATIO,
    reference: REFERENCE,
    ok: p99Ratio <= TARGET_P99_RATIO,
  });
}

function figuresOf(result: TargetResult, workload: Workload): Record<string, Figure> {
  const latency = summarize(result.phase.latencies);
  return {
    rosters: workload.rosters.length,
    childrenPerRoster: workload.childrenPerRoster,
    editors: workload.editors.length,
    observers: workload.rosters.length,
    seconds: workload.seconds,
    offeredPerSec: round(result.phase.offeredPerSec),
    acceptedPerSec: round(result.phase.acceptedPerSec),
    issued: result.phase.issued,
    skipped: result.phase.skipped,
    unseen: result.phase.unseen,
    p50Ms: round(latency.p50),
    p95Ms: round(latency.p95),
    p99Ms: round(latency.p99),
    maxMs: round(latency.max),
    meanMs: round(latency.mean),
    serverCpuPct: round(result.serverCpuPct, 1),
    // Normalised by the work done, so it compares across runs better than latency does.
    serverCpuMsPerEdit: round(result.serverCpuMs / Math.max(1, result.phase.seen), 3),
    clientCpuPct: round(result.phase.clientCpuPct, 1),
    clientLoopDelayP99Ms: round(result.phase.clientLoopDelayP99Ms),
    serverLoopDelayP99Ms: result.serverLoop.p99Ms,
    serverLoopDelayMaxMs: result.serverLoop.maxMs,
    serverGcMs: Math.round(result.serverLoop.gcMs),
    serverGcMaxMs: result.serverLoop.gcMaxMs,
    connectMs: Math.round(result.connectMs),
    closeCodes: result.closeCodes,
    ...machineFigures(),
  };
}

/** p99 under target at (nearly) the full offered rate, with every edit seen. */
function isOk(result: TargetResult, workload: Workload): boolean {
  const latency = summarize(result.phase.latencies);
  const { phase } = result;
  return latency.p99 < TARGET_P99_MS && phase.acceptedPerSec >= 0.95 * workload.ratePerSec && phase.unseen === 0 && phase.skipped === 0;
}

/** Runs `work` with a server process started from `file`, and always stops it. */
async function withChild<T>(
  file: URL,
  args: string[],
  cpuProfDir: string | undefined,
  work: (child: BenchChild, port: number) => Promise<T>,
): Promise<T> {
  const child = forkBenchChild(file, args, { cpuProfDir });
  try {
    const { port } = (await child.ready) as { port: number };
    return await work(child, port);
  } finally {
    await child.stop();
  }
}
