import type { Gender, Guardian, Representative, VneidLevel } from "@roster/schema";
import { addDays, dateBetween, daysBetween, yearsBefore } from "./calendar";
import type { NamingStyle } from "./naming";
import { makePhone } from "./phone-number";
import { makePid } from "./pid-number";
import { weighted, type Random } from "./random";
import { makeRecordId } from "./record-id";
import { birthProvince, type VillageContext } from "./village-context";

/** A child of a household before its record is built. */
export interface ChildSeed {
  readonly dob: string;
  readonly gender: Gender;
  readonly fullName: string;
}

/** One family of the village: its guardians and what its children share. */
export interface Household {
  readonly ethnicity: string;
  readonly address: string;
  readonly residenceType: "permanent" | "temporary";
  readonly primarySchool: string;
  readonly secondarySchool: string;
  readonly father: Guardian | null;
  readonly mother: Guardian | null;
  readonly grandparent: Guardian | null;
  readonly grandparentRelation: string | null;
  readonly representative: Representative;
  /** The representative lacks a level-2 VNeID account (planted, a warning). */
  readonly representativeNoLevel2: boolean;
  /** The mother's date of birth makes her 17 (planted, an error). */
  readonly motherUnderage: boolean;
  readonly children: readonly ChildSeed[];
}

// About 30% of children have a brother or sister in the same roster.
const FAMILY_SIZE = weighted<number>([[1, 80], [2, 16], [3, 4]]);
// Ages 6–13 are the campaign; a few 5- and 14-year-olds sit at its edges.
const AGE = weighted<number>([[5, 3], [6, 12], [7, 12], [8, 12], [9, 12], [10, 12], [11, 12], [12, 11], [13, 11], [14, 3]]);
const STRUCTURE = weighted<"both" | "mother" | "father" | "grandparent">([
  ["both", 88], ["mother", 7], ["father", 2], ["grandparent", 3],
]);
const GRANDPARENT = weighted<readonly [string, Gender]>([
  [["Bà nội", "female"], 35], [["Bà ngoại", "female"], 30], [["Ông nội", "male"], 20], [["Ông ngoại", "male"], 15],
]);
const OTHER_VNEID = weighted<VneidLevel>([["level2", 60], ["level1", 20], ["none", 20]]);

function childDobs(rng: Random, asOf: string, size: number): string[] {
  const age = AGE(rng);
  const youngestAllowed = yearsBefore(asOf, 5);
  const dobs = [dateBetween(rng, addDays(yearsBefore(asOf, age + 1), 1), yearsBefore(asOf, age))];
  for (let i = 1; i < size; i++) {
    // Brothers and sisters are born 14 months to 5 years apart.
    const next = addDays(dobs[i - 1] as string, rng.int(425, 1825));
    if (next > youngestAllowed) break;
    dobs.push(next);
  }
  return dobs;
}

function distinctName(rng: Random, style: NamingStyle, gender: Gender, family: string, taken: string[]): string {
  let name = style.fullName(rng, gender, family);
  for (let tries = 0; taken.includes(name) && tries < 20; tries++) name = style.fullName(rng, gender, family);
  taken.push(name);
  return name;
}

function address(ctx: VillageContext): string {
  const { rng, profile, villageName } = ctx;
  if (profile.streets.length > 0) return `Số ${rng.int(1, 250)} ${rng.pick(profile.streets)}, ${villageName}`;
  return rng.chance(0.5) ? villageName : `Số ${rng.int(1, 120)}, ${villageName}`;
}

interface AdultSpec {
  readonly fullName: string;
  readonly dob: string;
  readonly gender: Gender;
  readonly vneid: VneidLevel;
  readonly address: string;
}

function makeGuardian(ctx: VillageContext, spec: AdultSpec): Guardian {
  const { rng } = ctx;
  return {
    id: makeRecordId(rng),
    fullName: spec.fullName,
    dob: spec.dob,
    gender: spec.gender,
    pid: makePid(rng, ctx.used.pids, { province: birthProvince(ctx, 0.85), dob: spec.dob, gender: spec.gender }),
    phone: rng.chance(0.95) ? makePhone(rng) : null,
    vneid: spec.vneid,
    address: spec.address,
  };
}

/** A date of birth `years` (plus up to 364 days) before `dob`. */
function olderBy(rng: Random, dob: string, years: number): string {
  return addDays(yearsBefore(dob, years), -rng.int(0, 364));
}

/**
 * Draws one household with up to `maxChildren` children (1–3, siblings 14 months to 5
 * years apart), its parents 22–50 years older than each child, sometimes a grandparent
 * as legal guardian, and the household-level planted problems.
 */
export function drawHousehold(ctx: VillageContext, maxChildren: number): Household {
  const { rng, asOf, shares } = ctx;
  const dobs = childDobs(rng, asOf, Math.min(FAMILY_SIZE(rng), maxChildren));
  const eldest = dobs[0] as string;
  const spreadYears = Math.ceil((daysBetween(eldest, dobs.at(-1) as string) ?? 0) / 365);
  const ethnicity = ctx.drawEthnicity(rng);
  const style = ctx.namingFor(ethnicity);
  const home = address(ctx);
  const structure = STRUCTURE(rng);

  const representative: Representative =
    structure === "grandparent" ? "guardian" : structure === "both" ? (rng.chance(0.55) ? "mother" : "father") : structure;
  const representativeNoLevel2 = rng.chance(shares["representative.no_level2"]);
  const vneidOf = (role: Representative): VneidLevel =>
    role !== representative ? OTHER_VNEID(rng) : representativeNoLevel2 ? (rng.chance(0.4) ? "level1" : "none") : "level2";

  // Parents are 22–50 years older than every child: the gap to the eldest leaves room
  // for the spread of the younger ones.
  const maxGap = 49 - spreadYears;
  const motherGap = Math.min(maxGap, 22 + rng.int(0, 8) + (rng.chance(0.3) ? rng.int(0, 10) : 0));
  const fatherGap = Math.max(22, Math.min(maxGap, motherGap + rng.int(-1, 8)));
  const hasFather = structure === "both" || structure === "father" || (structure === "grandparent" && rng.chance(0.7));
  const hasMother = structure !== "father" && (structure !== "grandparent" || hasFather);
  const motherUnderage = hasMother && rng.chance(shares["mother.underage"]);

  const fatherFamily = style.familyName(rng, "male");
  let motherFamily = style.familyName(rng, "female");
  // Clans of the matrilineal highland groups marry out.
  while (style.matrilineal && motherFamily === fatherFamily) motherFamily = style.familyName(rng, "female");

  const father = hasFather
    ? makeGuardian(ctx, {
        fullName: style.fullName(rng, "male", fatherFamily),
        dob: olderBy(rng, eldest, fatherGap),
        gender: "male",
        vneid: vneidOf("father"),
        address: home,
      })
    : null;
  const mother = hasMother
    ? makeGuardian(ctx, {
        fullName: style.fullName(rng, "female", motherFamily),
        // A planted slip: a mother aged 17 at asOf, which no mother of a 5-year-old can be.
        dob: motherUnderage ? addDays(yearsBefore(asOf, 18), rng.int(1, 364)) : olderBy(rng, eldest, motherGap),
        gender: "female",
        vneid: vneidOf("mother"),
        address: home,
      })
    : null;

  let grandparent: Guardian | null = null;
  let grandparentRelation: string | null = null;
  if (structure === "grandparent") {
    const [relation, gender] = GRANDPARENT(rng);
    const paternal = relation.endsWith("nội");
    const family = gender === "male" ? (paternal ? fatherFamily : motherFamily) : style.familyName(rng, gender);
    grandparentRelation = relation;
    grandparent = makeGuardian(ctx, {
      fullName: style.fullName(rng, gender, family),
      dob: olderBy(rng, eldest, Math.min(72, 45 + rng.int(0, 20))),
      gender,
      vneid: vneidOf("guardian"),
      address: home,
    });
  }

  const childFamily = style.matrilineal || !father ? motherFamily : fatherFamily;
  const taken: string[] = [];
  const children = dobs.map((dob): ChildSeed => {
    const gender: Gender = rng.chance(0.515) ? "male" : "female";
    return { dob, gender, fullName: distinctName(rng, style, gender, childFamily, taken) };
  });

  return {
    ethnicity,
    address: home,
    residenceType: rng.chance(ctx.profile.temporaryShare) ? "temporary" : "permanent",
    primarySchool: rng.pick(ctx.primarySchools),
    secondarySchool: rng.pick(ctx.secondarySchools),
    father,
    mother,
    grandparent,
    grandparentRelation,
    representative,
    representativeNoLevel2,
    motherUnderage,
    children,
  };
}
