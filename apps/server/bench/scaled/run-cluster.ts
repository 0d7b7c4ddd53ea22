import { note } from "../report";
import { sleep } from "../wait";
import { connectClient, destroyClients, loginSession, waitAllSynced, type BenchClient } from "../fanout/clients";
import { BENCH_PASSWORD, OBSERVER_USERNAME, type EditorAccount, type RosterFixture } from "../fanout/fixture";
import type { Workload } from "../fanout/run-target";
import { runEditPhase, type Editor, type PhaseResult } from "../fanout/workload";
import type { Instance } from "./cluster";

/** Which instance each client of the fan-out workload talks to, and which owns each roster. */
export interface Placement {
  editor(account: EditorAccount): number;
  observer(rosterIndex: number): number;
  /** The instance meant to own the roster: a client there opens it before any other. */
  owner(rosterIndex: number): number;
}

export interface InstanceFigures {
  cpuMs: number;
  owned: number;
  connections: number;
  metricDeltas: Record<string, number>;
  metricsAfter: Record<string, number>;
}

export interface ClusterResult {
  phase: PhaseResult;
  /** The roster of each editor, in the order of the phase's editors (edit k: editor k % n). */
  editorRosters: number[];
  connectMs: number;
  /** Rosters each instance owned once every roster was open on its intended owner. */
  ownedFirst: number[];
  phaseMs: number;
  instances: InstanceFigures[];
  closeCodes: number[];
  /** Warn and error log lines per instance, by event (filled in by the caller). */
  logs?: Record<string, number>[];
}

const CONNECT_BATCH = 25;

/**
 * The fan-out workload (`bench/fanout`) against several instances: every roster is first
 * opened on the instance meant to own it (it takes the lease), then the other clients
 * connect where `placement` puts them; warm-up, then the measured phase with each
 * instance's CPU time and counters around it.
 */
export async function runAgainstCluster(instances: readonly Instance[], placement: Placement, workload: Workload): Promise<ClusterResult> {
  const clients: BenchClient[] = [];
  const maxListeners = process.getMaxListeners();
  process.setMaxListeners(maxListeners + workload.editors.length + workload.rosters.length);
  try {
    const connectStart = performance.now();
    const observerToken = (await loginSession((instances[0] as Instance).httpUrl, OBSERVER_USERNAME, BENCH_PASSWORD)).token;
    const sessions = new Map<string, { token: string; userId: string }>();
    for (let from = 0; from < workload.editors.length; from += CONNECT_BATCH) {
      const batch = workload.editors.slice(from, from + CONNECT_BATCH);
      const answers = await Promise.all(batch.map((a) => loginSession((instances[placement.editor(a)] as Instance).httpUrl, a.username, BENCH_PASSWORD)));
      batch.forEach((a, i) => sessions.set(a.username, answers[i] as { token: string; userId: string }));
    }

    // Wave 1: one client per roster on its intended owner; wave 2: everyone else.
    const observers = new Array<BenchClient>(workload.rosters.length);
    const editorClients = new Map<EditorAccount, BenchClient>();
    const connectObserver = (r: number) => {
      const instance = instances[placement.observer(r)] as Instance;
      observers[r] = connectClient(instance.wsUrl, (workload.rosters[r] as RosterFixture).id, r, observerToken);
      clients.push(observers[r]);
    };
    const connectEditor = (a: EditorAccount) => {
      const instance = instances[placement.editor(a)] as Instance;
      const client = connectClient(instance.wsUrl, (workload.rosters[a.rosterIndex] as RosterFixture).id, a.rosterIndex, sessions.get(a.username)?.token);
      editorClients.set(a, client);
      clients.push(client);
    };
    for (let r = 0; r < workload.rosters.length; r++) {
      const owner = placement.owner(r);
      const editor = workload.editors.find((a) => a.rosterIndex === r && placement.editor(a) === owner);
      if (editor) connectEditor(editor);
      else if (placement.observer(r) === owner) connectObserver(r);
      else throw new Error(`bench: no client of roster ${r} on its intended owner ${owner}`);
    }
    await waitAllSynced(clients, workload.childrenPerRoster, 120_000);
    const ownedFirst = await Promise.all(instances.map(async (i) => (await i.metrics())["roster_owned_rosters"] ?? 0));
    for (let r = 0; r < workload.rosters.length; r++) if (!observers[r]) connectObserver(r);
    for (const a of workload.editors) if (!editorClients.has(a)) connectEditor(a);
    await waitAllSynced(clients, workload.childrenPerRoster, 120_000);
    const connectMs = performance.now() - connectStart;
    note(`scaled: ${clients.length} clients synced on ${instances.length} instance(s)`, { connectMs: Math.round(connectMs) });

    // Every roster is evaluated once by its owner on load; let that finish before measuring.
    const markRuns = async () => (await Promise.all(instances.map((i) => i.metrics()))).reduce((n, m) => n + (m["roster_mark_runs_total"] ?? 0), 0);
    const deadline = performance.now() + 60_000;
    while ((await markRuns()) < workload.rosters.length && performance.now() < deadline) await sleep(200);
    await sleep(1000);

    const editors: Editor[] = [];
    const editorRosters: number[] = [];
    for (const account of workload.editors) {
      const roster = workload.rosters[account.rosterIndex] as RosterFixture;
      const perRoster = workload.editors.filter((e) => e.rosterIndex === account.rosterIndex).length;
      const session = sessions.get(account.username);
      editors.push({
        client: editorClients.get(account) as BenchClient,
        actor: { id: session?.userId ?? account.username, name: account.username },
        childIds: roster.childIds.filter((_, c) => c % perRoster === account.slot),
      });
      editorRosters.push(account.rosterIndex);
    }
    if (workload.warmupSeconds > 0) {
      const warm = await runEditPhase(editors, observers, { tag: "w", ratePerSec: workload.ratePerSec, seconds: workload.warmupSeconds, drainMs: 5000 });
      note("scaled: warm-up", { issued: warm.issued, seen: warm.seen });
      await sleep(500);
    }

    const metricsBefore = await Promise.all(instances.map((i) => i.metrics()));
    const cpuBefore = instances.map((i) => i.cpuMs());
    const phaseStart = performance.now();
    const phase = await runEditPhase(editors, observers, { tag: "m", ratePerSec: workload.ratePerSec, seconds: workload.seconds, drainMs: 10_000 });
    const cpuAfter = instances.map((i) => i.cpuMs());
    const phaseMs = performance.now() - phaseStart;
    const metricsAfter = await Promise.all(instances.map((i) => i.metrics()));
    return {
      phase,
      editorRosters,
      connectMs,
      ownedFirst,
      phaseMs,
      instances: instances.map((_, i) => {
        const after = metricsAfter[i] as Record<string, number>;
        const before = metricsBefore[i] as Record<string, number>;
        const metricDeltas: Record<string, number> = {};
        for (const [name, value] of Object.entries(after)) metricDeltas[name] = value - (before[name] ?? 0);
        return {
          cpuMs: (cpuAfter[i] as number) - (cpuBefore[i] as number),
          owned: after["roster_owned_rosters"] ?? 0,
          connections: after["roster_sync_connections"] ?? 0,
          metricDeltas,
          metricsAfter: after,
        };
      }),
      closeCodes: clients.flatMap((c) => c.closeCodes),
    };
  } finally {
    destroyClients(clients);
    process.setMaxListeners(maxListeners);
  }
}
