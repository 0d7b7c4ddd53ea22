import { describe, expect, it } from "vitest";
import { swapDayMonth, yearsBefore } from "./calendar";
import { gradeFor } from "./child-record";
import { centuryGenderDigit } from "./pid-number";

describe("calendar helpers", () => {
  it.each([
    ["2026-06-01", 14, "2012-06-01"],
    ["2024-02-29", 1, "2023-02-28"],
    ["2024-02-29", 4, "2020-02-29"],
  ])("yearsBefore(%s, %i) = %s", (date, years, expected) => {
    expect(yearsBefore(date, years)).toBe(expected);
  });

  it.each([
    ["2015-03-07", "2015-07-03"],
    ["2015-12-01", "2015-01-12"],
    ["2015-03-13", null],
    ["2015-05-05", null],
  ])("swapDayMonth(%s) = %s", (date, expected) => {
    expect(swapDayMonth(date)).toBe(expected);
  });
});

describe("gradeFor", () => {
  it.each([
    [2019, "2026-06-01", 1],
    [2011, "2026-06-01", 9],
    [2020, "2026-06-01", 0],
    [2019, "2026-09-05", 2],
  ])("born %i, on %s: grade %i", (year, asOf, grade) => {
    expect(gradeFor(year, asOf)).toBe(grade);
  });
});

describe("centuryGenderDigit", () => {
  it.each([
    [2015, "male", "2"],
    [2015, "female", "3"],
    [1985, "male", "0"],
    [1958, "female", "1"],
    [2100, "male", "4"],
  ] as const)("born %i, %s: %s", (year, gender, digit) => {
    expect(centuryGenderDigit(year, gender)).toBe(digit);
  });
});
