import type { BenchEnv } from "../env";
import { forkBenchChild } from "../child-rpc";
import { BENCH_PASSWORD, seedStore } from "../fanout/fixture";
import { emit, machineFigures, note, round, type Figure } from "../report";
import { summarize } from "../stats";
import { buildServerBundle, logSummary, seedTemplate, startBenchCluster, type Instance } from "./cluster";
import type { ProvinceResult, ProvinceRun } from "./province/clients-child";
import { instanceOf, makeProvinceEditors, makeProvinceRosters } from "./province/fixture";

const MB = 1024 * 1024;
/** The province of issue 16: 170 rosters, 140,175 children. */
const FULL_ROSTERS = 170;
const FULL_CHILDREN = 140_175;

/**
 * `server.scaled.province`: a province's rosters in PostgreSQL, two instances, a couple of
 * hundred editors connected over both: first sync per client, RSS per instance, and how long
 * a status change takes to show as a mark in the review document, under a modest edit load.
 */
export async function benchScaledProvince(env: BenchEnv): Promise<void> {
  const started = performance.now();
  const rosters = makeProvinceRosters(env.BENCH_PROVINCE_ROSTERS, env.BENCH_PROVINCE_CHILDREN);
  const editors = makeProvinceEditors(rosters.length, env.BENCH_PROVINCE_EDITORS);
  const storedBytes = rosters.reduce((n, r) => n + r.update.byteLength, 0);
  note("scaled.province: rosters generated", { rosters: rosters.length, storedMb: round(storedBytes / MB, 1), ms: Math.round(performance.now() - started) });
  const [bundle, template] = await Promise.all([buildServerBundle("scaled-province"), seedTemplate((store) => seedStore(store, rosters, editors))]);
  const seededMs = performance.now() - started;
  note("scaled.province: seeded", { ms: Math.round(seededMs) });
  const cluster = await startBenchCluster(bundle, "province", env.BENCH_SERVER_ENV, template);
  const client = forkBenchChild(new URL("./province/clients-child.ts", import.meta.url), [], { maxOldSpaceMb: 8192 });
  try {
    const instances: Instance[] = [await cluster.start(), await cluster.start()];
    await client.ready;
    const job: ProvinceRun = {
      instances: instances.map((i) => ({ httpUrl: i.httpUrl, wsUrl: i.wsUrl })),
      editors: editors.map((e, i) => ({
        username: e.username,
        rosterId: (rosters[e.rosterIndex] as { id: string }).id,
        rosterIndex: e.rosterIndex,
        instance: instanceOf(i, rosters.length, instances.length),
      })),
      rosters: rosters.length,
      password: BENCH_PASSWORD,
      connectBatch: env.BENCH_PROVINCE_CONNECT_BATCH,
      seconds: env.BENCH_PROVINCE_SECONDS,
      noteRatePerSec: env.BENCH_PROVINCE_NOTE_RATE,
      statusRatePerSec: env.BENCH_PROVINCE_STATUS_RATE,
    };
    const cpuBefore = instances.map((i) => i.cpuMs());
    const result = (await client.request("run", job, 600_000)) as ProvinceResult;
    const cpuMs = instances.map((i, n) => i.cpuMs() - (cpuBefore[n] as number));
    emitLine(env, { rosters: rosters.length, storedBytes, seededMs, cpuMs, logs: logSummary(instances) }, result, performance.now() - started);
  } finally {
    await client.stop();
    await cluster.close();
    bundle.remove();
    await template.drop();
  }
}

interface Setup {
  rosters: number;
  storedBytes: number;
  seededMs: number;
  cpuMs: number[];
  logs: Record<string, number>[];
}

function emitLine(env: BenchEnv, setup: Setup, result: ProvinceResult, totalMs: number): void {
  const sync = summarize(result.firstSyncMs);
  const review = summarize(result.reviewSyncMs);
  const lag = summarize([...result.marksLagSameInstance, ...result.marksLagOtherInstance]);
  const brief = (values: number[]): Record<string, Figure> => {
    const s = summarize(values);
    return { count: s.count, p50Ms: round(s.p50), p99Ms: round(s.p99), maxMs: round(s.max) };
  };
  const full = setup.rosters === FULL_ROSTERS && env.BENCH_PROVINCE_CHILDREN === FULL_CHILDREN;
  const metric = (name: string) => result.metricsAfter.map((m) => m[name] ?? 0);
  emit("scaled.province", {
    scale: full ? "full (issue 16)" : `reduced: ${setup.rosters} rosters, ${env.BENCH_PROVINCE_CHILDREN} children (full: ${FULL_ROSTERS}, ${FULL_CHILDREN}; BENCH_PROVINCE_ROSTERS/CHILDREN)`,
    rosters: setup.rosters,
    children: env.BENCH_PROVINCE_CHILDREN,
    childrenSynced: result.childrenPerClient.reduce((n, c) => n + c, 0),
    storedMb: round(setup.storedBytes / MB, 1),
    instances: 2,
    clients: result.firstSyncMs.length,
    connectBatch: env.BENCH_PROVINCE_CONNECT_BATCH,
    firstSyncP50Ms: round(sync.p50),
    firstSyncP99Ms: round(sync.p99),
    firstSyncMaxMs: round(sync.max),
    reviewSyncP50Ms: round(review.p50),
    reviewSyncP99Ms: round(review.p99),
    connectAllMs: Math.round(result.connectMs),
    rssMbAfterConnect: result.rssAfterConnect.map((b) => round(b / MB, 1)),
    rssMbAfterMarks: result.rssAfterMarks.map((b) => round(b / MB, 1)),
    marksWaitMs: Math.round(result.marksWaitMs),
    reviewsWithoutMarks: result.reviewsWithoutMarks,
    rssMbAfterEdits: result.rssAfterEdits.map((b) => round(b / MB, 1)),
    marksLagP50Ms: round(lag.p50),
    marksLagP99Ms: round(lag.p99),
    marksLagMaxMs: round(lag.max),
    marksLagSameInstance: brief(result.marksLagSameInstance),
    marksLagOtherInstance: brief(result.marksLagOtherInstance),
    statusEdits: result.statusEdits,
    statusUnseen: result.statusUnseen,
    noteEdits: result.noteEdits,
    editSeconds: env.BENCH_PROVINCE_SECONDS,
    noteRatePerSec: env.BENCH_PROVINCE_NOTE_RATE,
    statusRatePerSec: env.BENCH_PROVINCE_STATUS_RATE,
    ownedRosters: metric("roster_owned_rosters"),
    docsBuilt: metric("roster_docs_built_total"),
    docBuildMs: metric("roster_doc_build_ms_total").map((ms) => Math.round(ms)),
    lastMarkRunMs: metric("roster_mark_last_ms").map((ms) => round(ms, 1)),
    markRuns: metric("roster_mark_runs_total"),
    leaseTakeovers: metric("roster_lease_takeovers_total"),
    leasesLost: metric("roster_leases_lost_total"),
    serverCpuSec: setup.cpuMs.map((ms) => round(ms / 1000, 1)),
    closeCodes: result.closeCodes,
    warnings: setup.logs,
    clientRssMb: result.clientRssMb,
    clientHeapMb: result.clientHeapMb,
    clientLoopDelayP99Ms: round(result.clientLoopDelayP99Ms),
    seedSeconds: round(setup.seededMs / 1000, 1),
    totalSeconds: round(totalMs / 1000, 1),
    // Nothing lost and nothing refused; the latencies are figures, not targets.
    ok: result.statusUnseen === 0 && result.closeCodes.length === 0 && result.reviewsWithoutMarks === 0,
    ...machineFigures(),
  });
}
