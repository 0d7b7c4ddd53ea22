import type { RosterRecords, RosterReview } from "@roster/doc";
import { markOf, markRoster, sameMark, type ChildMarking } from "./compute-marks";

/**
 * Evaluates a roster and writes into the review document only the marks that changed
 * (the evaluation time aside), so an edit of one child sends one small update to every
 * client rather than the whole list. Call it inside the review room's `write`.
 * Returns the markings (for callers that answer with them) and how many marks changed.
 */
export function writeMarks(
  records: RosterRecords,
  review: RosterReview,
  origin: unknown,
  asOf: string,
  at: string,
): { markings: Map<string, ChildMarking>; written: number } {
  const children = records.listChildren({ includeRemoved: true });
  const markings = markRoster(children, records.guardiansById(), review.verifications(), records.conflicts(), asOf);
  const existing = review.marks();
  let written = 0;
  for (const [id, marking] of markings) {
    const mark = markOf(marking, at);
    if (sameMark(existing.get(id), mark)) continue;
    review.setMark(id, mark, origin);
    written++;
  }
  // Removed children (and any an outside client deleted) carry no mark.
  for (const id of existing.keys()) {
    if (!markings.has(id) && review.removeMark(id, origin)) written++;
  }
  return { markings, written };
}
