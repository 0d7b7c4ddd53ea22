import type { Attendance, Child, Guardian, Representative } from "@roster/schema";

// What a session's call list and counts are made of. Pure: the caller hands in the
// assigned children, a guardian lookup and the attendance, so the same logic serves the
// screen, the printed list and the tests.

/** The adult who comes with the child, and how they are related. */
export interface CallListRepresentative {
  readonly relation: Representative;
  readonly guardian: Guardian;
}

/** One line of a session's call list. */
export interface CallListEntry {
  /** 1-based position in the list (the "STT" column). */
  readonly no: number;
  readonly child: Child;
  readonly representative: CallListRepresentative | undefined;
  readonly attendance: Attendance | undefined;
}

/** A session's counts. `absent` counts children ticked as not come, `unmarked` those not ticked yet. */
export interface SessionSummary {
  readonly capacity: number;
  readonly assigned: number;
  readonly came: number;
  readonly absent: number;
  readonly unmarked: number;
  /** Places left (0 when full or over). */
  readonly free: number;
  /** More children than places: two people assigned the last places offline at the same time. */
  readonly over: boolean;
}

/** Compares two full names (pass `compareVietnameseNames` from @roster/rules for class-list order). */
export type NameComparator = (a: string, b: string) => number;

const LINKS: ReadonlyArray<readonly [Representative, "fatherId" | "motherId" | "guardianId"]> = [
  ["mother", "motherId"],
  ["father", "fatherId"],
  ["guardian", "guardianId"],
];

/**
 * The child's legal representative (the parent who files the request), or, when none is
 * chosen or its link is broken, the first linked adult (mother, father, guardian): the
 * call list must name someone to phone.
 */
export function representativeOf(child: Child, guardian: (id: string) => Guardian | undefined): CallListRepresentative | undefined {
  const chosen = LINKS.find(([relation]) => relation === child.representative);
  const order = chosen === undefined ? LINKS : [chosen, ...LINKS.filter((l) => l !== chosen)];
  for (const [relation, link] of order) {
    const id = child[link];
    const found = id ? guardian(id) : undefined;
    if (found !== undefined) return { relation, guardian: found };
  }
  return undefined;
}

/** The numbered call list: sorted by name with `compare`, then date of birth, then id. */
export function buildCallList(
  children: readonly Child[],
  guardian: (id: string) => Guardian | undefined,
  attendance: ReadonlyMap<string, Attendance>,
  compare: NameComparator,
): CallListEntry[] {
  const sorted = [...children].sort(
    (a, b) =>
      compare(a.fullName ?? "", b.fullName ?? "") ||
      (a.dob ?? "").localeCompare(b.dob ?? "") ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  return sorted.map((child, i) => ({
    no: i + 1,
    child,
    representative: representativeOf(child, guardian),
    attendance: attendance.get(child.id),
  }));
}

/** The counts of a session from its capacity, its assigned children and the ticks. */
export function summarize(capacity: number, assignedIds: readonly string[], attendance: ReadonlyMap<string, Attendance>): SessionSummary {
  let came = 0;
  let absent = 0;
  for (const id of assignedIds) {
    const mark = attendance.get(id);
    if (mark === undefined) continue;
    if (mark.came) came++;
    else absent++;
  }
  const assigned = assignedIds.length;
  return {
    capacity,
    assigned,
    came,
    absent,
    unmarked: assigned - came - absent,
    free: Math.max(0, capacity - assigned),
    over: assigned > capacity,
  };
}
