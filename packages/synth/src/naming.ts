import type { Gender } from "@roster/schema";
import type { Random } from "./random";

/** How one ethnic group builds a person's full name. */
export interface NamingStyle {
  /** Draws a family (or clan) name for a new adult. */
  familyName(rng: Random, gender: Gender): string;
  /** Builds a full name in NFC from the family name the person carries. */
  fullName(rng: Random, gender: Gender, family: string): string;
  /** Children take the mother's clan name (Ê-đê, Gia-rai) instead of the father's. */
  readonly matrilineal: boolean;
}

/** Splits a space-separated word list written once in the source into an array. */
export function words(list: string): readonly string[] {
  return list.trim().split(/\s+/);
}

/** Picks a two-tier name: common ones `commonWeight` times as often as the rest. */
export function tiered(
  common: readonly string[],
  rare: readonly string[],
  commonWeight = 3,
): readonly (readonly [string, number])[] {
  return [...common.map((n) => [n, commonWeight] as const), ...rare.map((n) => [n, 1] as const)];
}
