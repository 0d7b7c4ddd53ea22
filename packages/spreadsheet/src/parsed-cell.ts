import type { LocalizedText } from "@roster/schema";

/**
 * What a cell parser says of a value: `problem` — it cannot be taken without guessing,
 * `value` is null; `warning` — taken as typed but doubtful; `info` — repaired with
 * certainty (a lost leading zero put back).
 */
export interface CellIssue {
  kind: "problem" | "warning" | "info";
  message: LocalizedText;
}

/** A parsed cell: the value to store (null for none) and what was noticed. */
export interface ParsedCell<T> {
  value: T | null;
  issue?: CellIssue;
}

export const EMPTY_CELL: ParsedCell<never> = Object.freeze({ value: null });

export function problem(message: LocalizedText): ParsedCell<never> {
  return { value: null, issue: { kind: "problem", message } };
}

export function withIssue<T>(value: T, kind: "warning" | "info", message: LocalizedText): ParsedCell<T> {
  return { value, issue: { kind, message } };
}

// Excel shows a long number as 1.21501E+11 (1,21501E+11 with Vietnamese settings) and
// saves exactly that text in a CSV: the digits after the sixth are gone.
export const SCIENTIFIC_NOTATION = /^\d+(?:[.,]\d+)?e[+-]?\d+$/i;
