import { describe, expect, it } from "vitest";
import { BASE_PROBLEM_SHARES, DEFAULT_PROBLEM_RATE, PROBLEM_KINDS, problemRateOf, sharesForRate } from "./problems";

describe("problem shares", () => {
  it("put the realistic mix at about 60% of records with some problem", () => {
    expect(DEFAULT_PROBLEM_RATE).toBeGreaterThan(0.55);
    expect(DEFAULT_PROBLEM_RATE).toBeLessThan(0.65);
  });

  it.each([0.05, 0.2, 0.5, DEFAULT_PROBLEM_RATE, 0.9])("reach the asked rate %f", (rate) => {
    expect(problemRateOf(sharesForRate(rate))).toBeCloseTo(rate, 6);
  });

  it("keep the proportions between problems when scaling", () => {
    const half = sharesForRate(0.3);
    const ratio = half["pid.missing"] / BASE_PROBLEM_SHARES["pid.missing"];
    expect(ratio).toBeGreaterThan(0.3);
    expect(ratio).toBeLessThan(0.7);
    for (const kind of PROBLEM_KINDS) expect(half[kind]).toBeCloseTo(BASE_PROBLEM_SHARES[kind] * ratio, 9);
  });

  it("plant nothing at 0 and make the commonest problem certain at 1", () => {
    for (const kind of PROBLEM_KINDS) expect(sharesForRate(0)[kind]).toBe(0);
    const all = sharesForRate(1);
    expect(all["representative.no_level2"]).toBe(1);
    expect(all["pid.missing"]).toBeLessThan(1);
  });

  it("refuse a rate outside 0..1", () => {
    for (const bad of [-0.1, 1.2, Number.NaN]) expect(() => sharesForRate(bad)).toThrow(RangeError);
  });
});
