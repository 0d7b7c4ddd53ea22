// Dates, ID numbers, guardians, residence, BHYT, the whole evaluation and the
// fingerprint as they were before the fast paths (copied verbatim, only renamed, built on
// the reference name rules): the oracle of the property tests. Test support only.
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import type { Child, Finding, Guardian } from "@roster/schema";
import { isBhytBeneficiaryCode, normalizeBhyt, parseBhyt } from "./bhyt";
import { checkEthnicity } from "./ethnicity";
import { DEFAULT_CAMPAIGN, type EvaluationContext } from "./evaluate";
import { compareFindings } from "./finding-order";
import type { GuardianRole } from "./findings";
import { GUARDIAN_LINKS, linkedGuardian } from "./guardians";
import { isCountryCode, isProvinceCode, normalizePid, type CheckPidOptions, type PidPerson } from "./pid";
import { referenceCheckName, referenceFinding, referenceNormalizeName } from "./reference-names.fixtures";

export function referenceHasText(value: unknown): value is string {
  return typeof value === "string" && value.trim() !== "";
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export function referenceParseIsoDate(s: string | null | undefined): { year: number; month: number; day: number } | null {
  if (typeof s !== "string") return null;
  const match = ISO_DATE.exec(s);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < 1800 || year > 2999 || month < 1 || month > 12) return null;
  if (day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

export function referenceAgeAt(dob: string, asOf: string): number | null {
  const birth = referenceParseIsoDate(dob);
  const at = referenceParseIsoDate(asOf);
  if (!birth || !at) return null;
  const beforeBirthday = at.month < birth.month || (at.month === birth.month && at.day < birth.day);
  return at.year - birth.year - (beforeBirthday ? 1 : 0);
}

export function referenceDaysBetween(from: string, to: string): number | null {
  const a = referenceParseIsoDate(from);
  const b = referenceParseIsoDate(to);
  if (!a || !b) return null;
  const day = (d: { year: number; month: number; day: number }) => Date.UTC(d.year, d.month - 1, d.day) / 86_400_000;
  return day(b) - day(a);
}

export function referenceCheckPid(pid: string | null | undefined, person: PidPerson = {}, options: CheckPidOptions = {}): Finding[] {
  const { codePrefix = "", field = "pid", who } = options;
  const report = (check: string) => referenceFinding(`${codePrefix}pid.${check}` as never, field, who);
  const n = normalizePid(pid ?? "");
  if (n === "") return [report("missing")];
  if (/^\d{9}$/.test(n)) return [report("legacy_cmnd")];
  if (!/^\d{12}$/.test(n)) return [report("format")];
  const findings: Finding[] = [];
  const place = n.slice(0, 3);
  if (!isProvinceCode(place) && !isCountryCode(place)) findings.push(report("province"));
  const digit = Number(n[3]);
  const centuryStart = 1900 + Math.floor(digit / 2) * 100;
  const gender = digit % 2 === 0 ? "male" : "female";
  const dob = referenceParseIsoDate(person.dob);
  const known = person.gender === "male" || person.gender === "female";
  const genderDisagrees = known && person.gender !== gender;
  const centuryDisagrees = dob !== null && (dob.year < centuryStart || dob.year >= centuryStart + 100);
  if (genderDisagrees || centuryDisagrees) findings.push(report("century_gender"));
  if (dob !== null && n.slice(4, 6) !== String(dob.year % 100).padStart(2, "0")) findings.push(report("birth_year"));
  return findings;
}

export function referenceCheckBhyt(no: string | null | undefined, options: { field?: string } = {}): Finding[] {
  const field = options.field ?? "bhyt";
  const n = normalizeBhyt(no ?? "");
  if (n === "") return [];
  const parsed = parseBhyt(n);
  if (!parsed) return [referenceFinding("bhyt.format", field)];
  if (parsed.kind === "ssn10") return [];
  const findings: Finding[] = [];
  if (!isBhytBeneficiaryCode(parsed.prefix)) findings.push(referenceFinding("bhyt.prefix", field));
  if (parsed.benefitLevel < 1 || parsed.benefitLevel > 5) findings.push(referenceFinding("bhyt.benefit_level", field));
  if (parsed.issuer === "00") findings.push(referenceFinding("bhyt.issuer", field));
  return findings;
}

const GENDER_OF_ROLE = { father: "male", mother: "female", guardian: undefined } as const;

export function referenceCheckGuardians(child: Child, guardians: Record<string, Guardian>, asOf: string): Finding[] {
  const findings: Finding[] = [];
  let anyLink = false;
  let representativeFound = false;
  for (const { role, link } of GUARDIAN_LINKS) {
    const id = child[link];
    if (!referenceHasText(id)) continue;
    anyLink = true;
    const guardian = linkedGuardian(id, guardians);
    if (!guardian) {
      findings.push(referenceFinding("guardian.link_broken", link, role));
      continue;
    }
    const isRepresentative = role === child.representative;
    if (isRepresentative) representativeFound = true;
    checkOneGuardian(guardian, role, isRepresentative, asOf, findings);
  }
  if (!anyLink) findings.push(referenceFinding("guardian.missing", "guardianId"));
  if (!representativeFound) findings.push(referenceFinding("guardian.representative", "representative"));
  return findings;
}

function checkOneGuardian(guardian: Guardian, role: GuardianRole, isRepresentative: boolean, asOf: string, findings: Finding[]): void {
  const options = { codePrefix: "guardian.", who: role } as const;
  for (const f of referenceCheckName(guardian.fullName, { ...options, field: `${role}.fullName` })) findings.push(f);
  const dob = guardian.dob;
  if (referenceHasText(dob)) {
    const age = referenceAgeAt(dob, asOf);
    if (age !== null && age < 18) findings.push(referenceFinding("guardian.underage", `${role}.dob`, role));
  }
  const pid = guardian.pid;
  if (isRepresentative || (referenceHasText(pid) && normalizePid(pid) !== "")) {
    const person = { dob, gender: guardian.gender ?? GENDER_OF_ROLE[role] };
    for (const f of referenceCheckPid(pid, person, { ...options, field: `${role}.pid` })) findings.push(f);
  }
  if (isRepresentative && guardian.vneid !== "level2") {
    findings.push(referenceFinding("guardian.no_level2", `${role}.vneid`, role));
  }
}

export function referenceCheckResidence(child: Child, asOf: string): Finding[] {
  const type = child.residenceType;
  if (!referenceHasText(type)) return [referenceFinding("residence.missing", "residenceType")];
  const birthRegisteredOn = child.birthRegisteredOn;
  if (!referenceHasText(birthRegisteredOn)) return [];
  if (type === "none") {
    const waited = referenceDaysBetween(birthRegisteredOn, asOf);
    return waited !== null && waited > 60 ? [referenceFinding("residence.overdue", "residenceType")] : [];
  }
  const registeredOn = child.residenceRegisteredOn;
  if (!referenceHasText(registeredOn)) return [];
  const delay = referenceDaysBetween(birthRegisteredOn, registeredOn);
  return delay !== null && delay > 60 ? [referenceFinding("residence.late", "residenceRegisteredOn")] : [];
}

/** `evaluate` without `ctx.duplicates` and `ctx.conflicts`, which the fast paths left alone. */
export function referenceEvaluate(child: Child, ctx: EvaluationContext): { status: string; findings: Finding[] } {
  const { asOf } = ctx;
  const campaign = ctx.campaign === undefined ? DEFAULT_CAMPAIGN : ctx.campaign;
  const findings: Finding[] = [...referenceCheckName(child.fullName, { field: "fullName" })];
  const dob = child.dob;
  if (!referenceHasText(dob)) findings.push(referenceFinding("dob.missing", "dob"));
  else {
    const age = referenceAgeAt(dob, asOf);
    if (age === null) findings.push(referenceFinding("dob.invalid", "dob"));
    else if (dob > asOf) findings.push(referenceFinding("dob.future", "dob"));
    else if (campaign !== null && (age < campaign.minAge || age >= campaign.maxAgeExclusive)) {
      findings.push(referenceFinding("age.out_of_campaign", "dob"));
    }
  }
  if (child.gender !== "male" && child.gender !== "female") findings.push(referenceFinding("gender.missing", "gender"));
  findings.push(...checkEthnicity(child.ethnicity, { field: "ethnicity" }));
  findings.push(...referenceCheckPid(child.pid, { dob: child.dob, gender: child.gender }));
  findings.push(...referenceCheckGuardians(child, ctx.guardians, asOf));
  findings.push(...referenceCheckBhyt(child.bhyt, { field: "bhyt" }));
  findings.push(...referenceCheckResidence(child, asOf));
  if (findings.length > 1) findings.sort(compareFindings);
  return { status: findings.some((f) => f.severity === "error") ? "needs-fix" : "clean", findings };
}

const text = (value: unknown) => (typeof value === "string" ? value.trim() : "");
const nameOf = (value: unknown) => (text(value) === "" ? "" : referenceNormalizeName(text(value)));
const pidOf = (value: unknown) => (text(value) === "" ? "" : normalizePid(text(value)));

export function referenceFingerprint(child: Child, guardians: Record<string, Guardian>): string {
  const canonical: unknown[] = [
    "roster-fp-v1", nameOf(child.fullName), text(child.dob), text(child.gender), text(child.ethnicity),
    pidOf(child.pid), text(child.residenceType), text(child.residenceRegisteredOn),
    text(child.birthRegisteredOn), text(child.representative),
  ];
  for (const { link } of GUARDIAN_LINKS) {
    const guardian = linkedGuardian(child[link], guardians);
    canonical.push(guardian ? [nameOf(guardian.fullName), pidOf(guardian.pid)] : null);
  }
  return bytesToHex(sha256(utf8ToBytes(JSON.stringify(canonical))));
}
