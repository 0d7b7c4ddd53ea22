import { createHash, randomInt } from "node:crypto";

/** 24 h, as DESIGN says: long enough to reach the person, short enough to be worthless when lost. */
export const CODE_LIFETIME_MS = 24 * 3600 * 1000;

// No 0/O, 1/I/L: a code is read off a screen or paper and typed on a phone.
const ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

/** A fresh one-time code, `XXXX-XXXX-XXXX-XXXX` (16 symbols of 31: ≈ 79 bits). */
export function newPasswordCode(): string {
  const symbols = Array.from({ length: 16 }, () => ALPHABET[randomInt(ALPHABET.length)]);
  return [0, 4, 8, 12].map((i) => symbols.slice(i, i + 4).join("")).join("-");
}

/** What the store keeps of a code: its SHA-256, so a copy of the database holds no usable code. */
export function hashPasswordCode(code: string): string {
  return createHash("sha256").update(code.trim().toUpperCase()).digest("hex");
}
