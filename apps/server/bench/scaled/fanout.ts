import type { BenchEnv } from "../env";
import { makeEditors, makeRosters, seedStore } from "../fanout/fixture";
import type { Workload } from "../fanout/run-target";
import { emit, machineFigures, note, round, type Figure } from "../report";
import { median, summarize } from "../stats";
import { buildServerBundle, logSummary, seedTemplate, startBenchCluster } from "./cluster";
import { runAgainstCluster, type ClusterResult, type Placement } from "./run-cluster";

const TARGET_P99_MS = 50;

/** One instance: every client on it, it owns every roster. */
const SINGLE: Placement = { editor: () => 0, observer: () => 0, owner: () => 0 };
/**
 * Two instances: editors on A, observers on B. A owns the even rosters (the edit is
 * committed where it is made, then relayed to B), B the odd ones (A forwards the edit to
 * B, which commits it and serves its observer): both paths of the scaled mode.
 */
const TWO: Placement = { editor: () => 0, observer: () => 1, owner: (r) => (r % 2 === 0 ? 0 : 1) };

/**
 * `server.scaled.fanout`: the fan-out workload of `server.fanout` (same rosters, editors,
 * paced rate) with writers on instance A and readers on instance B of the scaled mode,
 * against the same on one scaled-mode instance, rounds alternated in the same run.
 */
export async function benchScaledFanout(env: BenchEnv): Promise<void> {
  const rosters = makeRosters(env.BENCH_FANOUT_ROSTERS, env.BENCH_FANOUT_CHILDREN);
  const editorsAccounts = makeEditors(rosters.length, env.BENCH_FANOUT_EDITORS_PER_ROSTER);
  const workload: Workload = {
    rosters,
    editors: editorsAccounts,
    childrenPerRoster: env.BENCH_FANOUT_CHILDREN,
    ratePerSec: env.BENCH_FANOUT_RATE,
    seconds: env.BENCH_FANOUT_SECONDS,
    warmupSeconds: env.BENCH_FANOUT_WARMUP_SECONDS,
  };
  const [bundle, template] = await Promise.all([buildServerBundle("scaled-fanout"), seedTemplate((store) => seedStore(store, rosters, editorsAccounts))]);
  try {
    const single: ClusterResult[] = [];
    const two: ClusterResult[] = [];
    for (let r = 1; r <= env.BENCH_SCALED_ROUNDS; r++) {
      // Which goes first alternates, so neither always inherits the other's machine state.
      for (const mode of r % 2 === 1 ? (["two", "single"] as const) : (["single", "two"] as const)) {
        const cluster = await startBenchCluster(bundle, "fanout", env.BENCH_SERVER_ENV, template);
        try {
          const instances = [];
          for (let i = 0; i < (mode === "two" ? 2 : 1); i++) instances.push(await cluster.start());
          const result = await runAgainstCluster(instances, mode === "two" ? TWO : SINGLE, workload);
          result.logs = logSummary(instances);
          (mode === "two" ? two : single).push(result);
          const s = summarize(result.phase.latencies);
          note(`scaled.fanout: round ${r} ${mode}`, { p50Ms: round(s.p50), p99Ms: round(s.p99), skipped: result.phase.skipped, unseen: result.phase.unseen });
        } finally {
          await cluster.close();
        }
      }
    }
    emitLine(workload, single, two);
  } finally {
    bundle.remove();
    await template.drop();
  }
}

function emitLine(workload: Workload, single: readonly ClusterResult[], two: readonly ClusterResult[]): void {
  const p = (result: ClusterResult, pick: "p50" | "p95" | "p99") => summarize(result.phase.latencies)[pick];
  // Paired: the two-instance round against the single-instance round run next to it.
  const ratio = (pick: "p50" | "p99") => two.map((t, i) => p(t, pick) / p(single[i] as ClusterResult, pick));
  const cpuPerEdit = (result: ClusterResult, instance: number) => (result.instances[instance]?.cpuMs ?? Number.NaN) / Math.max(1, result.phase.seen);
  const cpuTotalPerEdit = (result: ClusterResult) => result.instances.reduce((sum, i) => sum + i.cpuMs, 0) / Math.max(1, result.phase.seen);
  const cpuRatio = (pick: (t: ClusterResult) => number) => median(two.map((t, i) => pick(t) / cpuPerEdit(single[i] as ClusterResult, 0)));
  const twoMid = medianRound(two);
  const singleMid = medianRound(single);
  const p99Ms = p(twoMid, "p99");
  const p99Ratio = median(ratio("p99"));
  emit("scaled.fanout", {
    rosters: workload.rosters.length,
    childrenPerRoster: workload.childrenPerRoster,
    editors: workload.editors.length,
    observers: workload.rosters.length,
    ratePerSec: workload.ratePerSec,
    seconds: workload.seconds,
    rounds: two.length,
    layout: "editors on instance A, observers on B; A owns the even rosters, B the odd ones",
    p50Ms: round(p(twoMid, "p50")),
    p99Ms: round(p99Ms),
    p50Ratio: round(median(ratio("p50"))),
    p99Ratio: round(p99Ratio),
    p99RatioRounds: ratio("p99").map((r) => round(r)),
    cpuMsPerEditA: round(median(two.map((t) => cpuPerEdit(t, 0))), 3),
    cpuMsPerEditB: round(median(two.map((t) => cpuPerEdit(t, 1))), 3),
    cpuMsPerEditSingle: round(median(single.map((s) => cpuPerEdit(s, 0))), 3),
    cpuPerEditRatioA: round(cpuRatio((t) => cpuPerEdit(t, 0))),
    cpuPerEditRatioB: round(cpuRatio((t) => cpuPerEdit(t, 1))),
    cpuPerEditRatioTotal: round(cpuRatio(cpuTotalPerEdit)),
    twoInstances: { ...figures(twoMid), ...paths(twoMid), ...roundFigures(two) },
    singleInstance: { ...figures(singleMid), ...roundFigures(single) },
    cpuSource: "/proc/<pid>/stat utime+stime of each server process over the measured phase, ÷ edits seen",
    targetP99Ms: TARGET_P99_MS,
    ok: p99Ms < TARGET_P99_MS && two.every((t) => t.phase.unseen === 0) && twoMid.phase.skipped === 0,
    ...machineFigures(),
  });
}

/** The round whose p99 is the median one. */
function medianRound(results: readonly ClusterResult[]): ClusterResult {
  const sorted = [...results].sort((a, b) => summarize(a.phase.latencies).p99 - summarize(b.phase.latencies).p99);
  return sorted[Math.floor((sorted.length - 1) / 2)] as ClusterResult;
}

function figures(result: ClusterResult): Record<string, Figure> {
  const s = summarize(result.phase.latencies);
  return {
    p50Ms: round(s.p50),
    p95Ms: round(s.p95),
    p99Ms: round(s.p99),
    maxMs: round(s.max),
    offeredPerSec: round(result.phase.offeredPerSec),
    acceptedPerSec: round(result.phase.acceptedPerSec),
    issued: result.phase.issued,
    skipped: result.phase.skipped,
    unseen: result.phase.unseen,
    cpuMsPerEdit: result.instances.map((i) => round(i.cpuMs / Math.max(1, result.phase.seen), 3)),
    cpuPct: result.instances.map((i) => round((i.cpuMs / result.phaseMs) * 100, 1)),
    ownedRosters: result.instances.map((i) => i.owned),
    ownedOnFirstOpen: result.ownedFirst,
    // Since the start, not only the measured phase: ownership should not move at all here.
    leaseTakeovers: result.instances.map((i) => i.metricsAfter["roster_lease_takeovers_total"] ?? 0),
    leasesLost: result.instances.map((i) => i.metricsAfter["roster_leases_lost_total"] ?? 0),
    warnings: result.logs ?? [],
    connections: result.instances.map((i) => i.connections),
    persistedUpdates: result.instances.map((i) => i.metricDeltas["roster_updates_persisted_total"] ?? 0),
    relayedUpdates: result.instances.map((i) => i.metricDeltas["roster_relayed_updates_total"] ?? 0),
    relayGapsRepaired: result.instances.map((i) => i.metricDeltas["roster_relay_gaps_repaired_total"] ?? 0),
    relayLagMeanMs: result.instances.map((i) =>
      round((i.metricDeltas["roster_relay_lag_ms_sum"] ?? 0) / Math.max(1, i.metricDeltas["roster_relay_lag_ms_count"] ?? 0), 2),
    ),
    clientCpuPct: round(result.phase.clientCpuPct, 1),
    clientLoopDelayP99Ms: round(result.phase.clientLoopDelayP99Ms),
    connectMs: Math.round(result.connectMs),
    closeCodes: result.closeCodes,
  };
}

/** Two instances: latency by path (even rosters owned by the writer's instance A, odd ones by B). */
function paths(result: ClusterResult): Record<string, Figure> {
  const onOwner: number[] = [];
  const onReplica: number[] = [];
  const n = result.editorRosters.length;
  result.phase.latencyByEdit.forEach((ms, k) => {
    if (Number.isNaN(ms)) return;
    ((result.editorRosters[k % n] as number) % 2 === 0 ? onOwner : onReplica).push(ms);
  });
  const brief = (values: number[]) => {
    const s = summarize(values);
    return { edits: s.count, p50Ms: round(s.p50), p99Ms: round(s.p99), maxMs: round(s.max) };
  };
  return { writerOnOwner: brief(onOwner), writerOnReplica: brief(onReplica) };
}

function roundFigures(results: readonly ClusterResult[]): Record<string, Figure> {
  return {
    p50MsRounds: results.map((r) => round(summarize(r.phase.latencies).p50)),
    p99MsRounds: results.map((r) => round(summarize(r.phase.latencies).p99)),
    skippedRounds: results.map((r) => r.phase.skipped),
    unseenRounds: results.map((r) => r.phase.unseen),
  };
}
