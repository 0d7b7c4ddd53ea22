// A small seeded PRNG (sfc32, seeded through splitmix32) so that one seed gives the same
// roster in Node, in a browser and in a worker. Math.random cannot be seeded, and a
// library would be more code than these few lines. All state lives in the closure of
// one generator: there is no module-level state.

/** A deterministic source of random choices. */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** True with probability `p` (p ≤ 0 never, p ≥ 1 always). */
  chance(p: number): boolean;
  /** One element of a non-empty list, uniformly. */
  pick<T>(items: readonly T[]): T;
  /** `n` decimal digits, leading zeros allowed. */
  digits(n: number): string;
  /** An independent generator seeded from this one's next draw and `label`: reproducible
   * whenever this generator is, and unrelated to the streams of other labels. */
  fork(label: number): Random;
}

// splitmix32: spreads nearby seeds (1, 2, 3 …) into unrelated states.
function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
    z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
    return (z ^ (z >>> 15)) >>> 0;
  };
}

/**
 * Creates a generator from an integer seed (any safe integer; both 32-bit halves count).
 * @throws RangeError when `seed` is not a safe integer.
 */
export function createRandom(seed: number): Random {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer, got ${seed}`);
  const high = Math.floor(seed / 2 ** 32) >>> 0;
  const mix = splitmix32((seed >>> 0) ^ Math.imul(high, 0x85ebca6b));
  return fromState(mix(), mix(), mix(), mix());
}

function fromState(a0: number, b0: number, c0: number, d0: number): Random {
  let a = a0;
  let b = b0;
  let c = c0;
  let d = d0;
  const nextUint32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  // sfc32 wants a few rounds before its output is well mixed.
  for (let i = 0; i < 12; i++) nextUint32();

  const next = () => nextUint32() / 2 ** 32;
  const int = (min: number, max: number) => {
    if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) {
      throw new RangeError(`int(${min}, ${max}): need integers with min ≤ max`);
    }
    return min + Math.floor(next() * (max - min + 1));
  };
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new RangeError("pick from an empty list");
      return items[int(0, items.length - 1)] as T;
    },
    digits: (n) => {
      // Up to 9 digits fit one 32-bit draw; longer strings take several.
      let out = "";
      for (let left = n; left > 0; left -= 9) {
        const width = Math.min(9, left);
        out += String(int(0, 10 ** width - 1)).padStart(width, "0");
      }
      return out;
    },
    fork: (label) => {
      const mix = splitmix32(nextUint32() ^ Math.imul(label | 0, 0x9e3779b1));
      return fromState(mix(), mix(), mix(), mix());
    },
  };
}

/**
 * Builds a picker that draws items with the given relative weights (weights need not sum
 * to 1). The cumulative table is computed once, so drawing 10^5 names stays cheap.
 * @throws RangeError when no weight is positive.
 */
export function weighted<T>(entries: readonly (readonly [T, number])[]): (rng: Random) => T {
  const items: T[] = [];
  const cumulative: number[] = [];
  let total = 0;
  for (const [item, weight] of entries) {
    if (weight <= 0) continue;
    total += weight;
    items.push(item);
    cumulative.push(total);
  }
  if (items.length === 0) throw new RangeError("weighted: no positive weight");
  return (rng) => {
    const x = rng.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cumulative[mid] as number) > x) hi = mid;
      else lo = mid + 1;
    }
    return items[lo] as T;
  };
}
