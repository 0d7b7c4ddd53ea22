// The whole rule set for one child record, and for a roster at once.
import type { Child, EvaluationStatus, Finding, Guardian } from "@roster/schema";
import { checkBhyt } from "./bhyt";
import { ageAt, isIsoDate } from "./dates";
import { duplicateFindingsFor, findDuplicates, indexDuplicates, type DuplicatePair } from "./duplicates";
import { checkEthnicity } from "./ethnicity";
import { compareFindings } from "./finding-order";
import { finding } from "./findings";
import { checkGuardians } from "./guardians";
import { hasText } from "./has-text";
import { checkName } from "./names";
import { checkPid } from "./pid";
import { checkResidence } from "./residence";

/** The age range of a campaign: `minAge` ≤ age at `asOf` < `maxAgeExclusive`. */
export interface Campaign {
  minAge: number;
  maxAgeExclusive: number;
}

/** The level-2 ID campaign: children aged 6 to under 14 (DOMAIN.md). */
export const DEFAULT_CAMPAIGN: Readonly<Campaign> = Object.freeze({ minAge: 6, maxAgeExclusive: 14 });

export interface EvaluationContext {
  /** Every guardian of the roster, by id. */
  guardians: Record<string, Guardian>;
  /** The day the record is judged on: a valid `YYYY-MM-DD` date (the server uses
   * `isoDateInVietnam`). Not re-checked per child; `evaluateRoster` checks it once. */
  asOf: string;
  /** Age range to check; `DEFAULT_CAMPAIGN` when undefined, no age check when null. */
  campaign?: Campaign | null;
  /** Duplicate pairs of the roster; only those naming this child are used, so pass the
   * child's entry of `indexDuplicates` rather than the whole list for a large roster. */
  duplicates?: readonly DuplicatePair[];
  /** Fields of this child where two offline edits disagree. */
  conflicts?: readonly string[];
}

/** What the rules alone say of a record. */
export interface Evaluation {
  /** `needs-fix` iff any finding is an error. */
  status: EvaluationStatus;
  /** Sorted by field (form order), then code. */
  findings: Finding[];
}

// Option objects shared by every call (the checks only read them).
const NAME_OPTIONS = Object.freeze({ field: "fullName" });
const ETHNICITY_OPTIONS = Object.freeze({ field: "ethnicity" });
const BHYT_OPTIONS = Object.freeze({ field: "bhyt" });

function pushAll(target: Finding[], source: readonly Finding[]): void {
  for (const f of source) target.push(f);
}

function checkDob(dob: string | null | undefined, asOf: string, campaign: Campaign | null, findings: Finding[]): void {
  if (!hasText(dob)) {
    findings.push(finding("dob.missing", "dob"));
    return;
  }
  // One call both validates `dob` (asOf is valid by contract) and gives the age.
  const age = ageAt(dob, asOf);
  if (age === null) {
    findings.push(finding("dob.invalid", "dob"));
    return;
  }
  // Two valid `YYYY-MM-DD` strings order like the dates they name.
  if (dob > asOf) {
    findings.push(finding("dob.future", "dob"));
    return;
  }
  if (campaign !== null && (age < campaign.minAge || age >= campaign.maxAgeExclusive)) {
    findings.push(finding("age.out_of_campaign", "dob"));
  }
}

/**
 * Evaluates one child record as of `ctx.asOf`: name, date of birth (`dob.missing`,
 * `dob.invalid`, `dob.future` when after `asOf`), `age.out_of_campaign` (a child turning
 * 14 on `asOf` is out, one turning 6 is in), `gender.missing`, ethnicity, personal ID
 * number (against the child's date of birth and gender), guardians, BHYT, residence;
 * then the duplicate findings of `ctx.duplicates` naming this child and one
 * `conflict.field` warning per field of `ctx.conflicts`. Removed children are evaluated
 * like any other; `evaluateRoster` skips them.
 */
export function evaluate(child: Child, ctx: EvaluationContext): Evaluation {
  const { asOf } = ctx;
  const campaign = ctx.campaign === undefined ? DEFAULT_CAMPAIGN : ctx.campaign;
  const findings: Finding[] = [];

  pushAll(findings, checkName(child.fullName, NAME_OPTIONS));
  checkDob(child.dob, asOf, campaign, findings);
  if (child.gender !== "male" && child.gender !== "female") findings.push(finding("gender.missing", "gender"));
  pushAll(findings, checkEthnicity(child.ethnicity, ETHNICITY_OPTIONS));
  pushAll(findings, checkPid(child.pid, { dob: child.dob, gender: child.gender }));
  pushAll(findings, checkGuardians(child, ctx.guardians, asOf));
  pushAll(findings, checkBhyt(child.bhyt, BHYT_OPTIONS));
  pushAll(findings, checkResidence(child, asOf));
  if (ctx.duplicates !== undefined && ctx.duplicates.length > 0) {
    pushAll(findings, duplicateFindingsFor(child.id, ctx.duplicates));
  }
  if (ctx.conflicts !== undefined) {
    for (const field of new Set(ctx.conflicts)) findings.push(finding("conflict.field", field));
  }

  if (findings.length > 1) findings.sort(compareFindings);
  const status = findings.some((f) => f.severity === "error") ? "needs-fix" : "clean";
  return { status, findings };
}

export interface RosterEvaluationOptions {
  asOf: string;
  campaign?: Campaign | null;
  /** Conflicting fields by child id. */
  conflicts?: Record<string, readonly string[]>;
}

const NO_PAIRS: readonly DuplicatePair[] = Object.freeze([]);

/**
 * Evaluates every child of a roster that is not removed, with the duplicates found once
 * over the whole roster (`findDuplicates`). Returns evaluations by child id.
 * @throws RangeError when `options.asOf` is not a valid `YYYY-MM-DD` date.
 */
export function evaluateRoster(
  children: readonly Child[],
  guardians: Record<string, Guardian>,
  options: RosterEvaluationOptions,
): Map<string, Evaluation> {
  const { asOf, campaign, conflicts } = options;
  if (!isIsoDate(asOf)) throw new RangeError(`evaluateRoster: asOf is not a valid date: ${JSON.stringify(asOf)}`);
  const duplicatesOf = indexDuplicates(findDuplicates(children, guardians));
  const evaluations = new Map<string, Evaluation>();
  for (const child of children) {
    if (child.removed === true) continue;
    const ctx: EvaluationContext = { guardians, asOf, campaign, duplicates: duplicatesOf.get(child.id) ?? NO_PAIRS };
    if (conflicts !== undefined && Object.hasOwn(conflicts, child.id)) ctx.conflicts = conflicts[child.id];
    evaluations.set(child.id, evaluate(child, ctx));
  }
  return evaluations;
}
