import type { Child, Guardian } from "@roster/schema";
import { createRandom, weighted } from "./random";
import { REGION_PROFILES, type Region } from "./regions";
import { checkCommonOptions, checkCount, DEFAULT_AS_OF, regionSchools } from "./roster";
import { generateVillage } from "./village";
import { createVillageContext, provinceByCode, type UsedNumbers } from "./village-context";
import { villageNames, villageSlug } from "./village-names";

export interface CommuneOptions {
  seed: number;
  /** How many village rosters. */
  villages: number;
  /** Children per village: a number, or `[min, max]` drawn per village. */
  childrenPerVillage: number | [number, number];
  /** `YYYY-MM-DD`, default `DEFAULT_AS_OF`. */
  asOf?: string;
  /** The kind of commune; drawn from the seed when absent. */
  region?: Region;
  /** As in `RosterOptions`. */
  problemRate?: number;
  /** Put before every village id ("xa-tan-hoa" → "xa-tan-hoa-thon-dong"), to keep ids
   * unique across communes of one deployment. */
  idPrefix?: string;
}

export interface GeneratedVillage {
  /** A roster id: `[a-z0-9-]{1,64}`, unique within the commune. */
  id: string;
  name: string;
  children: Child[];
  guardians: Guardian[];
}

export interface GeneratedCommune {
  villages: GeneratedVillage[];
}

// Most communes are rural lowland ones.
const REGION = weighted<Region>([
  ["north", 30], ["central", 20], ["south", 25], ["mountain", 10], ["highlands", 5], ["urban", 10],
]);

/**
 * Generates a commune: `villages` rosters of one province and one kind of place ("Thôn",
 * "Xóm", "Bản", "Ấp", "Tổ dân phố số …"), sharing two primary schools and one lower
 * secondary school. Personal ID and health-insurance numbers are unique across the whole
 * commune. Deterministic for a seed.
 * @throws RangeError for a bad seed, count, range, date or problem rate.
 */
export function generateCommune(options: CommuneOptions): GeneratedCommune {
  const asOf = options.asOf ?? DEFAULT_AS_OF;
  const shares = checkCommonOptions(asOf, options.problemRate);
  checkCount(options.villages, "villages");
  const [min, max] =
    typeof options.childrenPerVillage === "number"
      ? [options.childrenPerVillage, options.childrenPerVillage]
      : options.childrenPerVillage;
  checkCount(min, "childrenPerVillage");
  checkCount(max, "childrenPerVillage");
  if (max < min) throw new RangeError(`childrenPerVillage: [${min}, ${max}] is an empty range`);

  const rng = createRandom(options.seed);
  const profile = REGION_PROFILES[options.region ?? REGION(rng)];
  const province = provinceByCode(rng.pick(profile.provinces));
  const schools = regionSchools(rng, profile);
  const names = villageNames(rng, profile, options.villages);
  const used: UsedNumbers = { pids: new Set(), bhyt: new Set() };

  const villages = names.map((name, index): GeneratedVillage => {
    const villageRng = rng.fork(index);
    const ctx = createVillageContext({
      rng: villageRng,
      asOf,
      villageName: name,
      profile,
      province,
      primarySchools: schools.primary,
      secondarySchools: schools.secondary,
      shares,
      used,
    });
    const { children, guardians } = generateVillage(ctx, villageRng.int(min, max));
    return { id: villageSlug(name, options.idPrefix), name, children, guardians };
  });
  return { villages };
}
