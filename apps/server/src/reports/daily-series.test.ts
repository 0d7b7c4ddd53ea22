import { describe, expect, it } from "vitest";
import { sameCounts, zeroCounts } from "./campaign-counts";
import { decodeSeries, encodeSeries, MAX_DAYS, sumSeries, withToday, type DailyEntry } from "./daily-series";

const c = (children: number) => ({ ...zeroCounts(), children });
const day = (date: string, children: number): DailyEntry => ({ date, counts: c(children) });

describe("withToday", () => {
  const days = [day("2026-06-01", 5), day("2026-06-02", 7)];
  it("replaces today's entry and never touches an earlier day", () => {
    expect(withToday(days, day("2026-06-02", 9), sameCounts)).toEqual([day("2026-06-01", 5), day("2026-06-02", 9)]);
    expect(withToday(days, day("2026-06-03", 8), sameCounts)).toEqual([...days, day("2026-06-03", 8)]);
  });
  it("writes nothing when unchanged (the last day carries forward) or when the clock went back", () => {
    expect(withToday(days, day("2026-06-03", 7), sameCounts)).toBeUndefined();
    expect(withToday(days, day("2026-06-01", 1), sameCounts)).toBeUndefined();
  });
});

describe("sumSeries", () => {
  it("adds rosters day by day, carrying a roster's last entry over days it has none", () => {
    const a = [day("2026-06-01", 5), day("2026-06-03", 6)];
    const b = [day("2026-06-02", 10)];
    expect(sumSeries([a, b], "2026-06-04", c(20)).map((p) => [p.date, p.total.children])).toEqual([
      ["2026-06-01", 5],
      ["2026-06-02", 15],
      ["2026-06-03", 16],
      ["2026-06-04", 20],
    ]);
  });
  it("takes today from the live figures, not from a stored entry of today", () => {
    expect(sumSeries([[day("2026-06-04", 3)]], "2026-06-04", c(4))).toEqual([{ date: "2026-06-04", total: c(4) }]);
  });
});

describe("stored form", () => {
  it("round-trips, keeps the last MAX_DAYS days, and reads damage as empty", () => {
    const many = Array.from({ length: MAX_DAYS + 5 }, (_, i) => day(`2026-01-01`, i));
    expect(decodeSeries(encodeSeries(many))).toHaveLength(MAX_DAYS);
    expect(decodeSeries(encodeSeries([day("2026-06-01", 2)]))).toEqual([day("2026-06-01", 2)]);
    expect(decodeSeries("{not json")).toEqual([]);
    expect(decodeSeries(JSON.stringify({ v: 1, days: [{ date: "x" }] }))).toEqual([]);
    expect(decodeSeries(undefined)).toEqual([]);
  });
});
