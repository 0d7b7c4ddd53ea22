import { join } from "node:path";
import type { BenchEnv } from "./env";
import { prepareFirstSyncFixture, type FirstSyncFixture, type StoredVariant } from "./first-sync/fixture";
import { measureMemory, type MemoryRun } from "./first-sync/memory";
import { measureNewClient, type FailedRun, type NewClientRun } from "./first-sync/new-client";
import { measureOurReconnect, measureReferenceReconnect, type OurReconnectRun, type ReconnectAnswer } from "./first-sync/reconnect";
import { emit, machineFigures, note, round, type Figure } from "./report";
import { median } from "./stats";
import { withTempDir } from "./temp-dir";

/** A new client's answer at most this share of what decoding it costs the client (at 5,000). */
const TARGET_RATIO = 0.2;
/** A returning client that lacks one edit gets fewer bytes than this. */
const TARGET_RECONNECT_BYTES = 2000;
/** An unbuilt roster costs the server at most this many times its stored bytes. */
const TARGET_MEMORY_RATIO = 2;
const REFERENCE = "@y/websocket-server@0.1.0";
const MB = 1024 * 1024;

/**
 * `server.first-sync` (one line per roster size), `server.first-sync.reconnect` and
 * `server.first-sync.memory`: a sync answered from the stored bytes, without building the
 * document, by fresh server processes.
 */
export async function benchFirstSync(env: BenchEnv): Promise<void> {
  await withTempDir("first-sync", async (dir) => {
    const sizes = [...new Set([...env.BENCH_FIRST_SYNC_SIZES, env.BENCH_FIRST_SYNC_CHILDREN])];
    const fixtures = new Map<number, FirstSyncFixture>();
    for (const size of sizes) {
      const started = performance.now();
      const fixture = await prepareFirstSyncFixture(join(dir, `templates-${size}`), size, env.BENCH_FIRST_SYNC_EDITS);
      fixtures.set(size, fixture);
      note(`first-sync: ${size} ready`, {
        children: fixture.children,
        ms: Math.round(performance.now() - started),
        stored: fixture.variants.map((v) => `${v.name} ${v.storedUpdates} updates ${v.storedBytes} B`),
      });
    }
    const runDir = join(dir, "runs");
    for (const size of env.BENCH_FIRST_SYNC_SIZES) await newClientLine(env, fixtures.get(size) as FirstSyncFixture, runDir);
    const main = fixtures.get(env.BENCH_FIRST_SYNC_CHILDREN) as FirstSyncFixture;
    await reconnectLine(env, main, runDir);
    await memoryLine(env, main, runDir);
  });
}

async function newClientLine(env: BenchEnv, fixture: FirstSyncFixture, runDir: string): Promise<void> {
  const runs = new Map<StoredVariant, (NewClientRun | FailedRun)[]>(fixture.variants.map((variant) => [variant, []]));
  // Variants alternate within a round, so a busy moment of the machine hits them alike.
  for (let run = 0; run < env.BENCH_FIRST_SYNC_RUNS; run++) {
    for (const variant of fixture.variants) {
      const result = await measureNewClient(fixture, variant, runDir, { serverEnv: env.BENCH_SERVER_ENV, ...(env.BENCH_CPU_PROF_DIR ? { cpuProfDir: env.BENCH_CPU_PROF_DIR } : {}) });
      runs.get(variant)?.push(result);
    }
  }
  const figures: Record<string, Figure> = {};
  const ratios: number[] = [];
  let built = 0;
  let failed = 0;
  for (const [variant, all] of runs) {
    const results = all.filter((r): r is NewClientRun => !("error" in r));
    const failures = all.filter((r): r is FailedRun => "error" in r);
    failed += failures.length;
    const pick = (key: "answerMs" | "clientDecodeMs" | "bytes" | "frames" | "openMs") => median(results.map((r) => r[key]));
    const ratio = median(results.map((r) => r.answerMs / r.clientDecodeMs));
    ratios.push(ratio);
    built = Math.max(built, ...results.map((r) => r.docsBuiltAtAnswer));
    figures[variant.name] = {
      storedUpdates: variant.storedUpdates,
      storedBytes: variant.storedBytes,
      answerMs: round(pick("answerMs"), 1),
      answerMsRuns: results.map((r) => round(r.answerMs, 1)),
      clientDecodeMs: round(pick("clientDecodeMs"), 1),
      ratio: round(ratio, 3),
      ratioRuns: results.map((r) => round(r.answerMs / r.clientDecodeMs, 3)),
      bytes: pick("bytes"),
      frames: pick("frames"),
      openMs: round(pick("openMs"), 1),
      docsBuiltAtAnswer: results.length > 0 ? Math.max(...results.map((r) => r.docsBuiltAtAnswer)) : null,
      answersBeforeBuild: results.length > 0 ? Math.min(...results.map((r) => r.answersBeforeBuild)) : null,
      failedRuns: failures.length,
      ...(failures.length > 0 ? { errors: [...new Set(failures.map((f) => f.error))], closes: failures.map((f) => f.closes) } : {}),
    };
  }
  const seeded = figures["seeded"] as Record<string, Figure>;
  const summary = {
    requestedChildren: fixture.requested,
    children: fixture.children,
    runs: env.BENCH_FIRST_SYNC_RUNS,
    answerMs: seeded["answerMs"] as number,
    clientDecodeMs: seeded["clientDecodeMs"] as number,
    ratio: seeded["ratio"] as number,
    bytes: seeded["bytes"] as number,
    docsBuiltAtAnswer: built,
    ...figures,
    worstRatio: round(Math.max(...ratios.filter((r) => !Number.isNaN(r))), 3),
    failedRuns: failed,
    targetRatio: TARGET_RATIO,
    ok: failed === 0 && Math.max(...ratios) <= TARGET_RATIO && built === 0,
    ...machineFigures(),
  };
  note(`first-sync: ${fixture.children} children`, { ratio: summary.ratio, worstRatio: summary.worstRatio });
  emit("first-sync", summary);
}

async function reconnectLine(env: BenchEnv, fixture: FirstSyncFixture, runDir: string): Promise<void> {
  const variant = fixture.variants.find((v) => v.name === "compacted") as StoredVariant;
  const ours: OurReconnectRun[] = [];
  const reference: ReconnectAnswer[] = [];
  for (let run = 0; run < env.BENCH_FIRST_SYNC_RUNS; run++) {
    ours.push(await measureOurReconnect(fixture, variant, runDir, env.BENCH_SERVER_ENV));
    reference.push(await measureReferenceReconnect(fixture, variant));
  }
  const tail = answerFigures(ours.map((r) => r.tail));
  const compacted = answerFigures(ours.map((r) => r.compacted));
  const ref = answerFigures(reference);
  emit("first-sync.reconnect", {
    children: fixture.children,
    runs: env.BENCH_FIRST_SYNC_RUNS,
    storedBytes: variant.storedBytes,
    tail,
    compacted,
    reference: { ...ref, server: REFERENCE },
    bytes: tail["bytes"] as number,
    compactedBytes: compacted["bytes"] as number,
    referenceBytes: ref["bytes"] as number,
    targetBytes: TARGET_RECONNECT_BYTES,
    okTail: (tail["bytes"] as number) < TARGET_RECONNECT_BYTES,
    okCompacted: (compacted["bytes"] as number) < TARGET_RECONNECT_BYTES,
    ok: (tail["bytes"] as number) < TARGET_RECONNECT_BYTES && (compacted["bytes"] as number) < TARGET_RECONNECT_BYTES,
    ...machineFigures(),
  });
}

function answerFigures(answers: readonly ReconnectAnswer[]): Record<string, Figure> {
  const pick = (key: "answerMs" | "warmAnswerMs" | "bytes" | "frames") => median(answers.map((a) => a[key]));
  const skipped = answers.map((a) => a.partsSkipped).filter((n): n is number => n !== undefined);
  return {
    bytes: pick("bytes"),
    bytesRuns: answers.map((a) => a.bytes),
    frames: pick("frames"),
    answerMs: round(pick("answerMs"), 1),
    answerMsRuns: answers.map((a) => round(a.answerMs, 1)),
    warmAnswerMs: round(pick("warmAnswerMs"), 1),
    ...(skipped.length > 0 ? { partsSkipped: median(skipped) } : {}),
  };
}

async function memoryLine(env: BenchEnv, fixture: FirstSyncFixture, runDir: string): Promise<void> {
  const variant = fixture.variants.find((v) => v.name === "seeded") as StoredVariant;
  const unbuilt: MemoryRun[] = [];
  const built: MemoryRun[] = [];
  for (let run = 0; run < env.BENCH_FIRST_SYNC_RUNS; run++) {
    unbuilt.push(await measureMemory(fixture, variant, runDir, env.BENCH_SERVER_ENV, false));
    built.push(await measureMemory(fixture, variant, runDir, env.BENCH_SERVER_ENV, true));
  }
  const figures = (runs: readonly MemoryRun[]) => {
    const heap = median(runs.map((r) => r.heapGrowth));
    const buffers = median(runs.map((r) => r.arrayBuffersGrowth));
    return {
      heapGrowthMb: round(heap / MB, 2),
      heapGrowthMbRuns: runs.map((r) => round(r.heapGrowth / MB, 2)),
      arrayBuffersGrowthMb: round(buffers / MB, 2),
      rssGrowthMb: round(median(runs.map((r) => r.rssGrowth)) / MB, 1),
      heapToStored: round(heap / variant.storedBytes, 2),
      heapAndBuffersToStored: round((heap + buffers) / variant.storedBytes, 2),
      docsBuilt: Math.max(...runs.map((r) => r.docsBuilt)),
    };
  };
  const notBuilt = figures(unbuilt);
  const isBuilt = figures(built);
  emit("first-sync.memory", {
    children: fixture.children,
    runs: env.BENCH_FIRST_SYNC_RUNS,
    storedBytes: variant.storedBytes,
    storedMb: round(variant.storedBytes / MB, 2),
    unbuilt: notBuilt,
    built: isBuilt,
    heapToStored: notBuilt.heapToStored,
    heapAndBuffersToStored: notBuilt.heapAndBuffersToStored,
    builtHeapToStored: isBuilt.heapToStored,
    gcExposed: [...unbuilt, ...built].every((r) => r.gcExposed),
    targetRatio: TARGET_MEMORY_RATIO,
    // The stored bytes live in ArrayBuffers, outside the V8 heap: both count.
    ok: notBuilt.heapAndBuffersToStored <= TARGET_MEMORY_RATIO && notBuilt.docsBuilt === 0,
    ...machineFigures(),
  });
}
