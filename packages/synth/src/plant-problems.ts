import type { Child, Gender } from "@roster/schema";
import { addDays, daysBetween } from "./calendar";
import type { Household } from "./household";
import { LEGACY_NAMES } from "./legacy-names";
import { makePid } from "./pid-number";
import type { ProblemKind, ProblemShares } from "./problems";
import type { Random } from "./random";
import type { VillageContext } from "./village-context";

/** A child record and the problems planted in it. */
export interface PlantedChild {
  readonly child: Child;
  readonly problems: readonly ProblemKind[];
}

/** Draws at most one kind of a group: each with its share, none with what is left. */
function oneOf(rng: Random, shares: ProblemShares, kinds: readonly ProblemKind[]): ProblemKind | null {
  let x = rng.next();
  for (const kind of kinds) {
    x -= shares[kind];
    if (x < 0) return kind;
  }
  return null;
}

const opposite = (gender: Gender): Gender => (gender === "male" ? "female" : "male");

function plantPid(ctx: VillageContext, child: Child, kind: ProblemKind): Partial<Child> {
  const { rng } = ctx;
  const pid = child.pid ?? "";
  switch (kind) {
    case "pid.missing":
      return { pid: null };
    case "pid.legacy_cmnd":
      // The parent's old 9-digit ID card number, copied into the child's row.
      return { pid: String(rng.int(0, 3)) + rng.digits(8) };
    case "pid.lost_zero":
      // Excel reads 001… as a number and drops the leading zero of every province code.
      return { pid: pid.slice(1) };
    default: {
      const province = pid.slice(0, 3);
      const gender = opposite(child.gender ?? "male");
      return { pid: makePid(rng, ctx.used.pids, { province, dob: child.dob ?? "2015-01-01", gender }) };
    }
  }
}

function doubleOneSpace(rng: Random, name: string): string {
  const spaces = [...name.matchAll(/ /g)].map((m) => m.index);
  if (spaces.length === 0) return name;
  const at = rng.pick(spaces);
  return `${name.slice(0, at)}  ${name.slice(at + 1)}`;
}

/**
 * Plants the per-child problems in a clean record, each with its share in `ctx.shares`,
 * and records which were planted. The household-level ones (representative without
 * level-2 VNeID, a 17-year-old mother) are listed for every child that links that guardian.
 */
export function plantProblems(ctx: VillageContext, household: Household, clean: Child): PlantedChild {
  const { rng, shares, asOf } = ctx;
  const problems: ProblemKind[] = [];
  const child: Child = { ...clean };

  const pidProblem = oneOf(rng, shares, ["pid.missing", "pid.legacy_cmnd", "pid.lost_zero", "pid.wrong_gender"]);
  if (pidProblem) {
    Object.assign(child, plantPid(ctx, child, pidProblem));
    problems.push(pidProblem);
  }

  if (rng.chance(shares["name.mojibake"])) {
    const legacy = LEGACY_NAMES.filter((n) => n.gender === child.gender);
    child.fullName = rng.pick(legacy).text;
    problems.push("name.mojibake");
  } else {
    if (rng.chance(shares["name.upper_case"])) {
      // As printed on ID cards and birth certificates.
      child.fullName = (child.fullName ?? "").toUpperCase();
      problems.push("name.upper_case");
    }
    if (rng.chance(shares["name.double_space"])) {
      child.fullName = doubleOneSpace(rng, child.fullName ?? "");
      problems.push("name.double_space");
    }
  }

  if (rng.chance(shares["dob.missing"])) {
    child.dob = null;
    problems.push("dob.missing");
  }
  if (rng.chance(shares["ethnicity.missing"])) {
    child.ethnicity = null;
    problems.push("ethnicity.missing");
  }

  const guardianProblem = oneOf(rng, shares, ["guardian.missing", "representative.unset"]);
  if (guardianProblem === "guardian.missing") {
    Object.assign(child, { fatherId: null, motherId: null, guardianId: null, guardianRelation: null, representative: null });
  } else if (guardianProblem === "representative.unset") {
    child.representative = null;
  }
  if (guardianProblem) problems.push(guardianProblem);
  if (guardianProblem === null && household.representativeNoLevel2) problems.push("representative.no_level2");
  if (guardianProblem !== "guardian.missing" && household.motherUnderage) problems.push("mother.underage");

  const residenceProblem = oneOf(rng, shares, ["residence.none", "residence.late"]);
  if (residenceProblem === "residence.none") {
    child.residenceType = "none";
    child.residenceRegisteredOn = null;
    problems.push(residenceProblem);
  } else if (residenceProblem === "residence.late" && child.birthRegisteredOn) {
    const room = daysBetween(child.birthRegisteredOn, asOf) ?? 0;
    if (room > 61) {
      child.residenceRegisteredOn = addDays(child.birthRegisteredOn, rng.int(61, Math.min(room, 2000)));
      problems.push(residenceProblem);
    }
  }

  return { child, problems };
}
