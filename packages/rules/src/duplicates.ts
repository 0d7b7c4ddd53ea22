// Duplicate children in one roster: the same child entered by the school and by the
// hamlet head, with a typing slip in the name or the day and month of birth swapped.
import type { Child, Finding, Guardian } from "@roster/schema";
import { bhytPersonKey } from "./bhyt";
import { formatIsoDate, parseIsoDate } from "./dates";
import { finding } from "./findings";
import { linkedGuardian } from "./guardians";
import { hasText } from "./has-text";
import { foldName } from "./names";
import { oneEditPairs } from "./one-edit-pairs";
import { MAX_FULL_GROUP, PairCollector } from "./pair-collector";
import { identityNumber, normalizePid } from "./pid";
import { pidsNearlyEqual } from "./pid-typo";

/** Two children (ids, `a < b`) that look like one child, and why. */
export interface DuplicatePair {
  a: string;
  b: string;
  code: "duplicate.pid" | "duplicate.bhyt" | "duplicate.person";
}

const PID_12 = /^\d{12}$/;

/** Groups of up to this many children sharing one key get every pair; larger ones are
 * paired around their first id only (so a group's pairs depend on who else is in it). */
export const DUPLICATE_FULL_GROUP = MAX_FULL_GROUP;

/**
 * The keys `findDuplicates` groups a child by: children that share none of them (the
 * date of birth, or its day–month swap, standing for every name born that day) are
 * never paired. Empty for a removed child. For an incremental index of the pairs.
 */
export interface DuplicateKeys {
  /** The ID number, when it can identify a person (`identityNumber`). */
  readonly pid?: string;
  /** The health-insurance person key. */
  readonly bhyt?: string;
  readonly dob?: string;
  /** `dob` with day and month swapped, when that is another valid date. */
  readonly swappedDob?: string;
}

/** What `findDuplicates` groups `child` by (see {@link DuplicateKeys}). */
export function duplicateKeysOf(child: Child): DuplicateKeys {
  if (child.removed === true) return {};
  const keys: { pid?: string; bhyt?: string; dob?: string; swappedDob?: string } = {};
  const pid = identityNumber(child.pid);
  if (pid !== null) keys.pid = pid;
  const bhyt = bhytPersonKey(child.bhyt);
  if (bhyt !== null) keys.bhyt = bhyt;
  if (hasText(child.dob)) {
    keys.dob = child.dob.trim();
    const swapped = swapDayAndMonth(keys.dob);
    if (swapped !== null) keys.swappedDob = swapped;
  }
  return keys;
}

/**
 * Finds the duplicate children of a whole roster; removed children and empty values are
 * skipped. Near-linear: every rule looks children up by a key, never compares all pairs.
 *
 * - `duplicate.pid`: the same personal ID number once spaces, dots and hyphens are
 *   removed (digit strings of 9 or more; placeholders are left to `pid.format`).
 * - `duplicate.bhyt`: the same health-insurance person key (last 10 characters).
 * - `duplicate.person`: the same folded name (no diacritics, case or extra spaces) and
 *   the same date of birth; or the same folded name with day and month swapped (when the
 *   swap is a different valid date); or folded names one edit apart with the same date
 *   of birth. Not reported for a pair that already shares a pid or BHYT key (that finding
 *   says it more strongly), nor for two children shown to be different people: both
 *   have 12-digit ID numbers that differ, or (through `guardians`) both have a linked
 *   father, or both a linked mother, whose 12-digit ID numbers differ. Twins "An" and
 *   "Anh" are flagged until their numbers are entered; after that they are not.
 *
 * Each unordered pair appears at most once per code, with `a < b`; the output is sorted
 * by `a`, `b`, code. A group of more than 16 children sharing one key is reported as
 * every member paired with the group's first id (see `DUPLICATE_FULL_GROUP`).
 */
export function findDuplicates(
  children: readonly Child[],
  guardians: Record<string, Guardian> = {},
): DuplicatePair[] {
  const byId = new Map<string, Child>();
  const byPid = new Map<string, Ids>();
  const byBhyt = new Map<string, Ids>();
  // date of birth → folded name → ids
  const byDob = new Map<string, Map<string, Ids>>();
  // Names repeat a lot (Nguyễn Văn An); folding is the costliest step, so once per spelling.
  const folded = new Map<string, string>();

  for (const child of children) {
    if (child.removed === true) continue;
    const id = child.id;
    byId.set(id, child);
    const pid = identityNumber(child.pid);
    if (pid !== null) addId(byPid, pid, id);
    const bhyt = bhytPersonKey(child.bhyt);
    if (bhyt !== null) addId(byBhyt, bhyt, id);
    const fullName = child.fullName;
    if (!hasText(fullName) || !hasText(child.dob)) continue;
    let name = folded.get(fullName);
    if (name === undefined) folded.set(fullName, (name = foldName(fullName)));
    if (name === "") continue;
    const dob = child.dob.trim();
    let names = byDob.get(dob);
    if (names === undefined) byDob.set(dob, (names = new Map()));
    addId(names, name, id);
  }

  const pairs = new PairCollector((a, b, code) => {
    if (code !== "duplicate.person") return true;
    return !knownDistinct(byId.get(a), byId.get(b), guardians);
  });
  // Identity numbers first, so that a pair they settle is not also a `duplicate.person`.
  for (const ids of byPid.values()) if (typeof ids !== "string") pairs.addGroup(ids, "duplicate.pid");
  for (const ids of byBhyt.values()) if (typeof ids !== "string") pairs.addGroup(ids, "duplicate.bhyt");
  for (const [dob, names] of byDob) addPersonPairs(dob, names, byDob, pairs);
  return pairs.sorted();
}

// Most keys belong to one child: a lone id stays a string and becomes an array only when
// a second one comes, which spares 10^5 one-element arrays on a city-wide roster.
type Ids = string | string[];

function addId(index: Map<string, Ids>, key: string, id: string): void {
  const ids = index.get(key);
  if (ids === undefined) index.set(key, id);
  else if (typeof ids === "string") index.set(key, [ids, id]);
  else ids.push(id);
}

function asArray(ids: Ids): readonly string[] {
  return typeof ids === "string" ? [ids] : ids;
}

function addPersonPairs(
  dob: string,
  names: ReadonlyMap<string, Ids>,
  byDob: ReadonlyMap<string, ReadonlyMap<string, Ids>>,
  pairs: PairCollector,
): void {
  for (const ids of names.values()) if (typeof ids !== "string") pairs.addGroup(ids, "duplicate.person");

  const swapped = swapDayAndMonth(dob);
  // Each swapped couple of dates is visited once, from its smaller date.
  const other = swapped !== null && dob < swapped ? byDob.get(swapped) : undefined;
  if (other) {
    for (const [name, ids] of names) {
      const match = other.get(name);
      if (match !== undefined) pairs.addBetween(asArray(ids), asArray(match), "duplicate.person");
    }
  }

  if (names.size > 1) {
    const distinct = [...names.keys()];
    for (const [i, j] of oneEditPairs(distinct)) {
      pairs.addBetween(asArray(names.get(distinct[i]!)!), asArray(names.get(distinct[j]!)!), "duplicate.person");
    }
  }
}

/** `2015-03-07` → `2015-07-03`; null when the date is invalid, the day is over 12 (no
 * such month) or day and month are equal (the swap changes nothing). */
export function swapDayAndMonth(dob: string): string | null {
  const date = parseIsoDate(dob);
  if (date === null || date.day > 12 || date.day === date.month) return null;
  // The new day is an old month (1–12), which every month has.
  return formatIsoDate({ year: date.year, month: date.day, day: date.month });
}

function pid12(raw: string | null | undefined): string | null {
  if (!hasText(raw)) return null;
  const pid = normalizePid(raw);
  return PID_12.test(pid) ? pid : null;
}

function differ(x: string | null, y: string | null): boolean {
  return x !== null && y !== null && x !== y;
}

/** Two children the records prove to be different people (see `findDuplicates`). */
function knownDistinct(x: Child | undefined, y: Child | undefined, guardians: Record<string, Guardian>): boolean {
  if (!x || !y) return false;
  if (differ(pid12(x.pid), pid12(y.pid)) && !(pidsNearlyEqual(x.pid, y.pid) && samePerson(x, y))) return true;
  for (const link of ["fatherId", "motherId"] as const) {
    const px = pid12(linkedGuardian(x[link], guardians)?.pid);
    const py = pid12(linkedGuardian(y[link], guardians)?.pid);
    if (differ(px, py)) return true;
  }
  return false;
}

/** Same folded name and the same date of birth: what a mistyped number cannot undo. */
function samePerson(x: Child, y: Child): boolean {
  return hasText(x.dob) && x.dob.trim() === (y.dob ?? "").trim() && foldName(x.fullName ?? "") === foldName(y.fullName ?? "");
}

const FIELD_OF_CODE: Readonly<Record<DuplicatePair["code"], string>> = {
  "duplicate.pid": "pid",
  "duplicate.bhyt": "bhyt",
  "duplicate.person": "fullName",
};

/** Groups pairs by child id (both sides), so that each child's pairs are found at once. */
export function indexDuplicates(pairs: readonly DuplicatePair[]): ReadonlyMap<string, readonly DuplicatePair[]> {
  const index = new Map<string, DuplicatePair[]>();
  for (const pair of pairs) {
    const forA = index.get(pair.a);
    if (forA) forA.push(pair);
    else index.set(pair.a, [pair]);
    const forB = index.get(pair.b);
    if (forB) forB.push(pair);
    else index.set(pair.b, [pair]);
  }
  return index;
}

/**
 * The findings of `childId` among `pairs`: one per duplicate code that names it
 * (fields `pid`, `bhyt`, `fullName`), however many other children share it. Scans
 * `pairs`; for a whole roster pass each child its entry of `indexDuplicates`.
 */
export function duplicateFindingsFor(childId: string, pairs: readonly DuplicatePair[]): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<DuplicatePair["code"]>();
  for (const { a, b, code } of pairs) {
    if ((a !== childId && b !== childId) || seen.has(code)) continue;
    seen.add(code);
    findings.push(finding(code, FIELD_OF_CODE[code]));
  }
  return findings;
}

/** The other children `childId` is paired with, for "see the other record" in the UI. */
export function duplicatePartners(childId: string, pairs: readonly DuplicatePair[]): { id: string; code: DuplicatePair["code"] }[] {
  const partners: { id: string; code: DuplicatePair["code"] }[] = [];
  for (const { a, b, code } of pairs) {
    if (a === childId) partners.push({ id: b, code });
    else if (b === childId) partners.push({ id: a, code });
  }
  return partners;
}
