import type { RosterReview } from "@roster/doc";
import { isoDateInVietnam } from "@roster/rules";
import { expect } from "vitest";
import * as Y from "yjs";
import { markOf, sameMark } from "../../src/marks/compute-marks";
import { readStoredRoster } from "../../src/rosters/stored-roster";
import type { Store } from "../../src/storage/store";

/**
 * How many values of each key of `map` are alive in the document's structs (a Y.Map shows
 * one, the last; two owners writing the same mark concurrently would leave one alive too,
 * unless the structs were damaged: this reads the structs themselves).
 */
export function liveValuesPerKey(map: Y.Map<unknown>): Map<string, number> {
  const counts = new Map<string, number>();
  if (!map.doc) return counts;
  for (const structs of map.doc.store.clients.values()) {
    for (const struct of structs) {
      if (!(struct instanceof Y.Item) || struct.deleted || struct.parent !== map || struct.parentSub === null) continue;
      counts.set(struct.parentSub, (counts.get(struct.parentSub) ?? 0) + 1);
    }
  }
  return counts;
}

/**
 * The marks of `review` are those of a fresh evaluation of what is stored: every present
 * child has exactly one live mark, saying what the engine says now, and no other child has one.
 * The stored review document says the same.
 */
export async function expectMarksOfStore(review: RosterReview, store: Store, rosterId: string): Promise<number> {
  const stored = await readStoredRoster(store, rosterId, isoDateInVietnam(new Date()));
  try {
    for (const [source, marks] of [
      ["client", review.marks()],
      ["store", stored.review.marks()],
    ] as const) {
      const wrong = [...stored.markings].filter(([id, marking]) => !sameMark(marks.get(id), markOf(marking, "")));
      expect(
        wrong.map(([id, marking]) => ({ id, mark: marks.get(id), fresh: markOf(marking, "") })),
        `${source}: marks unlike a fresh evaluation`,
      ).toEqual([]);
      expect([...marks.keys()].filter((id) => !stored.markings.has(id)), `${source}: marks of no present child`).toEqual([]);
    }
    const doubles = [...liveValuesPerKey(review.doc.getMap("marks"))].filter(([, n]) => n !== 1);
    expect(doubles, "children with more than one live mark").toEqual([]);
    return stored.markings.size;
  } finally {
    stored.destroy();
  }
}
