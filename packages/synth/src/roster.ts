import { isIsoDate } from "@roster/rules";
import { BASE_PROBLEM_SHARES, sharesForRate, type ProblemShares } from "./problems";
import { createRandom, type Random } from "./random";
import { REGION_PROFILES, regionOfVillage, type RegionProfile } from "./regions";
import { schoolsByLevel } from "./schools";
import { generateVillage, type GeneratedRoster, type PlantedRoster } from "./village";
import { createVillageContext, provinceByCode, type UsedNumbers } from "./village-context";

/** The day rosters are generated for unless told: the eve of the June 2026 intake sessions. */
export const DEFAULT_AS_OF = "2026-06-01";
export const DEFAULT_VILLAGE = "Thôn Đông";

export interface RosterOptions {
  /** Any safe integer; the same seed gives the same roster everywhere. */
  seed: number;
  /** How many child records (planted duplicates included). */
  children: number;
  /** `YYYY-MM-DD`; ages and dates are drawn relative to it. Default `DEFAULT_AS_OF`. */
  asOf?: string;
  /** Village name; its first word sets the region ("Bản …" mountain, "Ấp …" south, …). */
  village?: string;
  /** School names; levels are read from the names (Tiểu học / THCS). Default: the region's. */
  schools?: string[];
  /** Expected share of records with at least one planted problem, 0..1; default
   * `DEFAULT_PROBLEM_RATE` (the realistic mix of `BASE_PROBLEM_SHARES`). */
  problemRate?: number;
}

/** Checks options shared by rosters and communes. @throws RangeError */
export function checkCommonOptions(asOf: string, problemRate: number | undefined): ProblemShares {
  if (!isIsoDate(asOf)) throw new RangeError(`asOf must be a YYYY-MM-DD date, got ${JSON.stringify(asOf)}`);
  return problemRate === undefined ? BASE_PROBLEM_SHARES : sharesForRate(problemRate);
}

/** Checks a number of children. @throws RangeError */
export function checkCount(count: number, what: string): void {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`${what} must be a non-negative integer, got ${count}`);
}

/** Picks the schools of a commune of `profile`: two primary schools and one lower secondary. */
export function regionSchools(rng: Random, profile: RegionProfile): { primary: string[]; secondary: string[] } {
  const primary = [rng.pick(profile.primarySchools)];
  const other = rng.pick(profile.primarySchools);
  if (!primary.includes(other)) primary.push(other);
  return { primary, secondary: [rng.pick(profile.secondarySchools)] };
}

/**
 * Generates one village roster and records what was planted in each child (for tests and
 * for measuring the rules). Deterministic: the same options give a deep-equal result.
 * @throws RangeError for a bad seed, count, date or problem rate.
 */
export function generatePlantedRoster(options: RosterOptions): PlantedRoster {
  const asOf = options.asOf ?? DEFAULT_AS_OF;
  const shares = checkCommonOptions(asOf, options.problemRate);
  checkCount(options.children, "children");
  const rng = createRandom(options.seed);
  const villageName = options.village ?? DEFAULT_VILLAGE;
  const profile = REGION_PROFILES[regionOfVillage(villageName)];
  const province = provinceByCode(rng.pick(profile.provinces));
  const schools = options.schools ? schoolsByLevel(options.schools) : regionSchools(rng, profile);
  const used: UsedNumbers = { pids: new Set(), bhyt: new Set() };
  const ctx = createVillageContext({
    rng: rng.fork(1),
    asOf,
    villageName,
    profile,
    province,
    primarySchools: schools.primary,
    secondarySchools: schools.secondary,
    shares,
    used,
  });
  return generateVillage(ctx, options.children);
}

/**
 * Generates a realistic synthetic village roster: `children` child records with their
 * guardians (siblings share their parents' records), Vietnamese names with correct
 * diacritics, valid personal ID and health-insurance numbers, and problems planted at
 * realistic shares (see the README). Pure and deterministic in Node and browsers.
 * @throws RangeError for a bad seed, count, date or problem rate.
 */
export function generateRoster(options: RosterOptions): GeneratedRoster {
  const { children, guardians } = generatePlantedRoster(options);
  return { children, guardians };
}
