import type { Random } from "./random";

// Mobile prefixes in use since the 2018 renumbering: 09x and 03x (Viettel 096-098 and
// 032-039, VinaPhone 091/094, MobiFone 090/093).
const PREFIXES = ["090", "091", "093", "094", "096", "097", "098", "032", "033", "034", "035", "036", "037", "038", "039"];

/** A 10-digit Vietnamese mobile number such as 0912345678. */
export function makePhone(rng: Random): string {
  return rng.pick(PREFIXES) + rng.digits(7);
}
