import { foldName } from "@roster/rules";
import type { ChildRow } from "../roster/child-row";
import { matchesNeed, type NeedFilter } from "./child-tasks";

/** What the person narrowed the assignment list to. Empty strings mean "all". */
export interface CandidateFilter {
  readonly need: NeedFilter;
  readonly village: string;
  readonly school: string;
  readonly query: string;
}

export const NO_CANDIDATE_FILTER: CandidateFilter = { need: "todo", village: "", school: "", query: "" };

/**
 * Children that can be assigned: not removed, in no live session (a child of a cancelled
 * session, or with an old free-text appointment, is offered again), matching the filter.
 * Rows keep their class-list order.
 */
export function candidateRows(
  rows: readonly ChildRow[],
  inLiveSession: (childId: string) => boolean,
  filter: CandidateFilter,
): ChildRow[] {
  const query = foldName(filter.query.trim());
  return rows.filter((row) => {
    const child = row.child;
    if (child.removed === true || inLiveSession(child.id)) return false;
    if (!matchesNeed(child, filter.need)) return false;
    if (filter.village !== "" && (child.village ?? "") !== filter.village) return false;
    if (filter.school !== "" && (child.school ?? "") !== filter.school) return false;
    return query === "" || row.folded.includes(query);
  });
}

const collator = new Intl.Collator("vi", { numeric: true });

/** The villages named in the roster's records (not removed), for the filter menu. */
export function villagesOf(rows: readonly ChildRow[]): string[] {
  const villages = new Set<string>();
  for (const row of rows) if (row.child.removed !== true && row.child.village) villages.add(row.child.village);
  return [...villages].sort(collator.compare);
}
