import { availableParallelism, loadavg } from "node:os";

/** A figure of a benchmark line: numbers, flags, labels and nested groups of them. */
export type Figure = number | string | boolean | null | Figure[] | { [key: string]: Figure };

/**
 * Prints the one stdout line of a benchmark: `{"bench": "server.<name>", ...figures}`.
 * Everything else a benchmark says goes to stderr (`note`), so stdout stays parseable.
 */
export function emit(name: string, figures: Record<string, Figure>): void {
  process.stdout.write(`${JSON.stringify({ bench: `server.${name}`, ...figures })}\n`);
}

/** Progress and diagnostics, on stderr. */
export function note(message: string, fields: Record<string, Figure> = {}): void {
  const extra = Object.keys(fields).length > 0 ? ` ${JSON.stringify(fields)}` : "";
  process.stderr.write(`[bench] ${message}${extra}\n`);
}

/** Rounds for printing: figures are measurements, not exact values. */
export function round(value: number, digits = 2): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/**
 * What every line says about where it ran: the load generator and the server share these
 * cores, and other work on the machine (its 1-minute load average) skews every figure.
 */
export function machineFigures(): Record<string, Figure> {
  return { sameMachine: true, cores: availableParallelism(), loadAvg1m: round(loadavg()[0] ?? 0, 1), node: process.version };
}
