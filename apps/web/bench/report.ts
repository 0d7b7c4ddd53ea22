import { availableParallelism, loadavg } from "node:os";

/** A figure of a benchmark line: numbers, flags, labels and nested groups of them. */
export type Figure = number | string | boolean | null | Figure[] | { [key: string]: Figure };

/**
 * Prints the one stdout line of a benchmark: `{"bench": "web.<name>", ...figures}`.
 * Everything else goes to stderr (`note`), so stdout stays parseable.
 */
export function emit(name: string, figures: Record<string, Figure>): void {
  process.stdout.write(`${JSON.stringify({ bench: `web.${name}`, ...figures })}\n`);
}

/** Progress and diagnostics, on stderr. */
export function note(message: string, fields: Record<string, Figure> = {}): void {
  const extra = Object.keys(fields).length > 0 ? ` ${JSON.stringify(fields)}` : "";
  process.stderr.write(`[bench web] ${message}${extra}\n`);
}

/** Rounds for printing: figures are measurements, not exact values. */
export function round(value: number, digits = 1): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/** Where the figures come from: browser, server and bench share these cores with others. */
export function machineFigures(): Record<string, Figure> {
  return { cores: availableParallelism(), loadAvg1m: round(loadavg()[0] ?? 0, 1) };
}
