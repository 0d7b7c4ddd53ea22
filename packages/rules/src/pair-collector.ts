// Collects duplicate pairs without ever going quadratic on a large group. A group of k
// children sharing a key has k(k−1)/2 pairs; real duplicates come in twos and threes,
// while a group of hundreds is a placeholder typed for everybody ("000000000000", one
// made-up date of birth). Past a small size every member is paired with the group's
// first id only: each still gets its finding, and the output stays linear.
import type { DuplicatePair } from "./duplicates";

/** Groups up to this size get every pair; larger ones a star around their first id. */
export const MAX_FULL_GROUP = 16;

type Code = DuplicatePair["code"];

function ordered(x: string, y: string): [string, string] {
  return x < y ? [x, y] : [y, x];
}

function firstId(ids: readonly string[]): string {
  let first = ids[0] as string;
  for (const id of ids) if (id < first) first = id;
  return first;
}

/** A set of unordered pairs per code, each at most once, `a < b`. */
export class PairCollector {
  readonly #pairs = new Map<string, DuplicatePair>();
  // Pairs already shown to be one child by an identity number.
  readonly #sameIdentity = new Set<string>();
  readonly #accept: (a: string, b: string, code: Code) => boolean;

  /**
   * @param accept decides whether a pair may be reported under `code` (e.g. refuses
   * `duplicate.person` for two children with different ID numbers).
   */
  constructor(accept: (a: string, b: string, code: Code) => boolean = () => true) {
    this.#accept = accept;
  }

  add(x: string, y: string, code: Code): void {
    if (x === y) return;
    const [a, b] = ordered(x, y);
    const pairKey = `${a}\u0000${b}`;
    // Same number already says "same child", more strongly than a similar name.
    if (code === "duplicate.person" && this.#sameIdentity.has(pairKey)) return;
    const key = `${code}\u0000${pairKey}`;
    if (this.#pairs.has(key) || !this.#accept(a, b, code)) return;
    this.#pairs.set(key, { a, b, code });
    if (code !== "duplicate.person") this.#sameIdentity.add(pairKey);
  }

  /** Pairs every two members of a group sharing one key. */
  addGroup(ids: readonly string[], code: Code): void {
    if (ids.length < 2) return;
    if (ids.length <= MAX_FULL_GROUP) {
      for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) this.add(ids[i]!, ids[j]!, code);
      return;
    }
    const hub = firstId(ids);
    for (const id of ids) this.add(hub, id, code);
  }

  /** Pairs each member of `xs` with each member of `ys` (two groups that match each other). */
  addBetween(xs: readonly string[], ys: readonly string[], code: Code): void {
    if (xs.length === 0 || ys.length === 0) return;
    if (xs.length * ys.length <= MAX_FULL_GROUP * MAX_FULL_GROUP) {
      for (const x of xs) for (const y of ys) this.add(x, y, code);
      return;
    }
    const hubX = firstId(xs);
    const hubY = firstId(ys);
    for (const y of ys) this.add(hubX, y, code);
    for (const x of xs) this.add(x, hubY, code);
  }

  /** The pairs ordered by `a`, then `b`, then code. */
  sorted(): DuplicatePair[] {
    return [...this.#pairs.values()].sort(
      (p, q) => compare(p.a, q.a) || compare(p.b, q.b) || compare(p.code, q.code),
    );
  }
}

function compare(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}
