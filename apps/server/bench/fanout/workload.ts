import { monitorEventLoopDelay } from "node:perf_hooks";
import type { Actor } from "@roster/doc";
import type { BenchClient } from "./clients";
import { sleep } from "../wait";

/** A client that edits: its agency's account and the children it takes turns on. */
export interface Editor {
  client: BenchClient;
  actor: Actor;
  /** Disjoint from the other editors of the roster, so no two clients race on one field. */
  childIds: readonly string[];
}

export interface PhaseOptions {
  /** Distinguishes the edits of this phase from those of an earlier one. */
  tag: string;
  ratePerSec: number;
  seconds: number;
  /** How long to wait after the last edit for the observers to see everything. */
  drainMs: number;
}

export interface PhaseResult {
  planned: number;
  issued: number;
  /** Edits the generator could not issue on time (it fell behind) and left out. */
  skipped: number;
  seen: number;
  unseen: number;
  /** Send → seen by the roster's observer, per seen edit (ms). */
  latencies: number[];
  /** The same by edit number (NaN: skipped or unseen); edit k was made by editor k % editors. */
  latencyByEdit: Float64Array;
  offeredPerSec: number;
  acceptedPerSec: number;
  /** CPU of this (load-generating) process during the phase, in % of one core. */
  clientCpuPct: number;
  clientLoopDelayP99Ms: number;
}

/** Above this many late edits the generator skips instead of bursting to catch up. */
const MAX_BACKLOG = 50;

/**
 * Edits at a paced total rate, editor after editor, each edit writing a unique `note`
 * that embeds its number and send time; every roster's observer records when it sees
 * it. Generator and observers share this process, hence one clock.
 */
export async function runEditPhase(editors: readonly Editor[], observers: readonly BenchClient[], options: PhaseOptions): Promise<PhaseResult> {
  const planned = Math.max(1, Math.round(options.ratePerSec * options.seconds));
  const seenAt = new Float64Array(planned).fill(Number.NaN);
  const sentAt = new Float64Array(planned).fill(Number.NaN);
  const prefix = `${options.tag}:`;
  let seen = 0;
  let lastSeenAt = 0;
  const stops = observers.map((observer) =>
    observer.records.onChange(({ children }) => {
      const now = performance.now();
      for (const id of children) {
        const noteText = observer.records.getChild(id)?.note;
        if (!noteText?.startsWith(prefix)) continue;
        const k = Number(noteText.slice(prefix.length, noteText.indexOf(":", prefix.length)));
        if (!Number.isNaN(seenAt[k] ?? 0)) continue; // unknown or already seen
        seenAt[k] = now;
        seen++;
        lastSeenAt = now;
      }
    }),
  );

  const cursors = new Array<number>(editors.length).fill(0);
  const edit = (k: number) => {
    const e = k % editors.length;
    const editor = editors[e] as Editor;
    const cursor = cursors[e] as number;
    cursors[e] = cursor + 1;
    const childId = editor.childIds[cursor % editor.childIds.length] as string;
    const now = performance.now();
    sentAt[k] = now;
    editor.client.records.updateChild(childId, { note: `${prefix}${k}:${now.toFixed(3)}` }, editor.actor);
  };

  const loopDelay = monitorEventLoopDelay({ resolution: 5 });
  loopDelay.enable();
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  let issued = 0;
  let skipped = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const due = Math.min(planned, Math.floor(((performance.now() - start) * options.ratePerSec) / 1000) + 1);
      const late = due - (issued + skipped) - MAX_BACKLOG;
      if (late > 0) skipped += late;
      while (issued + skipped < due) {
        edit(issued + skipped);
        issued++;
      }
      if (issued + skipped >= planned) resolve();
      else setTimeout(tick, 1);
    };
    tick();
  });
  const sendEnd = performance.now();
  const drainUntil = sendEnd + options.drainMs;
  while (seen < issued && performance.now() < drainUntil) await sleep(10);
  const cpu = process.cpuUsage(cpuBefore);
  const wallMs = performance.now() - start;
  loopDelay.disable();
  for (const stop of stops) stop();

  const latencies: number[] = [];
  const latencyByEdit = new Float64Array(planned).fill(Number.NaN);
  for (let k = 0; k < planned; k++) {
    const at = seenAt[k] as number;
    if (Number.isNaN(at)) continue;
    latencyByEdit[k] = at - (sentAt[k] as number);
    latencies.push(latencyByEdit[k] as number);
  }
  return {
    planned,
    issued,
    skipped,
    seen,
    unseen: issued - seen,
    latencies,
    latencyByEdit,
    offeredPerSec: (issued * 1000) / (sendEnd - start),
    acceptedPerSec: seen > 0 ? (seen * 1000) / (lastSeenAt - start) : 0,
    clientCpuPct: ((cpu.user + cpu.system) / 1000 / wallMs) * 100,
    clientLoopDelayP99Ms: loopDelay.percentile(99) / 1e6,
  };
}
