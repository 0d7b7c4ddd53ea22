import type { BenchChild } from "../child-rpc";
import type { LoopFigures } from "../loop-delay";
import { note } from "../report";
import { sleep } from "../wait";
import { connectClient, destroyClients, loginSession, waitAllSynced, type BenchClient } from "./clients";
import { BENCH_PASSWORD, OBSERVER_USERNAME, type EditorAccount, type RosterFixture } from "./fixture";
import { runEditPhase, type Editor, type PhaseResult } from "./workload";

/** A server under test, already started in its own process. */
export interface Target {
  label: string;
  child: BenchChild;
  port: number;
  /** Our server wants tokens from `POST /api/login`; the reference takes anyone. */
  authenticates: boolean;
  /** Our server's `/metrics` counters; undefined for the reference. */
  metrics?: () => Promise<Record<string, number>>;
}

export interface Workload {
  rosters: readonly RosterFixture[];
  editors: readonly EditorAccount[];
  childrenPerRoster: number;
  ratePerSec: number;
  seconds: number;
  warmupSeconds: number;
}

export interface TargetResult {
  phase: PhaseResult;
  connectMs: number;
  /** Wall time of the measured phase, drain included. */
  phaseMs: number;
  /** CPU of the server process during the measured phase, in % of one core and in ms. */
  serverCpuPct: number;
  serverCpuMs: number;
  /** Counter deltas over the measured phase, and the values at its end (our server only). */
  metricDeltas: Record<string, number>;
  metricsAfter: Record<string, number>;
  /** Event-loop delay of the server's main thread during the measured phase. */
  serverLoop: LoopFigures;
  /** Close codes clients got during the run (a reconnect would distort latencies). */
  closeCodes: number[];
}

const CONNECT_BATCH = 25;

/**
 * Connects the editors and one read-only observer per roster to `target`, lets the
 * server settle, runs a warm-up then the measured edit phase, and disconnects.
 */
export async function runAgainst(target: Target, workload: Workload): Promise<TargetResult> {
  const httpUrl = `http://127.0.0.1:${target.port}`;
  const wsUrl = `ws://127.0.0.1:${target.port}`;
  const clients: BenchClient[] = [];
  // Each stock provider adds a process `exit` listener (to clear its awareness); 150 of
  // them are expected here, not a leak.
  const maxListeners = process.getMaxListeners();
  process.setMaxListeners(maxListeners + workload.editors.length + workload.rosters.length);
  try {
    const connectStart = performance.now();
    const sessionOf = async (username: string) => (target.authenticates ? loginSession(httpUrl, username, BENCH_PASSWORD) : undefined);
    const observerToken = (await sessionOf(OBSERVER_USERNAME))?.token;
    const observers = workload.rosters.map((roster, index) => connectClient(wsUrl, roster.id, index, observerToken));
    clients.push(...observers);
    const editors: Editor[] = [];
    for (let from = 0; from < workload.editors.length; from += CONNECT_BATCH) {
      const batch = workload.editors.slice(from, from + CONNECT_BATCH);
      const sessions = await Promise.all(batch.map((account) => sessionOf(account.username)));
      batch.forEach((account, i) => {
        const roster = workload.rosters[account.rosterIndex] as RosterFixture;
        const session = sessions[i];
        const client = connectClient(wsUrl, roster.id, account.rosterIndex, session?.token);
        clients.push(client);
        const perRoster = workload.editors.filter((e) => e.rosterIndex === account.rosterIndex).length;
        editors.push({
          client,
          // The user id, as the web app writes it (the server counts other actor ids).
          actor: { id: session?.userId ?? account.username, name: account.username },
          childIds: roster.childIds.filter((_, c) => c % perRoster === account.slot),
        });
      });
    }
    await waitAllSynced(clients, workload.childrenPerRoster, 120_000);
    const connectMs = performance.now() - connectStart;
    note(`${target.label}: ${clients.length} clients synced`, { connectMs: Math.round(connectMs) });

    if (target.metrics) {
      // Every roster is evaluated once on load; let that finish before measuring.
      const deadline = performance.now() + 60_000;
      while (((await target.metrics())["roster_mark_runs_total"] ?? 0) < workload.rosters.length && performance.now() < deadline) {
        await sleep(200);
      }
    }
    await sleep(1000);

    if (workload.warmupSeconds > 0) {
      const warm = await runEditPhase(editors, observers, { tag: "w", ratePerSec: workload.ratePerSec, seconds: workload.warmupSeconds, drainMs: 5000 });
      note(`${target.label}: warm-up`, { issued: warm.issued, seen: warm.seen });
      await sleep(500);
    }

    const metricsBefore = target.metrics ? await target.metrics() : {};
    const cpuBefore = (await target.child.request("cpu")) as NodeJS.CpuUsage;
    await target.child.request("loop");
    const phaseStart = performance.now();
    const phase = await runEditPhase(editors, observers, { tag: "m", ratePerSec: workload.ratePerSec, seconds: workload.seconds, drainMs: 10_000 });
    const cpuAfter = (await target.child.request("cpu")) as NodeJS.CpuUsage;
    const serverLoop = (await target.child.request("loop")) as TargetResult["serverLoop"];
    const phaseMs = performance.now() - phaseStart;
    const metricsAfter = target.metrics ? await target.metrics() : {};
    const metricDeltas: Record<string, number> = {};
    for (const [name, value] of Object.entries(metricsAfter)) metricDeltas[name] = value - (metricsBefore[name] ?? 0);

    const serverCpuMs = (cpuAfter.user - cpuBefore.user + cpuAfter.system - cpuBefore.system) / 1000;
    return {
      phase,
      connectMs,
      phaseMs,
      serverCpuPct: (serverCpuMs / phaseMs) * 100,
      serverCpuMs,
      metricDeltas,
      metricsAfter,
      serverLoop,
      closeCodes: clients.flatMap((c) => c.closeCodes),
    };
  } finally {
    destroyClients(clients);
    process.setMaxListeners(maxListeners);
  }
}

/** Reads the unlabelled samples of a Prometheus text page into numbers. */
export async function fetchMetrics(httpUrl: string): Promise<Record<string, number>> {
  const text = await (await fetch(`${httpUrl}/metrics`)).text();
  const out: Record<string, number> = {};
  for (const line of text.split("\n")) {
    // Labelled samples keep their labels in the key: `roster_sync_answers_total{kind="diff"}`.
    const match = /^([a-z_]+(?:\{[^}]*\})?) (-?[0-9.e+]+)$/.exec(line);
    if (match) out[match[1] as string] = Number(match[2]);
  }
  return out;
}
