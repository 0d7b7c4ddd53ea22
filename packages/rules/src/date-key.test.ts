import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dateText } from "./arbitraries.fixtures";
import { dateKey, dayNumberOfKey, NO_DATE } from "./date-key";
import { ageAt, daysBetween, isIsoDate, parseIsoDate } from "./dates";
import { referenceAgeAt, referenceDaysBetween, referenceParseIsoDate } from "./reference-records.fixtures";

describe("dateKey", () => {
  it.each([
    ["2012-06-08", 20120608],
    ["1800-01-01", 18000101],
    ["2999-12-31", 29991231],
    ["2012-02-29", 20120229],
    ["2013-02-29", NO_DATE],
    ["2012-6-08", NO_DATE],
    ["2012/06/08", NO_DATE],
    ["２０１２-06-08", NO_DATE],
    [null, NO_DATE],
  ])("%j → %i", (s, key) => {
    expect(dateKey(s)).toBe(key);
  });

  it("counts days as Date.UTC does, for every date from 1800 to 2999", () => {
    let checked = 0;
    for (let ms = Date.UTC(1800, 0, 1); ms <= Date.UTC(2999, 11, 31); ms += 86_400_000) {
      const iso = new Date(ms).toISOString().slice(0, 10);
      if (dayNumberOfKey(dateKey(iso)) !== ms / 86_400_000) expect.fail(`${iso}: ${dayNumberOfKey(dateKey(iso))}`);
      checked++;
    }
    expect(checked).toBe(438_291);
  });
});

// The date helpers now read keys by char codes; they must answer as the regular
// expression and Date.UTC versions did (reference-records.fixtures.ts).
describe("date helpers agree with the reference (property)", () => {
  it("parseIsoDate and isIsoDate", () => {
    fc.assert(
      fc.property(dateText, (s) => {
        expect(parseIsoDate(s)).toEqual(referenceParseIsoDate(s));
        expect(isIsoDate(s)).toBe(referenceParseIsoDate(s) !== null);
      }),
      { numRuns: 5000 },
    );
  });

  it("ageAt and daysBetween", () => {
    fc.assert(
      fc.property(dateText, dateText, (a, b) => {
        expect(ageAt(a, b)).toBe(referenceAgeAt(a, b));
        expect(daysBetween(a, b)).toBe(referenceDaysBetween(a, b));
      }),
      { numRuns: 5000 },
    );
  });
});
