import { ageAt } from "@roster/rules";
import type { Child, IdCardState, VneidLevel } from "@roster/schema";
import { makeBhyt } from "./bhyt-number";
import { addDays, daysBetween, yearOf } from "./calendar";
import type { ChildSeed, Household } from "./household";
import { makePid } from "./pid-number";
import { weighted, type Random } from "./random";
import { makeRecordId } from "./record-id";
import { birthProvince, type VillageContext } from "./village-context";

// Birth registration: the law allows 60 days; most families come within a month.
const REGISTRATION_DELAY = weighted<readonly [number, number]>([[[1, 14], 45], [[15, 30], 35], [[31, 60], 20]]);
const ID_CARD = weighted<IdCardState>([["none", 55], ["applied", 25], ["issued", 20]]);
const CLASS_LETTER = weighted<string>([["A", 40], ["B", 35], ["C", 25]]);

/** The grade a child born in `birthYear` is in on `asOf` (school years start in September). */
export function gradeFor(birthYear: number, asOf: string): number {
  const schoolYearStart = Number(asOf.slice(5, 7)) >= 9 ? yearOf(asOf) : yearOf(asOf) - 1;
  return schoolYearStart - birthYear - 5;
}

function school(rng: Random, household: Household, birthYear: number, asOf: string): [string | null, string | null] {
  const grade = gradeFor(birthYear, asOf);
  if (grade < 1 || grade > 9) return [null, null];
  return [grade <= 5 ? household.primarySchool : household.secondarySchool, `${grade}${CLASS_LETTER(rng)}`];
}

/** ID card, VNeID and health book, in the proportions of a campaign under way. */
function campaignState(rng: Random, age: number, asOf: string) {
  const inCampaign = age >= 6 && age < 14;
  const idCard: IdCardState = age < 6 ? "none" : age >= 14 ? (rng.chance(0.4) ? "issued" : "applied") : ID_CARD(rng);
  // A child's level-2 account needs the chip card; without it only a level-1 account
  // attached to a parent's is possible.
  const vneid: VneidLevel =
    idCard === "issued"
      ? rng.chance(0.55) ? "level2" : rng.chance(0.33) ? "level1" : "none"
      : rng.chance(0.2) ? "level1" : "none";
  const healthBook = vneid === "level2" ? rng.chance(0.6) : vneid === "level1" ? rng.chance(0.25) : false;
  const appointment = inCampaign && idCard === "none" && rng.chance(0.25) ? addDays(asOf, rng.int(7, 29)) : null;
  return { idCard, vneid, healthBook, appointment };
}

/**
 * The record of one child as a careful agency would enter it: every field valid and
 * consistent (the personal ID number agrees with the date of birth and gender, residence
 * registered 5–50 days after birth registration, grade by age). Problems are planted later.
 */
export function buildChild(ctx: VillageContext, household: Household, seed: ChildSeed): Child {
  const { rng, asOf } = ctx;
  const birthYear = yearOf(seed.dob);
  const age = ageAt(seed.dob, asOf) ?? 0;
  const [from, to] = REGISTRATION_DELAY(rng);
  const birthRegisteredOn = addDays(seed.dob, rng.int(from, to));
  const residenceRegisteredOn = addDays(birthRegisteredOn, rng.int(5, 50));
  const [schoolName, grade] = school(rng, household, birthYear, asOf);
  const pid = makePid(rng, ctx.used.pids, { province: birthProvince(ctx, 0.92), dob: seed.dob, gender: seed.gender });
  const bhyt = rng.chance(0.93)
    ? makeBhyt(rng, ctx.used.bhyt, { issuer: ctx.province.code.slice(1), age, long: rng.chance(age < 6 ? 0.4 : 0.2) })
    : null;
  const { grandparent, father, mother } = household;

  return {
    id: makeRecordId(rng),
    fullName: seed.fullName,
    dob: seed.dob,
    gender: seed.gender,
    ethnicity: household.ethnicity,
    pid,
    birthRegisteredOn,
    residenceType: household.residenceType,
    residenceRegisteredOn: (daysBetween(residenceRegisteredOn, asOf) ?? 0) >= 0 ? residenceRegisteredOn : asOf,
    address: household.address,
    village: ctx.villageName,
    school: schoolName,
    grade,
    bhyt,
    fatherId: father?.id ?? null,
    motherId: mother?.id ?? null,
    guardianId: grandparent?.id ?? null,
    guardianRelation: household.grandparentRelation,
    representative: household.representative,
    ...campaignState(rng, age, asOf),
    note: null,
    removed: false,
    removedReason: null,
  };
}
