import { describe, expect, it } from "vitest";
import type { Child } from "@roster/schema";
import { pendingRow } from "./child-row";
import { FIRST_SCREEN_ROWS, FirstScreenSchema, firstScreenOf, firstScreenSnapshot } from "./first-screen";
import { applyFilter, NO_FILTER, sortRows } from "./filters";
import { AS_OF, fixtureRows } from "./roster-fixtures";

const OWNER = { userId: "u-hamlet", rosterId: "thon-dong" };

/** A village bigger than one screen, with every fifth child removed. */
function village(count: number) {
  const rows = Array.from({ length: count }, (_, i) => {
    const child: Child = {
      id: `c${i}`,
      fullName: `Nguyễn Văn ${String(i).padStart(3, "0")}`,
      dob: "2015-03-02",
      school: "TH Kim Đồng",
      grade: "5A",
      pid: `0012150${String(i).padStart(5, "0")}`,
      removed: i % 5 === 0,
    };
    return pendingRow(child, { folded: child.fullName as string, sortKey: child.fullName as string });
  });
  return sortRows(rows);
}

describe("firstScreenOf", () => {
  it("keeps the head of the unfiltered list and counts the children not removed", () => {
    const rows = village(100);
    const screen = firstScreenOf(rows, OWNER);
    const unfiltered = applyFilter(rows, NO_FILTER);
    expect(screen.total).toBe(unfiltered.length);
    expect(screen.total).toBe(80);
    expect(screen.rows.map((r) => r.id)).toEqual(unfiltered.slice(0, FIRST_SCREEN_ROWS).map((r) => r.child.id));
    expect(screen).toMatchObject(OWNER);
  });

  it("holds only what a list row shows", () => {
    const [row] = firstScreenOf(village(3), OWNER).rows;
    expect(Object.keys(row ?? {}).sort()).toEqual(["dob", "fullName", "grade", "id", "school"]);
  });

  it("keeps a short roster whole, in class-list order", () => {
    const rows = sortRows(fixtureRows());
    const screen = firstScreenOf(rows, OWNER);
    expect(screen.rows.map((r) => r.fullName)).toEqual(applyFilter(rows, NO_FILTER).map((r) => r.child.fullName));
    expect(screen.rows.map((r) => r.id)).not.toContain("c5");
  });
});

describe("firstScreenSnapshot", () => {
  it("lists the kept rows, in their order, each pending, with the kept total", () => {
    const screen = FirstScreenSchema.parse(JSON.parse(JSON.stringify(firstScreenOf(sortRows(fixtureRows()), OWNER))));
    const snapshot = firstScreenSnapshot(screen, AS_OF);
    expect(snapshot.partial).toEqual({ total: 5 });
    expect(snapshot.rows.map((r) => r.child.fullName)).toEqual(screen.rows.map((r) => r.fullName));
    expect(snapshot.rows.every((r) => r.pending === true)).toBe(true);
    expect(snapshot.byId.get("c3")?.child.school).toBe("THCS Chiềng Sinh");
    // Searching the kept rows works without diacritics, like the full list.
    expect(applyFilter(snapshot.rows, { ...NO_FILTER, query: "lo thi mai" }).map((r) => r.child.id)).toEqual(["c3"]);
  });
});
