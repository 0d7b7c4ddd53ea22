import type { Page } from "playwright-core";

/** What `probes/first-row.js` notes in a document (its own clock: 0 = navigation start). */
export interface FirstRowMarks {
  rosterScreenMs: number | null;
  firstRowInsertedMs: number | null;
  firstRowPaintedMs: number | null;
  /** The list shows the roster itself (read from IndexedDB), not a kept first screen. */
  wholeListPaintedMs: number | null;
  longTasks: { startMs: number; durationMs: number }[];
}

/** One page load as the phone lived it, in ms after navigation start. */
export interface LoadTiming {
  /** The first roster row is in the DOM and a frame showing it has been produced. */
  firstRowMs: number;
  firstRowInsertedMs: number;
  /** The roster screen (header, search) is in the DOM, still without rows. */
  rosterScreenMs: number;
  firstContentfulPaintMs: number | null;
  domContentLoadedMs: number | null;
  /** Main-thread tasks over 50 ms before the first row, summed, and how many. */
  longTaskMs: number;
  longTasks: number;
}

/** Waits for the first row of the document now loading and reads its timing. */
export async function readLoadTiming(page: Page, timeout = 60_000): Promise<LoadTiming> {
  await page.waitForFunction(
    () => (window as unknown as { __benchFirstRow?: FirstRowMarks }).__benchFirstRow?.firstRowPaintedMs != null,
    undefined,
    // Polled on a timer, not every frame: the probe must not crowd the frames it times.
    { timeout, polling: 50 },
  );
  return page.evaluate(() => {
    const marks = (window as unknown as { __benchFirstRow: FirstRowMarks }).__benchFirstRow;
    const firstRowMs = marks.firstRowPaintedMs ?? Number.NaN;
    const before = marks.longTasks.filter((t) => t.startMs < firstRowMs);
    const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
    const fcp = performance.getEntriesByName("first-contentful-paint")[0];
    return {
      firstRowMs,
      firstRowInsertedMs: marks.firstRowInsertedMs ?? Number.NaN,
      rosterScreenMs: marks.rosterScreenMs ?? Number.NaN,
      firstContentfulPaintMs: fcp ? fcp.startTime : null,
      domContentLoadedMs: nav ? nav.domContentLoadedEventEnd : null,
      longTaskMs: before.reduce((sum, t) => sum + t.durationMs, 0),
      longTasks: before.length,
    };
  });
}

/**
 * Waits until the list of the document now loaded shows the roster itself (its document
 * decoded and read), not the first screen kept on the device, and returns when (ms after
 * navigation start, a frame after it).
 */
export async function readWholeListMs(page: Page, timeout = 60_000): Promise<number> {
  const handle = await page.waitForFunction(
    () => (window as unknown as { __benchFirstRow?: FirstRowMarks }).__benchFirstRow?.wholeListPaintedMs ?? null,
    undefined,
    { timeout, polling: 50 },
  );
  return (await handle.jsonValue()) as number;
}
