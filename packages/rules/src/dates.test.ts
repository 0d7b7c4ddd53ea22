import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, ageAt, daysBetween, formatDayFirstDate, formatIsoDate, isIsoDate, isoDateInVietnam, parseDayFirstDate, parseIsoDate } from "./dates";

describe("parseIsoDate", () => {
  it.each([
    ["2012-06-08", { year: 2012, month: 6, day: 8 }],
    ["2012-02-29", { year: 2012, month: 2, day: 29 }],
    ["2000-02-29", { year: 2000, month: 2, day: 29 }],
    ["2019-12-31", { year: 2019, month: 12, day: 31 }],
    ["1800-01-01", { year: 1800, month: 1, day: 1 }],
    ["2999-12-31", { year: 2999, month: 12, day: 31 }],
    ["2016-04-30", { year: 2016, month: 4, day: 30 }],
  ])("accepts %s", (s, expected) => {
    expect(parseIsoDate(s)).toEqual(expected);
    expect(isIsoDate(s)).toBe(true);
  });

  it.each([
    ["2013-02-29", "29 February of a common year"],
    ["1900-02-29", "1900 is not a leap year"],
    ["2016-04-31", "April has 30 days"],
    ["2016-13-01", "month 13"],
    ["2016-00-10", "month 0"],
    ["2016-01-00", "day 0"],
    ["2016-01-32", "day 32"],
    ["1799-12-31", "before 1800"],
    ["3000-01-01", "after 2999"],
    ["2016-1-5", "missing zeros"],
    ["08/06/2012", "Vietnamese day/month/year"],
    ["2012/06/08", "slashes"],
    [" 2012-06-08", "leading space"],
    ["2012-06-08T00:00:00Z", "a timestamp"],
    ["20120608", "no separators"],
    ["２０１２-06-08", "full-width digits"],
    ["", "empty"],
    [null, "null"],
    [undefined, "undefined"],
  ])("rejects %s (%s)", (s, _reason) => {
    expect(parseIsoDate(s)).toBeNull();
    expect(isIsoDate(s)).toBe(false);
  });
});

describe("ageAt", () => {
  it.each([
    ["2012-06-08", "2026-06-08", 14, "the 14th birthday itself counts"],
    ["2012-06-08", "2026-06-07", 13, "the day before the birthday"],
    ["2020-06-08", "2026-06-08", 6, "turns 6 on the first intake day"],
    ["2020-06-09", "2026-06-08", 5, "turns 6 the day after"],
    ["2012-12-31", "2026-01-01", 13, "new year's day"],
    ["2012-02-29", "2026-02-28", 13, "a leap-day birthday not yet reached on 28 February"],
    ["2012-02-29", "2026-03-01", 14, "a leap-day birthday reached on 1 March"],
    ["2012-02-29", "2024-02-29", 12, "a leap-day birthday in a leap year"],
    ["1988-07-15", "2026-06-08", 37, "a parent"],
    ["2026-06-08", "2026-06-08", 0, "born today"],
    ["2026-06-09", "2026-06-08", -1, "born tomorrow (negative, caller reports dob.future)"],
  ])("born %s, at %s → %i (%s)", (dob, asOf, age) => {
    expect(ageAt(dob, asOf)).toBe(age);
  });

  it.each([
    ["2013-02-29", "2026-06-08"],
    ["2012-06-08", "2026-02-30"],
    ["", "2026-06-08"],
    ["08/06/2012", "2026-06-08"],
  ])("is null for %s at %s", (dob, asOf) => {
    expect(ageAt(dob, asOf)).toBeNull();
  });
});

describe("daysBetween", () => {
  it.each([
    ["2026-06-08", "2026-06-08", 0],
    ["2026-06-08", "2026-06-30", 22],
    ["2026-06-30", "2026-06-08", -22],
    ["2024-02-28", "2024-03-01", 2],
    ["2023-02-28", "2023-03-01", 1],
    ["2025-12-31", "2026-01-01", 1],
    ["1999-12-31", "2000-01-01", 1],
    ["2014-01-01", "2015-01-01", 365],
    ["2016-01-01", "2017-01-01", 366],
    // Around the switch to daylight saving elsewhere: UTC arithmetic has no 23-hour days.
    ["2026-03-28", "2026-03-30", 2],
    ["2026-10-24", "2026-10-26", 2],
  ])("%s → %s is %i days", (from, to, days) => {
    expect(daysBetween(from, to)).toBe(days);
  });

  it("is null when either date is invalid", () => {
    expect(daysBetween("2013-02-29", "2013-03-01")).toBeNull();
    expect(daysBetween("2013-03-01", "")).toBeNull();
  });
});

describe("addDays", () => {
  it.each([
    ["2026-06-08", 0, "2026-06-08"],
    ["2026-06-08", 22, "2026-06-30"],
    ["2026-06-30", -22, "2026-06-08"],
    // The 60-day residence deadline after a birth registration.
    ["2024-01-15", 60, "2024-03-15"],
    ["2023-01-15", 60, "2023-03-16"],
    ["2024-12-31", 1, "2025-01-01"],
    ["2024-03-01", -1, "2024-02-29"],
    ["2023-03-01", -1, "2023-02-28"],
  ])("%s + %i days = %s", (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it.each([
    ["2013-02-29", 1],
    ["2026-06-08", 1.5],
    ["2026-06-08", Number.NaN],
    ["2999-12-31", 1],
    ["1800-01-01", -1],
  ])("throws a RangeError for %s + %s", (date, days) => {
    expect(() => addDays(date, days)).toThrow(RangeError);
  });
});

describe("isoDateInVietnam", () => {
  it.each([
    ["2026-06-07T16:59:59.999Z", "2026-06-07", "23:59 in Hà Nội"],
    ["2026-06-07T17:00:00.000Z", "2026-06-08", "midnight in Hà Nội, still the 7th in UTC"],
    ["2026-06-08T16:30:00.000Z", "2026-06-08", "23:30 in Hà Nội"],
    ["2025-12-31T17:00:00.000Z", "2026-01-01", "new year in Hà Nội first"],
    ["2024-02-28T18:00:00.000Z", "2024-02-29", "a leap day"],
    ["2026-03-29T01:30:00.000Z", "2026-03-29", "no daylight saving (Europe switches this night)"],
  ])("%s → %s (%s)", (instant, date) => {
    expect(isoDateInVietnam(new Date(instant))).toBe(date);
  });

  it("throws for an invalid Date", () => {
    expect(() => isoDateInVietnam(new Date("not a date"))).toThrow(RangeError);
  });
});

describe("formatIsoDate", () => {
  it("pads month, day and year", () => {
    expect(formatIsoDate({ year: 1805, month: 3, day: 7 })).toBe("1805-03-07");
  });
});

describe("properties", () => {
  const validDate = fc
    .date({ min: new Date("1900-01-01T00:00:00Z"), max: new Date("2899-12-31T00:00:00Z"), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));
  const offset = fc.integer({ min: -20_000, max: 20_000 });

  it("addDays and daysBetween are inverse", () => {
    fc.assert(
      fc.property(validDate, offset, (date, days) => {
        const later = addDays(date, days);
        expect(isIsoDate(later)).toBe(true);
        expect(daysBetween(date, later)).toBe(days);
        expect(addDays(later, -days)).toBe(date);
      }),
    );
  });

  it("parse and format round-trip", () => {
    fc.assert(fc.property(validDate, (date) => formatIsoDate(parseIsoDate(date)!) === date));
  });

  it("age never decreases and stays within the day count of its years", () => {
    fc.assert(
      fc.property(validDate, fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: 0, max: 800 }), (dob, a, b) => {
        const first = addDays(dob, a);
        const second = addDays(first, b);
        const age = ageAt(dob, first)!;
        expect(ageAt(dob, second)!).toBeGreaterThanOrEqual(age);
        // n completed years span at least 365·n days and fewer than 366·(n + 1).
        expect(age * 365).toBeLessThanOrEqual(a);
        expect(a).toBeLessThan((age + 1) * 366);
      }),
    );
  });
});

describe("day-first dates as people type and read them", () => {
  it("reads dd/mm/yyyy and its usual variants as the stored ISO date", () => {
    expect(parseDayFirstDate("11/12/2016")).toBe("2016-12-11");
    expect(parseDayFirstDate("4/3/2015")).toBe("2015-03-04");
    expect(parseDayFirstDate(" 04.03.2015 ")).toBe("2015-03-04");
    expect(parseDayFirstDate("04-03-2015")).toBe("2015-03-04");
    expect(parseDayFirstDate("04032015")).toBe("2015-03-04");
  });

  it("refuses what names no real date, month-first impossibles included", () => {
    for (const text of ["", "12/31/2016", "29/02/2015", "2016-12-11", "11/12/16", "abc", "00/01/2016"]) {
      expect(parseDayFirstDate(text)).toBeNull();
    }
    expect(parseDayFirstDate("29/02/2016")).toBe("2016-02-29");
  });

  it("writes a stored date day first and leaves other text alone", () => {
    expect(formatDayFirstDate("2016-12-11")).toBe("11/12/2016");
    expect(formatDayFirstDate("not a date")).toBe("not a date");
    for (const iso of ["2016-12-11", "2015-03-04", "1999-01-31"]) expect(parseDayFirstDate(formatDayFirstDate(iso))).toBe(iso);
  });
});
