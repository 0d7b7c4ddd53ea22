import type { LoginAttemptLimits } from "./store";

/** The attempt times still in the window ending at `at` (both stores keep the same rule). */
export function inWindow(times: readonly number[], at: number, windowMs: number): number[] {
  return times.filter((t) => t > at - windowMs);
}

/** Refuses limits that would make the counters meaningless, before anything is read or written. */
export function assertLimits(limits: LoginAttemptLimits): void {
  for (const name of ["at", "windowMs", "max", "maxKeys"] as const) {
    const value = limits[name];
    if (!Number.isSafeInteger(value) || value < (name === "at" ? 0 : 1)) throw new RangeError(`${name} must be a positive integer, got ${value}`);
  }
}

/** What one attempt does to a key's times: counted (and appended) unless the window is full. */
export function nextAttempt(stored: readonly number[], limits: LoginAttemptLimits): { counted: boolean; times: number[] } {
  const kept = inWindow(stored, limits.at, limits.windowMs);
  if (kept.length >= limits.max) return { counted: false, times: kept };
  return { counted: true, times: [...kept, limits.at] };
}
