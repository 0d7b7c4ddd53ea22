// The rules benchmark at the scale DOMAIN.md sets: Ho Chi Minh City's 140,175 children with
// a birth registration and no residence registration, as one list. It lives here, not in
// packages/rules, because it needs the generator and rules must not depend on synth.
// Prints one JSON line per benchmark to stdout (progress goes to stderr), with the load
// average over the last minute at its end (the machine is shared, so figures are noisy);
// a missed target is reported as `"ok": false`, never as a failed run. `pnpm run bench`
// runs it compiled by esbuild under plain node, `pnpm run bench:tsx` under tsx.
import { loadavg } from "node:os";
import { evaluate, evaluateRoster, findDuplicates, fingerprint } from "@roster/rules";
import type { Child, Guardian } from "@roster/schema";
import { generateRoster } from "../src/index";

const CHILDREN = 140_175;
const AS_OF = "2026-06-01";
const EVALUATE_ROUNDS = 7;
const OTHER_ROUNDS = 3;
const TARGET_CHILDREN_PER_SECOND = 200_000;
const TARGET_DUPLICATES_MS = 1_500;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Runs `work` `rounds` times and returns the median wall time in ms and the last result. */
function timed<T>(rounds: number, work: () => T): { ms: number; result: T } {
  const times: number[] = [];
  let result!: T;
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    result = work();
    times.push(performance.now() - start);
  }
  return { ms: median(times), result };
}

function evaluateAll(children: readonly Child[], guardians: Record<string, Guardian>): number {
  let findings = 0;
  for (const child of children) findings += evaluate(child, { guardians, asOf: AS_OF }).findings.length;
  return findings;
}

function fingerprintAll(children: readonly Child[], guardians: Record<string, Guardian>): number {
  let hexDigits = 0;
  for (const child of children) hexDigits += fingerprint(child, guardians).length;
  return hexDigits;
}

const log = (message: string) => process.stderr.write(`${message}\n`);
const print = (line: object) =>
  process.stdout.write(`${JSON.stringify({ ...line, loadAverage: Number((loadavg()[0] ?? 0).toFixed(2)) })}\n`);

const generationStart = performance.now();
const roster = generateRoster({ seed: 20_260_601, children: CHILDREN, asOf: AS_OF, village: "Tổ dân phố số 1" });
const guardians: Record<string, Guardian> = Object.fromEntries(roster.guardians.map((g) => [g.id, g]));
log(`generated ${roster.children.length} children, ${roster.guardians.length} guardians in ${Math.round(performance.now() - generationStart)} ms`);

// Warm-up: let the JIT compile the hot paths before anything is timed.
const warm = roster.children.slice(0, 20_000);
for (let i = 0; i < 3; i++) evaluateAll(warm, guardians);
findDuplicates(warm, guardians);
evaluateRoster(warm, guardians, { asOf: AS_OF });
fingerprintAll(warm, guardians);

const evaluation = timed(EVALUATE_ROUNDS, () => evaluateAll(roster.children, guardians));
const childrenPerSecond = Math.round(CHILDREN / (evaluation.ms / 1000));
log(`evaluate: median ${evaluation.ms.toFixed(0)} ms over ${EVALUATE_ROUNDS} rounds, ${evaluation.result} findings`);
print({
  bench: "rules.evaluate",
  children: CHILDREN,
  childrenPerSecond,
  targetChildrenPerSecond: TARGET_CHILDREN_PER_SECOND,
  ok: childrenPerSecond >= TARGET_CHILDREN_PER_SECOND,
});

const duplicates = timed(OTHER_ROUNDS, () => findDuplicates(roster.children, guardians));
const duplicatesMs = Math.round(duplicates.ms);
print({
  bench: "rules.findDuplicates",
  children: CHILDREN,
  ms: duplicatesMs,
  pairs: duplicates.result.length,
  targetMs: TARGET_DUPLICATES_MS,
  ok: duplicatesMs <= TARGET_DUPLICATES_MS,
});

const whole = timed(OTHER_ROUNDS, () => evaluateRoster(roster.children, guardians, { asOf: AS_OF }));
print({
  bench: "rules.evaluateRoster",
  children: CHILDREN,
  childrenPerSecond: Math.round(CHILDREN / (whole.ms / 1000)),
  ms: Math.round(whole.ms),
  evaluated: whole.result.size,
});

const fingerprints = timed(OTHER_ROUNDS, () => fingerprintAll(roster.children, guardians));
print({
  bench: "rules.fingerprint",
  children: CHILDREN,
  perSecond: Math.round(CHILDREN / (fingerprints.ms / 1000)),
  ms: Math.round(fingerprints.ms),
});
