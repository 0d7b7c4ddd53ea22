import type { Random } from "./random";

const ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

/** An opaque 16-character record id (about 82 random bits, like a short nanoid). */
export function makeRecordId(rng: Random): string {
  let id = "";
  for (let i = 0; i < 16; i++) id += ALPHABET[rng.int(0, ALPHABET.length - 1)];
  return id;
}
