import { vi } from "vitest";

/** Retries `check` (which throws until it holds) for up to 5 s: for convergence, not speed. */
export function eventually<T>(check: () => T | Promise<T>, timeoutMs = 5_000): Promise<T> {
  return vi.waitFor(check, { timeout: timeoutMs, interval: 10 });
}

/**
 * Polls `holds` every few milliseconds until it is true or `deadlineMs` passed since the
 * call. Returns whether it held in time, so the caller asserts the deadline contract.
 */
export async function heldWithin(holds: () => boolean, deadlineMs: number): Promise<boolean> {
  const until = performance.now() + deadlineMs;
  for (;;) {
    if (holds()) return true;
    if (performance.now() > until) return false;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
