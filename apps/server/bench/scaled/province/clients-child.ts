import { monitorEventLoopDelay } from "node:perf_hooks";
import { WebSocket } from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { RosterReview, type Actor } from "@roster/doc";
import { serveParent } from "../../child-rpc";
import { connectClient, destroyClients, loginSession, type BenchClient } from "../../fanout/clients";
import { fetchMetrics } from "../../fanout/run-target";
import { sleep, waitUntil } from "../../wait";

// The province's clients, in a process of their own with a larger heap (200 documents of
// ~825 children each are ~3 GB of Y.Docs): each editor a stock WebsocketProvider on its
// roster's records and one on its review document, as the web app has them.

export interface ProvinceEditor {
  username: string;
  rosterId: string;
  rosterIndex: number;
  instance: number;
}

export interface ProvinceRun {
  instances: { httpUrl: string; wsUrl: string }[];
  editors: ProvinceEditor[];
  rosters: number;
  password: string;
  connectBatch: number;
  seconds: number;
  noteRatePerSec: number;
  statusRatePerSec: number;
}

export interface ProvinceResult {
  /** Per client: provider created → records document synced (ms), in connection order. */
  firstSyncMs: number[];
  reviewSyncMs: number[];
  childrenPerClient: number[];
  connectMs: number;
  /** Per instance, once every client had synced, and again after the edit phase. */
  rssAfterConnect: number[];
  rssAfterMarks: number[];
  /** From all synced until every roster's marks were in every review document (gives up after 180 s). */
  marksWaitMs: number;
  reviewsWithoutMarks: number;
  rssAfterEdits: number[];
  metricsAfter: Record<string, number>[];
  /** Status edit → its mark in a review document, at a client of the writer's instance / of the other one. */
  marksLagSameInstance: number[];
  marksLagOtherInstance: number[];
  statusEdits: number;
  statusUnseen: number;
  noteEdits: number;
  closeCodes: number[];
  clientRssMb: number;
  clientHeapMb: number;
  clientLoopDelayP99Ms: number;
}

interface Editing {
  account: ProvinceEditor;
  client: BenchClient;
  review: RosterReview;
  reviewProvider: WebsocketProvider;
  reviewSynced: number;
  actor: Actor;
}

async function run(job: ProvinceRun): Promise<ProvinceResult> {
  const editing: Editing[] = [];
  const reviewProviders: WebsocketProvider[] = [];
  process.setMaxListeners(job.editors.length * 2 + 50);
  const metricsAll = () => Promise.all(job.instances.map((i) => fetchMetrics(i.httpUrl)));
  try {
    const sessions: { token: string; userId: string }[] = [];
    for (let from = 0; from < job.editors.length; from += 25) {
      const batch = job.editors.slice(from, from + 25);
      sessions.push(...(await Promise.all(batch.map((e) => loginSession((job.instances[e.instance] as { httpUrl: string }).httpUrl, e.username, job.password)))));
    }

    // In waves of `connectBatch` clients, each wave synced before the next: a morning's
    // logins, not 200 at once from one process (that would time this process's decoding).
    const firstSyncMs: number[] = [];
    const reviewSyncMs: number[] = [];
    const connectStart = performance.now();
    for (let from = 0; from < job.editors.length; from += job.connectBatch) {
      const wave: { item: Editing; started: number; syncedAt: number }[] = [];
      job.editors.slice(from, from + job.connectBatch).forEach((account, i) => {
        const session = sessions[from + i] as { token: string; userId: string };
        const instance = job.instances[account.instance] as { wsUrl: string };
        const started = performance.now();
        const client = connectClient(instance.wsUrl, account.rosterId, account.rosterIndex, session.token);
        const reviewDoc = new Y.Doc();
        const reviewProvider = new WebsocketProvider(`${instance.wsUrl}/sync`, `${account.rosterId}/review`, reviewDoc, {
          WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
          disableBc: true,
          params: { token: session.token },
        });
        reviewProviders.push(reviewProvider);
        const item: Editing = {
          account,
          client,
          review: new RosterReview(reviewDoc),
          reviewProvider,
          reviewSynced: Number.NaN,
          actor: { id: session.userId, name: account.username },
        };
        const entry = { item, started, syncedAt: Number.NaN };
        client.provider.once("sync", () => (entry.syncedAt = performance.now()));
        reviewProvider.once("sync", () => (item.reviewSynced = performance.now()));
        wave.push(entry);
        editing.push(item);
      });
      await waitUntil(() => wave.every((w) => !Number.isNaN(w.syncedAt) && !Number.isNaN(w.item.reviewSynced)), 300_000, `wave at ${from} to sync`, 5);
      for (const w of wave) {
        firstSyncMs.push(w.syncedAt - w.started);
        reviewSyncMs.push(w.item.reviewSynced - w.started);
      }
    }
    const connectMs = performance.now() - connectStart;
    const rssAfterConnect = (await metricsAll()).map((m) => m["roster_process_resident_bytes"] ?? Number.NaN);

    // Each owner evaluates each roster once on load; marks must be in place before a status edit.
    const marksStart = performance.now();
    const deadline = marksStart + 180_000;
    while (performance.now() < deadline) {
      const runs = (await metricsAll()).reduce((n, m) => n + (m["roster_mark_runs_total"] ?? 0), 0);
      if (runs >= job.rosters && editing.every((e) => e.review.marks().size > 0)) break;
      await sleep(500);
    }
    const marksWaitMs = performance.now() - marksStart;
    const reviewsWithoutMarks = editing.filter((e) => e.review.marks().size === 0).length;
    await sleep(1000);
    const rssAfterMarks = (await metricsAll()).map((m) => m["roster_process_resident_bytes"] ?? Number.NaN);

    const lag = await editPhase(job, editing);
    const metricsAfter = await metricsAll();
    const memory = process.memoryUsage();
    return {
      firstSyncMs,
      reviewSyncMs,
      childrenPerClient: editing.map((e) => e.client.doc.getMap("children").size),
      connectMs,
      rssAfterConnect,
      rssAfterMarks,
      marksWaitMs,
      reviewsWithoutMarks,
      rssAfterEdits: metricsAfter.map((m) => m["roster_process_resident_bytes"] ?? Number.NaN),
      metricsAfter,
      ...lag,
      closeCodes: editing.flatMap((e) => e.client.closeCodes),
      clientRssMb: Math.round(memory.rss / 1e6),
      clientHeapMb: Math.round(memory.heapUsed / 1e6),
    };
  } finally {
    destroyClients(editing.map((e) => e.client));
    for (const provider of reviewProviders) {
      provider.destroy();
      provider.doc.destroy();
    }
  }
}

/**
 * A modest load: `noteRatePerSec` note edits on random children, and `statusRatePerSec`
 * edits that clear a clean child's ID number (the server then marks it needs-fix); every
 * review document of that roster records when the new mark arrives.
 */
async function editPhase(job: ProvinceRun, editing: readonly Editing[]) {
  const byRoster = new Map<number, Editing[]>();
  for (const e of editing) byRoster.set(e.account.rosterIndex, [...(byRoster.get(e.account.rosterIndex) ?? []), e]);
  const pending = new Map<string, { sentAt: number; writer: Editing; seenBy: Set<Editing> }>();
  const marksLagSameInstance: number[] = [];
  const marksLagOtherInstance: number[] = [];
  const stops = editing.map((watcher) =>
    watcher.review.onChange(({ marks }) => {
      const now = performance.now();
      for (const childId of marks) {
        const wait = pending.get(`${watcher.account.rosterIndex}:${childId}`);
        if (!wait || wait.seenBy.has(watcher) || watcher.review.mark(childId)?.status !== "needs-fix") continue;
        wait.seenBy.add(watcher);
        (watcher.account.instance === wait.writer.account.instance ? marksLagSameInstance : marksLagOtherInstance).push(now - wait.sentAt);
      }
    }),
  );
  // Writers of status edits: editors of rosters that have a client on each instance (when
  // any), so every edit is timed both where it was made and across the relay.
  const shared = editing.filter((e) => new Set(byRoster.get(e.account.rosterIndex)?.map((x) => x.account.instance)).size > 1);
  const writers = shared.length > 0 ? shared : editing;
  const used = new Set<string>();
  let statusEdits = 0;
  let noteEdits = 0;
  let next = 0;
  const statusEdit = () => {
    // Round robin over the editors; a child the server marks clean, not edited before.
    for (let tries = 0; tries < writers.length; tries++) {
      const writer = writers[next++ % writers.length] as Editing;
      for (const [childId, mark] of writer.review.marks()) {
        const key = `${writer.account.rosterIndex}:${childId}`;
        if (mark.status !== "clean" || used.has(key) || !writer.client.records.getChild(childId)) continue;
        used.add(key);
        pending.set(key, { sentAt: performance.now(), writer, seenBy: new Set() });
        writer.client.records.setChildField(childId, "pid", "", writer.actor);
        statusEdits++;
        return;
      }
    }
  };
  const noteEdit = (k: number) => {
    const writer = editing[(k * 7919) % editing.length] as Editing;
    const children = writer.client.doc.getMap("children");
    const ids = [...children.keys()];
    const childId = ids[(k * 104_729) % ids.length] as string;
    writer.client.records.updateChild(childId, { note: `tinh:${k}` }, writer.actor);
    noteEdits++;
  };
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const start = performance.now();
  let notesDue = 0;
  let statusDue = 0;
  while (performance.now() - start < job.seconds * 1000) {
    const elapsed = (performance.now() - start) / 1000;
    while (notesDue < Math.floor(elapsed * job.noteRatePerSec)) noteEdit(notesDue++);
    while (statusDue < Math.floor(elapsed * job.statusRatePerSec)) {
      statusEdit();
      statusDue++;
    }
    await sleep(5);
  }
  // Every review document of the roster (one or two clients) should see each status edit.
  const expected = () => [...pending.values()].reduce((n, p) => n + (byRoster.get(p.writer.account.rosterIndex)?.length ?? 0), 0);
  const seen = () => [...pending.values()].reduce((n, p) => n + p.seenBy.size, 0);
  const drainUntil = performance.now() + 20_000;
  while (seen() < expected() && performance.now() < drainUntil) await sleep(20);
  loop.disable();
  for (const stop of stops) stop();
  return {
    marksLagSameInstance,
    marksLagOtherInstance,
    statusEdits,
    statusUnseen: expected() - seen(),
    noteEdits,
    clientLoopDelayP99Ms: loop.percentile(99) / 1e6,
  };
}

serveParent({ pid: process.pid }, { run: (payload) => run(payload as ProvinceRun) });
