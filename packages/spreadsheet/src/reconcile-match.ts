// Which roster child each person of a national extract is (DESIGN.md "Reconciliation with
// the national population database"). The extract is the authority, but a match is only
// made on evidence that cannot mislead: the same 12-digit ID number, else the same folded
// name and date of birth (and no contradicting gender or ID number). Near misses (day and
// month swapped, one letter apart) are offered to a person, never taken. One row is never
// two children, and one child is never two rows.
import type {
  Child,
  Guardian,
  ReconcileExtractOnly,
  ReconcileLikely,
  ReconcileMatch,
  ReconcilePreview,
  ReconcileRowNote,
} from "@roster/schema";
import { DEFAULT_CAMPAIGN, ageAt, foldName, normalizePid, withinOneEdit, type Campaign } from "@roster/rules";
import { differencesOf } from "./reconcile-compare";
import type { ExtractPerson, ExtractRead } from "./reconcile-extract";
import { RECONCILE_MESSAGES } from "./reconcile-messages";

export interface ReconcileRoster {
  children: readonly Child[];
  guardians: Readonly<Record<string, Guardian>>;
}

export interface ReconcileOptions {
  /** The day ages are counted on (`YYYY-MM-DD`). */
  asOf: string;
  campaign?: Campaign;
  /** Likely matches a person confirmed (row → child): taken as matched by name and date of birth. */
  confirmed?: readonly { row: number; childId: string }[];
}

const PID_12 = /^\d{12}$/;
const ADULT_AGE = 18;

function pidKey(value: string | null | undefined): string | null {
  const n = normalizePid(value ?? "");
  return PID_12.test(n) ? n : null;
}

function personKey(fullName: string | null | undefined, dob: string | null | undefined): string | null {
  const name = foldName(fullName ?? "");
  const day = (dob ?? "").trim();
  return name === "" || day === "" ? null : `${name}|${day}`;
}

/** The date with day and month exchanged, when that is another real-looking date. */
function swappedDob(dob: string | null | undefined): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dob ?? "");
  if (!match) return null;
  const [, year, month, day] = match;
  if (month === day || Number(day) > 12) return null;
  return `${year}-${day}-${month}`;
}

function index<V>(map: Map<string, V[]>, key: string | null, value: V): void {
  if (key === null) return;
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Two values that both exist and differ: evidence of two different people. */
function contradicts(a: string | null | undefined, b: string | null | undefined): boolean {
  return !!a && !!b && a !== b;
}

/** Works out the preview of a reconciliation: pure and synchronous (run it in a worker). */
export function reconcileExtract(extract: ExtractRead, roster: ReconcileRoster, options: ReconcileOptions): ReconcilePreview {
  const campaign = options.campaign ?? DEFAULT_CAMPAIGN;
  const live = roster.children.filter((child) => child.removed !== true);
  const byId = new Map(live.map((child) => [child.id, child]));
  const byPid = new Map<string, Child[]>();
  const byPerson = new Map<string, Child[]>();
  const byDob = new Map<string, Child[]>();
  for (const child of live) {
    index(byPid, pidKey(child.pid), child);
    index(byPerson, personKey(child.fullName, child.dob), child);
    index(byDob, (child.dob ?? "").trim() || null, child);
  }

  const preview: ReconcilePreview = { matched: [], likely: [], extractOnly: [], rosterOnly: [], rejected: [], outOfCampaign: [] };
  for (const { row, reason } of extract.rejected) preview.rejected.push({ row, reason });
  const claimedBy = new Map<string, number>();
  const pending = new Set<ExtractPerson>();
  const match = (person: ExtractPerson, child: Child, by: ReconcileMatch["by"]) => {
    claimedBy.set(child.id, person.row);
    pending.delete(person);
    preview.matched.push({ row: person.row, childId: child.id, by, differences: differencesOf(person, child, roster.guardians), vneid: person.child.vneid ?? null });
  };
  const reject = (person: ExtractPerson, note: ReconcileRowNote["reason"]) => {
    pending.delete(person);
    preview.rejected.push({ row: person.row, reason: note });
  };

  // The same person twice in the extract (pages exported twice, a group overlapping another).
  const firstRowOf = new Map<string, number>();
  for (const person of extract.people) {
    const key = pidKey(person.child.pid) ?? personKey(person.child.fullName, person.child.dob);
    const first = key === null ? undefined : firstRowOf.get(key);
    if (first !== undefined) preview.rejected.push({ row: person.row, reason: RECONCILE_MESSAGES.sameAsRow(first) });
    else {
      if (key !== null) firstRowOf.set(key, person.row);
      pending.add(person);
    }
  }

  // What a person already confirmed by hand comes first.
  const people = new Map([...pending].map((person) => [person.row, person]));
  for (const { row, childId } of options.confirmed ?? []) {
    const person = people.get(row);
    const child = byId.get(childId);
    if (person && child && pending.has(person) && !claimedBy.has(childId)) match(person, child, "name-dob");
  }

  // 1. The ID number, over the whole file first, so that no name match takes a child
  //    another row names by number.
  for (const person of [...pending]) {
    const pid = pidKey(person.child.pid);
    const holders = pid === null ? [] : (byPid.get(pid) ?? []);
    if (holders.length > 1) reject(person, RECONCILE_MESSAGES.pidHeldBySeveral(holders.length));
    else if (holders.length === 1) {
      const child = holders[0]!;
      const first = claimedBy.get(child.id);
      if (first !== undefined) reject(person, RECONCILE_MESSAGES.sameAsRow(first));
      else match(person, child, "pid");
    }
  }

  // 2. Folded name and date of birth, when nothing contradicts it.
  for (const person of [...pending]) {
    const candidates = (byPerson.get(personKey(person.child.fullName, person.child.dob) ?? "") ?? []).filter(
      (child) => !claimedBy.has(child.id) && !contradicts(child.gender, person.child.gender),
    );
    const certain = candidates.filter((child) => !contradicts(pidKey(child.pid), pidKey(person.child.pid)));
    if (certain.length === 1 && candidates.length === 1) {
      match(person, certain[0]!, "name-dob");
      continue;
    }
    // Several children fit, or the two ID numbers disagree: a person decides.
    const why = candidates.length === 1 ? "same-name-dob-other-pid" : "same-name-dob-several";
    for (const child of candidates) preview.likely.push(likely(person, child, why));
    if (candidates.length > 0) pending.delete(person);
  }

  // 3. Near misses, offered only.
  for (const person of [...pending]) {
    const name = foldName(person.child.fullName ?? "");
    const near = new Map<string, ReconcileLikely>();
    for (const child of byPerson.get(personKey(person.child.fullName, swappedDob(person.child.dob)) ?? "") ?? []) {
      if (!claimedBy.has(child.id) && !contradicts(child.gender, person.child.gender)) near.set(child.id, likely(person, child, "dob-day-month-swapped"));
    }
    for (const child of byDob.get((person.child.dob ?? "").trim()) ?? []) {
      const other = foldName(child.fullName ?? "");
      if (claimedBy.has(child.id) || other === name || !withinOneEdit(name, other) || contradicts(child.gender, person.child.gender)) continue;
      if (!near.has(child.id)) near.set(child.id, likely(person, child, "name-one-letter"));
    }
    if (near.size === 0) continue;
    preview.likely.push(...near.values());
    pending.delete(person);
  }

  // 4. The rest of the extract: children the roster lacks, and people outside the campaign.
  for (const person of pending) {
    const entry: ReconcileExtractOnly = { row: person.row, fullName: person.child.fullName ?? "", dob: person.child.dob ?? null, reason: RECONCILE_MESSAGES.notInRoster };
    const age = person.child.dob ? ageAt(person.child.dob, options.asOf) : null;
    if (age === null) preview.extractOnly.push({ ...entry, reason: RECONCILE_MESSAGES.noDob });
    else if (age >= ADULT_AGE) preview.outOfCampaign.push({ row: person.row, reason: RECONCILE_MESSAGES.adult(age) });
    else if (age < campaign.minAge || age >= campaign.maxAgeExclusive) preview.outOfCampaign.push({ row: person.row, reason: RECONCILE_MESSAGES.outOfCampaign(age) });
    else preview.extractOnly.push(entry);
  }

  const offered = new Set(preview.likely.map((entry) => entry.childId));
  preview.rosterOnly = live.filter((child) => !claimedBy.has(child.id) && !offered.has(child.id)).map((child) => child.id);
  const byRow = (a: { row: number }, b: { row: number }) => a.row - b.row;
  preview.matched.sort(byRow);
  preview.likely.sort(byRow);
  preview.extractOnly.sort(byRow);
  preview.rejected.sort(byRow);
  preview.outOfCampaign.sort(byRow);
  return preview;
}

function likely(person: ExtractPerson, child: Child, why: ReconcileLikely["why"]): ReconcileLikely {
  return { row: person.row, childId: child.id, why, fullName: person.child.fullName ?? "", dob: person.child.dob ?? null };
}
