// The whole evaluation, and each check the fast paths touched, must give exactly what the
// rules gave before them (reference-records.fixtures.ts) on records with every kind of
// slip: names of all sorts, impossible dates, malformed numbers, broken links.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bhytText, child, dateText, guardianPool, pidText } from "./arbitraries.fixtures";
import { bhytPersonKey, checkBhyt, parseBhyt } from "./bhyt";
import { evaluate, type Campaign } from "./evaluate";
import { checkGuardians } from "./guardians";
import { checkPid, normalizePid } from "./pid";
import {
  referenceCheckBhyt,
  referenceCheckGuardians,
  referenceCheckPid,
  referenceCheckResidence,
  referenceEvaluate,
} from "./reference-records.fixtures";
import { checkResidence } from "./residence";

const asOf = fc.oneof(fc.constantFrom("2026-06-08", "2020-02-29", "2013-01-01", "not a date"), dateText);
const campaign = fc.constantFrom<Campaign | null | undefined>(undefined, null, { minAge: 0, maxAgeExclusive: 100 });
const RUNS = { numRuns: 2000 };

describe("evaluation agrees with the reference (property)", () => {
  it("evaluate", () => {
    fc.assert(
      fc.property(child, guardianPool, asOf, campaign, (c, guardians, day, range) => {
        const ctx = range === undefined ? { guardians, asOf: day } : { guardians, asOf: day, campaign: range };
        expect(evaluate(c, ctx)).toEqual(referenceEvaluate(c, ctx));
      }),
      RUNS,
    );
  });

  it("checkGuardians and checkResidence, in their own order", () => {
    fc.assert(
      fc.property(child, guardianPool, asOf, (c, guardians, day) => {
        expect(checkGuardians(c, guardians, day)).toEqual(referenceCheckGuardians(c, guardians, day));
        expect(checkResidence(c, day)).toEqual(referenceCheckResidence(c, day));
      }),
      RUNS,
    );
  });

  it("checkPid, checkBhyt and the keys of the duplicate finder", () => {
    const gender = fc.constantFrom("male", "female", null, undefined);
    const options = fc.constantFrom({}, { codePrefix: "guardian.", field: "father.pid", who: "father" } as const);
    fc.assert(
      fc.property(fc.option(pidText, { nil: null }), fc.option(dateText, { nil: null }), gender, options, (pid, dob, g, o) => {
        expect(checkPid(pid, { dob, gender: g }, o)).toEqual(referenceCheckPid(pid, { dob, gender: g }, o));
        // What the duplicate finder keys children by.
        expect(normalizePid(pid ?? "")).toBe((pid ?? "").replace(/[\s.\-\u2010-\u2013\u2212]/g, ""));
      }),
      RUNS,
    );
    fc.assert(
      fc.property(fc.option(fc.oneof(bhytText, pidText), { nil: null }), (no) => {
        expect(checkBhyt(no)).toEqual(referenceCheckBhyt(no));
        expect(bhytPersonKey(no)).toBe(parseBhyt(no ?? "")?.ssn ?? null);
      }),
      RUNS,
    );
  });
});
