// The problems the generator plants, their realistic shares, and how `problemRate`
// scales them. The shares are per child record (per family for the two that belong to a
// guardian), after what DOMAIN.md and the 2024–2026 campaign documents describe.

/** One kind of planted problem. */
export type ProblemKind =
  | "pid.missing"
  | "pid.legacy_cmnd"
  | "pid.lost_zero"
  | "pid.wrong_gender"
  | "name.upper_case"
  | "name.double_space"
  | "name.mojibake"
  | "dob.missing"
  | "ethnicity.missing"
  | "guardian.missing"
  | "representative.unset"
  | "representative.no_level2"
  | "mother.underage"
  | "residence.none"
  | "residence.late"
  | "duplicate";

export type ProblemShares = Readonly<Record<ProblemKind, number>>;

/** The realistic share of records carrying each problem (the default mix). */
export const BASE_PROBLEM_SHARES: ProblemShares = {
  "pid.missing": 0.12,
  "pid.legacy_cmnd": 0.01,
  "pid.lost_zero": 0.02,
  "pid.wrong_gender": 0.01,
  "name.upper_case": 0.05,
  "name.double_space": 0.03,
  "name.mojibake": 0.01,
  "dob.missing": 0.01,
  "ethnicity.missing": 0.04,
  "guardian.missing": 0.02,
  "representative.unset": 0.05,
  "representative.no_level2": 0.35,
  "mother.underage": 0.002,
  "residence.none": 0.04,
  "residence.late": 0.05,
  duplicate: 0.02,
};

export const PROBLEM_KINDS = Object.keys(BASE_PROBLEM_SHARES) as ProblemKind[];

/**
 * The finding code the rules give each planted problem (`duplicate` is found by
 * `findDuplicates` as `duplicate.person` or `duplicate.pid`).
 */
export const PROBLEM_FINDINGS: Readonly<Record<Exclude<ProblemKind, "duplicate">, string>> = {
  "pid.missing": "pid.missing",
  "pid.legacy_cmnd": "pid.legacy_cmnd",
  "pid.lost_zero": "pid.format",
  "pid.wrong_gender": "pid.century_gender",
  "name.upper_case": "name.format",
  "name.double_space": "name.format",
  "name.mojibake": "name.encoding",
  "dob.missing": "dob.missing",
  "ethnicity.missing": "ethnicity.missing",
  "guardian.missing": "guardian.missing",
  "representative.unset": "guardian.representative",
  "representative.no_level2": "guardian.no_level2",
  "mother.underage": "guardian.underage",
  "residence.none": "residence.overdue",
  "residence.late": "residence.late",
};

// Problems drawn as one choice among several (a pid is missing OR 9 digits OR …), so the
// chance that a record is free of the whole group is 1 − their sum.
const EXCLUSIVE_GROUPS: readonly (readonly ProblemKind[])[] = [
  ["pid.missing", "pid.legacy_cmnd", "pid.lost_zero", "pid.wrong_gender"],
  ["guardian.missing", "representative.unset"],
  ["residence.none", "residence.late"],
];

/** The expected share of records with at least one planted problem under `shares`. */
export function problemRateOf(shares: ProblemShares): number {
  let clean = 1;
  const grouped = new Set<ProblemKind>(EXCLUSIVE_GROUPS.flat());
  for (const group of EXCLUSIVE_GROUPS) clean *= 1 - group.reduce((sum, kind) => sum + shares[kind], 0);
  for (const kind of PROBLEM_KINDS) if (!grouped.has(kind)) clean *= 1 - shares[kind];
  return 1 - clean;
}

/** The problem rate of the realistic mix (about 0.6: the no-level-2 warning alone is 35%). */
export const DEFAULT_PROBLEM_RATE = problemRateOf(BASE_PROBLEM_SHARES);

function scaled(factor: number): ProblemShares {
  const out = {} as Record<ProblemKind, number>;
  for (const kind of PROBLEM_KINDS) out[kind] = Math.min(1, BASE_PROBLEM_SHARES[kind] * factor);
  return out;
}

/**
 * The shares for a wanted `problemRate` (expected share of records with at least one
 * planted problem, 0..1): every base share multiplied by one factor, found by bisection,
 * so the realistic proportions between problems are kept. 0 plants nothing; 1 makes the
 * most common problem (no level-2 representative) certain.
 * @throws RangeError when `problemRate` is outside 0..1.
 */
export function sharesForRate(problemRate: number): ProblemShares {
  if (!(problemRate >= 0 && problemRate <= 1)) throw new RangeError(`problemRate must be in 0..1, got ${problemRate}`);
  if (problemRate === 0) return scaled(0);
  const maxFactor = 1 / Math.max(...Object.values(BASE_PROBLEM_SHARES));
  let lo = 0;
  let hi = maxFactor;
  // 50 halvings reach far below any share that matters for a roster.
  for (let i = 0; i < 50; i++) {
    const mid = (lo + hi) / 2;
    if (problemRateOf(scaled(mid)) < problemRate) lo = mid;
    else hi = mid;
  }
  return scaled(problemRate >= 1 ? maxFactor : hi);
}
