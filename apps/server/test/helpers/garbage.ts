/** Deterministic pseudo-random numbers (mulberry32): a failing run replays with its seed. */
export function randomSource(seed: number): () => number {
  let s = seed | 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random bytes of random length (1..maxLength), optionally after a fixed prefix. */
export function garbageBytes(next: () => number, maxLength: number, prefix: readonly number[] = []): Uint8Array {
  const length = 1 + Math.floor(next() * maxLength);
  return Uint8Array.from([...prefix, ...Array.from({ length }, () => Math.floor(next() * 256))]);
}

/** Random printable-ish text, including Vietnamese letters and JSON-looking noise. */
export function garbageText(next: () => number, maxLength: number): string {
  const alphabet = 'abcđêôơưăâ{}[]":,0123456789 ĐƯỜNG\u0000\uFFFD';
  const length = 1 + Math.floor(next() * maxLength);
  return Array.from({ length }, () => alphabet[Math.floor(next() * alphabet.length)]).join("");
}
