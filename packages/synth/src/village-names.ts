import { foldName } from "@roster/rules";
import type { Random } from "./random";
import type { RegionProfile } from "./regions";

/** `n` distinct village names of a commune: named ones first (in random order), then numbered. */
export function villageNames(rng: Random, profile: RegionProfile, n: number): string[] {
  const named = [...profile.villages];
  // Fisher–Yates, so that every commune of a region does not start with the same village.
  for (let i = named.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [named[i], named[j]] = [named[j] as string, named[i] as string];
  }
  const names = named.slice(0, n);
  for (let k = 1; names.length < n; k++) {
    const numbered = profile.numberedVillage(k);
    if (!names.includes(numbered)) names.push(numbered);
  }
  return names;
}

/** A roster id from a village name: `[a-z0-9-]`, at most 64 characters ("Bản Nà Lừa" → "ban-na-lua"). */
export function villageSlug(name: string, prefix = ""): string {
  const slug = foldName(`${prefix} ${name}`)
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return slug.slice(0, 64).replace(/-+$/, "") || "village";
}
