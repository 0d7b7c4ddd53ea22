import { monitorEventLoopDelay } from "node:perf_hooks";

/**
 * A handler for server children: each call answers the event-loop delay (ms) since the
 * previous call and starts a new window. A server whose loop is late delays every socket,
 * whatever else the figures say.
 */
export function loopDelayHandler(): () => { p50Ms: number; p99Ms: number; maxMs: number } {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  return () => {
    const ms = (ns: number) => Math.round(ns / 1e4) / 100;
    const figures = { p50Ms: ms(histogram.percentile(50)), p99Ms: ms(histogram.percentile(99)), maxMs: ms(histogram.max) };
    histogram.reset();
    return figures;
  };
}
