import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { waitAllSent, waitStatus } from "../e2e/support/browser";
import { explainProfile, startCpuProfile } from "./cpu-profile";
import type { BenchEnv } from "./env";
import { readLoadTiming, readWholeListMs, type LoadTiming } from "./load-timing";
import { machineFigures, note, round, emit } from "./report";
import { waitFullList, type Stage } from "./stage";
import { max, median } from "./stats";

const TARGET_MS = 1000;

/** The init script `buildStage` must install for this benchmark. */
export const FIRST_ROW_PROBE = fileURLToPath(new URL("./probes/first-row.js", import.meta.url));

function describe(timing: LoadTiming): Record<string, number | null> {
  return {
    firstRowMs: round(timing.firstRowMs),
    insertedMs: round(timing.firstRowInsertedMs),
    screenMs: round(timing.rosterScreenMs),
    fcpMs: timing.firstContentfulPaintMs === null ? null : round(timing.firstContentfulPaintMs),
    dclMs: timing.domContentLoadedMs === null ? null : round(timing.domContentLoadedMs),
    longTaskMs: round(timing.longTaskMs),
    longTasks: timing.longTasks,
  };
}

/** A load's first row, and when the whole list (the roster read, not a kept first screen) showed. */
interface Load {
  timing: LoadTiming;
  wholeListMs: number;
}

async function timeLoad(page: Page, label: string): Promise<Load> {
  const timing = await readLoadTiming(page);
  const wholeListMs = await readWholeListMs(page);
  note(label, { ...describe(timing), wholeListMs: round(wholeListMs) });
  return { timing, wholeListMs };
}

/** Online: reloads the open roster; IndexedDB and the network race, as on a real phone. */
async function onlineReloads(stage: Stage, runs: number): Promise<Load[]> {
  const timings: Load[] = [];
  for (let run = 0; run < runs; run += 1) {
    await stage.page.reload({ waitUntil: "commit" });
    timings.push(await timeLoad(stage.page, `online reload ${run + 1}/${runs}`));
    // Let this load finish syncing, so the next one starts from a quiet phone.
    await waitFullList(stage.page, stage.children);
    await waitAllSent(stage.page, 60_000);
  }
  return timings;
}

/** Cuts the network (relay and browser) for `work`, and restores it whatever happens. */
async function withoutNetwork<T>(stage: Stage, work: () => Promise<T>): Promise<T> {
  stage.net.offline();
  await stage.context.setOffline(true);
  try {
    return await work();
  } finally {
    stage.net.online();
    await stage.context.setOffline(false);
  }
}

/**
 * Offline: the signal is gone, the old tab is closed and the roster is opened in a fresh
 * one; the service worker serves the shell and only IndexedDB can answer for the data.
 */
async function offlineFreshTabs(stage: Stage, runs: number): Promise<Load[]> {
  const timings = await withoutNetwork(stage, async () => {
    const found: Load[] = [];
    for (let run = 0; run < runs; run += 1) {
      await stage.page.close();
      const page: Page = await stage.context.newPage();
      stage.page = page;
      await page.goto(stage.rosterUrl, { waitUntil: "commit" });
      found.push(await timeLoad(page, `offline fresh tab ${run + 1}/${runs}`));
      await waitFullList(page, stage.children);
      await waitStatus(page, "offline");
    }
    return found;
  });
  await waitAllSent(stage.page, 60_000);
  return timings;
}

/** One more offline load under the CPU profiler (a reload: the profiler stays attached). */
async function profileOfflineLoad(stage: Stage, env: BenchEnv): Promise<void> {
  await withoutNetwork(stage, async () => {
    const stop = await startCpuProfile(stage.page);
    await stage.page.reload({ waitUntil: "commit" });
    const timing = await readLoadTiming(stage.page);
    const profile = await stop();
    note("profiled offline reload", describe(timing));
    explainProfile("web.firstRows", profile, env.BENCH_WEB_PROFILE_DIR);
    await waitFullList(stage.page, stage.children);
  });
  await waitAllSent(stage.page, 60_000);
}

/**
 * `web.firstRows`: from navigation start to the first roster row on screen, for a roster
 * already in IndexedDB, on a 390×844 phone. Prints one JSON line.
 */
export async function benchFirstRows(stage: Stage, env: BenchEnv): Promise<void> {
  const onlineLoads = await onlineReloads(stage, env.BENCH_WEB_RUNS);
  const offlineLoads = await offlineFreshTabs(stage, env.BENCH_WEB_RUNS);
  const online = onlineLoads.map((l) => l.timing.firstRowMs);
  const offline = offlineLoads.map((l) => l.timing.firstRowMs);
  const medianMs = median(online);
  const offlineMedianMs = median(offline);
  const ok = medianMs <= TARGET_MS && offlineMedianMs <= TARGET_MS;
  emit("firstRows", {
    children: stage.children,
    runs: env.BENCH_WEB_RUNS,
    medianMs: round(medianMs),
    maxMs: round(max(online)),
    offlineMedianMs: round(offlineMedianMs),
    offlineMaxMs: round(max(offline)),
    wholeListMedianMs: round(median(onlineLoads.map((l) => l.wholeListMs))),
    offlineWholeListMedianMs: round(median(offlineLoads.map((l) => l.wholeListMs))),
    targetMs: TARGET_MS,
    ok,
    ...machineFigures(),
  });
  if (!ok) await profileOfflineLoad(stage, env);
}
