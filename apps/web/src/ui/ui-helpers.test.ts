import { describe, expect, it } from "vitest";
import { parsePath, pathOf, type Route } from "./route";
import { windowRange } from "./window-range";

describe("routes", () => {
  const routes: Route[] = [
    { name: "rosters" },
    { name: "roster", rosterId: "thon-dong" },
    { name: "child", rosterId: "thon-dong", childId: "V1StGXR8_Z5jdHi6B-myT" },
    { name: "newChild", rosterId: "thon-dong" },
    { name: "verify", rosterId: "thon-dong" },
    { name: "verify", rosterId: "thon-dong", childId: "abc" },
  ];
  it.each(routes)("round-trips %j", (route) => {
    expect(parsePath(pathOf(route))).toEqual(route);
  });

  it.each(["/nope", "/r", "/r/x/c", "/r/x/c/y/z", "/r/x/other"])("sends unknown %s to the roster list", (path) => {
    expect(parsePath(path)).toEqual({ name: "rosters" });
  });
});

describe("windowRange", () => {
  it.each([
    // scrollTop, viewport, rowHeight, count, overscan → start, end
    [0, 844, 72, 5000, 6, 0, 19],
    [72 * 1000, 844, 72, 5000, 6, 994, 1019],
    [72 * 4990, 844, 72, 5000, 6, 4984, 5000],
    [0, 844, 72, 3, 6, 0, 3],
    [500, 844, 72, 0, 6, 0, 0],
    [1e9, 844, 72, 10, 2, 7, 10],
  ])("scrollTop %d viewport %d row %d count %d", (top, height, row, count, overscan, start, end) => {
    expect(windowRange(top, height, row, count, overscan)).toEqual({ start, end });
  });

  it("never renders more than a screenful plus overscan, however long the list", () => {
    const { start, end } = windowRange(123_456, 844, 72, 100_000, 6);
    expect(end - start).toBeLessThanOrEqual(Math.ceil(844 / 72) + 1 + 12);
  });
});
