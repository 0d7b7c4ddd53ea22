import { describe, expect, it } from "vitest";
import { applyFilter, facetsOf, insertSorted, isUnfiltered, NO_FILTER, sortRows } from "./filters";
import { fixtureRows } from "./roster-fixtures";

const ids = (rows: { child: { id: string } }[]) => rows.map((r) => r.child.id);

describe("search", () => {
  it.each([
    ["nguyen van an", ["c1"]],
    ["NGUYEN VAN AN", ["c1"]],
    ["Nguyễn Văn An", ["c1"]],
    ["dang minh duc", ["c4"]],
    ["duc", ["c4"]],
    ["thi", ["c2", "c3", "c6"]],
    ["hoa", ["c6"]],
    ["mai lo", ["c3"]],
    ["001215", ["c1"]],
    ["0012 1500 0123", ["c1"]],
    ["xyz", []],
    ["", ["c1", "c2", "c3", "c4", "c6"]],
  ])("%j finds %j", (query, expected) => {
    expect(ids(applyFilter(fixtureRows(), { ...NO_FILTER, query }))).toEqual(expected);
  });
});

describe("filters", () => {
  it("keeps removed children out unless asked", () => {
    expect(ids(applyFilter(fixtureRows(), NO_FILTER))).not.toContain("c5");
    expect(ids(applyFilter(fixtureRows(), { ...NO_FILTER, showRemoved: true }))).toContain("c5");
  });

  it("filters by school and grade together", () => {
    const rows = applyFilter(fixtureRows(), { ...NO_FILTER, school: "THCS Chiềng Sinh", grade: "6A" });
    expect(ids(rows)).toEqual(["c3", "c6"]);
  });

  it("filters by finding code and by status", () => {
    expect(ids(applyFilter(fixtureRows(), { ...NO_FILTER, code: "pid.missing" }))).toEqual(["c3"]);
    const needsFix = applyFilter(fixtureRows(), { ...NO_FILTER, status: "needs-fix" });
    expect(ids(needsFix)).toContain("c3");
    expect(needsFix.every((r) => r.status === "needs-fix")).toBe(true);
  });

  it("offers the schools, grades and codes present", () => {
    const facets = facetsOf(fixtureRows());
    expect(facets.schools).toEqual(["TH Kim Đồng", "THCS Chiềng Sinh"]);
    expect(facets.grades).toEqual(["3A", "4B", "5A", "6A"]);
    expect(facets.codes).toContain("pid.missing");
    expect(facets.codes).toContain("name.format");
  });
});

describe("sortRows", () => {
  it("sorts by given name first, the Vietnamese way", () => {
    // An < Ánh (tone after letters) < Bình < Đức (đ after d) < Hoà < Mai
    expect(ids(sortRows(applyFilter(fixtureRows(), { ...NO_FILTER, showRemoved: true })))).toEqual([
      "c1",
      "c2",
      "c5",
      "c4",
      "c6",
      "c3",
    ]);
  });
});

describe("insertSorted", () => {
  it("puts each row where sortRows would, ties broken by id", () => {
    const rows = fixtureRows();
    const twin = { ...rows[0]!, child: { ...rows[0]!.child, id: "c0" } };
    const all = [...rows, twin];
    for (let skip = 0; skip < all.length; skip += 1) {
      const sorted = sortRows(all.filter((_, i) => i !== skip));
      insertSorted(sorted, all[skip]!);
      expect(ids(sorted)).toEqual(ids(sortRows(all)));
    }
  });
});

describe("isUnfiltered", () => {
  it("is true for the list as it opens only", () => {
    expect(isUnfiltered(NO_FILTER)).toBe(true);
    expect(isUnfiltered({ ...NO_FILTER })).toBe(true);
    expect(isUnfiltered({ ...NO_FILTER, query: "an" })).toBe(false);
    expect(isUnfiltered({ ...NO_FILTER, showRemoved: true })).toBe(false);
  });
});
