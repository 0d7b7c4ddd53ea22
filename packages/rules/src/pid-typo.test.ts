import { describe, expect, it } from "vitest";
import { pidsNearlyEqual } from "./pid-typo";

describe("pidsNearlyEqual", () => {
  it("is true for one or two wrong digits and for two neighbours swapped", () => {
    expect(pidsNearlyEqual("001215012345", "001215012346")).toBe(true);
    expect(pidsNearlyEqual("001215012345", "001215013245")).toBe(true);
    expect(pidsNearlyEqual("001 215 012 345", "001215012355")).toBe(true);
  });

  it("is false for equal numbers, three wrong digits, or anything but 12 digits", () => {
    expect(pidsNearlyEqual("001215012345", "001215012345")).toBe(false);
    expect(pidsNearlyEqual("001215012345", "001215099945")).toBe(false);
    expect(pidsNearlyEqual("01215012345", "001215012345")).toBe(false);
    expect(pidsNearlyEqual(null, "001215012345")).toBe(false);
  });
});
