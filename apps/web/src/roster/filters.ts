import type { Status } from "@roster/schema";
import type { ChildRow } from "./child-row";
import { matchesQuery, prepareQuery } from "./search";

/** What a person narrowed the list to. Empty strings mean "all". */
export interface RosterFilter {
  readonly query: string;
  readonly status: Status | "";
  readonly school: string;
  readonly grade: string;
  /** A finding code, e.g. `pid.missing`. */
  readonly code: string;
  readonly showRemoved: boolean;
}

export const NO_FILTER: RosterFilter = { query: "", status: "", school: "", grade: "", code: "", showRemoved: false };

/** True when `filter` narrows nothing (the list as it opens). */
export function isUnfiltered(filter: RosterFilter): boolean {
  return (Object.keys(NO_FILTER) as (keyof RosterFilter)[]).every((key) => filter[key] === NO_FILTER[key]);
}

/** The rows passing `filter`, in the order given. */
export function applyFilter(rows: readonly ChildRow[], filter: RosterFilter): ChildRow[] {
  const query = prepareQuery(filter.query);
  return rows.filter((row) => {
    const child = row.child;
    if (child.removed === true && !filter.showRemoved) return false;
    if (filter.status !== "" && row.status !== filter.status) return false;
    if (filter.school !== "" && (child.school ?? "") !== filter.school) return false;
    if (filter.grade !== "" && (child.grade ?? "") !== filter.grade) return false;
    if (filter.code !== "" && !row.findings.some((f) => f.code === filter.code)) return false;
    return matchesQuery({ folded: row.folded, numbers: [child.pid, child.bhyt] }, query);
  });
}

/** Class-list order: by given name, family name, middle names (Vietnamese collation), then id. */
export function compareRows(a: ChildRow, b: ChildRow): number {
  return a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : a.child.id < b.child.id ? -1 : a.child.id > b.child.id ? 1 : 0;
}

/** Rows in class-list order (`compareRows`). */
export function sortRows(rows: readonly ChildRow[]): ChildRow[] {
  return [...rows].sort(compareRows);
}

/** Puts `row` into `sorted` (in class-list order) where `sortRows` would have it. */
export function insertSorted(sorted: ChildRow[], row: ChildRow): void {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compareRows(sorted[middle] as ChildRow, row) < 0) low = middle + 1;
    else high = middle;
  }
  sorted.splice(low, 0, row);
}

/** The values to offer in the filter menus, from the rows themselves. */
export interface Facets {
  readonly schools: string[];
  readonly grades: string[];
  readonly codes: string[];
}

const collator = new Intl.Collator("vi", { numeric: true });

/** Distinct schools, grades and finding codes present among `rows` (not removed). */
export function facetsOf(rows: readonly ChildRow[]): Facets {
  const schools = new Set<string>();
  const grades = new Set<string>();
  const codes = new Set<string>();
  for (const row of rows) {
    if (row.child.removed === true) continue;
    if (row.child.school) schools.add(row.child.school);
    if (row.child.grade) grades.add(row.child.grade);
    for (const f of row.findings) codes.add(f.code);
  }
  return facetsFrom(schools, grades, codes);
}

/** Facets from the distinct values, in menu order (Vietnamese collation, numbers as numbers). */
export function facetsFrom(schools: Iterable<string>, grades: Iterable<string>, codes: Iterable<string>): Facets {
  return {
    schools: [...schools].sort(collator.compare),
    grades: [...grades].sort(collator.compare),
    codes: [...codes].sort(),
  };
}
