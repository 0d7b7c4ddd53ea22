import { PerformanceObserver, monitorEventLoopDelay } from "node:perf_hooks";

export interface LoopFigures {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Garbage-collection pauses of the main thread in the window: sum and longest. */
  gcMs: number;
  gcMaxMs: number;
}

/**
 * A handler for server children: each call answers the event-loop delay (ms) and the GC
 * pauses since the previous call and starts a new window. A server whose loop is late
 * delays every socket, whatever else the figures say.
 */
export function loopDelayHandler(): () => LoopFigures {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  let gcMs = 0;
  let gcMaxMs = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gcMs += entry.duration;
      gcMaxMs = Math.max(gcMaxMs, entry.duration);
    }
  }).observe({ entryTypes: ["gc"] });
  const ms = (value: number) => Math.round(value * 100) / 100;
  return () => {
    const figures = {
      p50Ms: ms(histogram.percentile(50) / 1e6),
      p99Ms: ms(histogram.percentile(99) / 1e6),
      maxMs: ms(histogram.max / 1e6),
      gcMs: ms(gcMs),
      gcMaxMs: ms(gcMaxMs),
    };
    histogram.reset();
    gcMs = 0;
    gcMaxMs = 0;
    return figures;
  };
}
