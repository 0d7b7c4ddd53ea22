import { describe, expect, it } from "vitest";
import type { CampaignCounts, DailyProgressPoint } from "@roster/schema";
import { chartHorizon, chartSeries, linePoints, percent, shareOf, targetLine } from "./progress-math";

const counts = (over: Partial<CampaignCounts>): CampaignCounts => ({
  children: 100, inCampaignAge: 80, validPid: 0, clean: 0, needsFix: 0, verified: 0,
  idCardApplied: 0, idCardIssued: 0, vneidLevel2: 0, healthBook: 0, residenceRegistered: 0, ...over,
});

describe("progress figures", () => {
  it("gives percentages with one decimal and 0 for an empty base", () => {
    expect(percent(1, 3)).toBe(33.3);
    expect(percent(5, 0)).toBe(0);
  });

  it("counts campaign figures against the children in campaign age, statuses against all children", () => {
    const c = counts({ vneidLevel2: 20, verified: 25 });
    expect(shareOf(c, "vneidLevel2")).toBe(25);
    expect(shareOf(c, "verified")).toBe(25);
    expect(shareOf(c, "children")).toBeNull();
  });

  it("draws the target line 10 points a week above the first day, capped at 100", () => {
    const daily: DailyProgressPoint[] = [
      { date: "2026-11-01", total: counts({ vneidLevel2: 8 }) },
      { date: "2026-11-08", total: counts({ vneidLevel2: 12 }) },
      { date: "2027-02-01", total: counts({ vneidLevel2: 40 }) },
    ];
    const series = chartSeries(daily, "vneidLevel2", 10);
    expect(series.map((p) => [p.day, p.actual, p.target])).toEqual([
      [0, 10, 10],
      [7, 15, 20],
      [92, 50, 100],
    ]);
  });

  it("maps 0 % to the bottom and 100 % to the top, days across the horizon", () => {
    const box = { width: 100, height: 100, left: 10, right: 10, top: 10, bottom: 10 };
    expect(linePoints([{ day: 0, value: 0 }, { day: 10, value: 100 }], box, 10)).toBe("10.0,90.0 90.0,10.0");
    expect(linePoints([{ day: 0, value: 50 }], box, 7)).toBe("10.0,50.0");
  });

  it("spans at least a week, so a first day still shows where the target goes", () => {
    const first = [{ date: "2026-11-23", day: 0, actual: 20, target: 20 }];
    const horizon = chartHorizon(first);
    expect(horizon).toBe(7);
    expect(targetLine(first, 10, horizon)).toEqual([{ day: 0, value: 20 }, { day: 7, value: 30 }]);
    // From 95 %, the line reaches 100 % after 3.5 days and stays there.
    expect(targetLine([{ date: "d", day: 0, actual: 95, target: 95 }], 10, 7)).toEqual([{ day: 0, value: 95 }, { day: 3.5, value: 100 }, { day: 7, value: 100 }]);
  });
});
