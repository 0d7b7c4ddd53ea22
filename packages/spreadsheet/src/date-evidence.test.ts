import { describe, expect, it } from "vitest";
import { dateEvidence, NO_EVIDENCE, reviewDate } from "./date-evidence";

const asOf = "2026-12-04";
const child = { asOf, person: "child" as const };
const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

describe("dateEvidence", () => {
  it("sees day-first text, month-first text and columns of Excel date cells", () => {
    expect(dateEvidence(["25/03/2015", "04/03/2015", null])).toEqual({ textDayFirst: true, textMonthFirst: false, allDateCells: false });
    expect(dateEvidence(["03/25/2015", "04/03/2015"])).toEqual({ textDayFirst: false, textMonthFirst: true, allDateCells: false });
    expect(dateEvidence([utc(2015, 3, 4), null, utc(2016, 5, 1)])).toEqual({ textDayFirst: false, textMonthFirst: false, allDateCells: true });
  });
});

describe("reviewDate", () => {
  it("reads day-first and asks nothing of a plain Vietnamese date", () => {
    expect(reviewDate("04/03/2015", dateEvidence(["04/03/2015", "25/12/2016"]), child)).toEqual({ value: "2015-03-04" });
  });

  it("never flips a column: one month-first row is read month-first and flagged, the others stay day-first", () => {
    const column = ["04/03/2015", "03/25/2015", "11/05/2016"];
    const evidence = dateEvidence(column);
    const [plain, odd, other] = column.map((cell) => reviewDate(cell, evidence, child));
    expect(odd).toMatchObject({ value: "2015-03-25", review: true });
    expect(plain).toMatchObject({ value: "2015-03-04", review: true });
    expect(other).toMatchObject({ value: "2016-05-11", review: true });
    expect(plain!.issue?.message.vi).toContain("04/03/2015");
    expect(plain!.issue?.message.vi).toContain("03/04/2015");
  });

  it("keeps an Excel date cell that may have been swapped as stored, in a column of day-first text, and flags it with the other reading", () => {
    const evidence = dateEvidence(["25/03/2015", utc(2015, 5, 3)]);
    const flagged = reviewDate(utc(2015, 5, 3), evidence, child);
    expect(flagged).toMatchObject({ value: "2015-05-03", review: true, issue: { kind: "warning" } });
    expect(flagged.issue?.message.vi).toContain("05/03/2015");
    // A day over 12 cannot have been swapped.
    expect(reviewDate(utc(2015, 5, 23), evidence, child)).toEqual({ value: "2015-05-23" });
  });

  it("keeps a column of date cells as stored but flags those that may be swapped", () => {
    const evidence = dateEvidence([utc(2015, 5, 3), utc(2016, 7, 20)]);
    expect(reviewDate(utc(2015, 5, 3), evidence, child)).toMatchObject({ value: "2015-05-03", review: true });
    expect(reviewDate(utc(2016, 7, 20), evidence, child)).toEqual({ value: "2016-07-20" });
    expect(reviewDate(utc(2015, 5, 3), NO_EVIDENCE, child)).toEqual({ value: "2015-05-03" });
  });
});
