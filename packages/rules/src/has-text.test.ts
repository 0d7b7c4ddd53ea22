import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hasText } from "./has-text";
import { referenceHasText } from "./reference-records.fixtures";

describe("hasText", () => {
  it.each([
    ["An", true], [" An", true], ["\u00a0", false], ["\t\n", false], ["", false], ["\ufeffx", true],
    ["\u3000", false], [null, false], [undefined, false], [12, false],
  ])("%j → %s", (value, expected) => {
    expect(hasText(value)).toBe(expected);
  });

  it("agrees with trimming (property)", () => {
    const spaces = fc.constantFrom(" ", "\t", "\u00a0", "\u2028", "\ufeff", "\u3000", "\u200b", "x", "~", "\u007f");
    const text = fc.oneof(fc.string({ unit: "binary", maxLength: 20 }), fc.array(spaces, { maxLength: 8 }).map((a) => a.join("")));
    fc.assert(
      fc.property(text, (s) => {
        expect(hasText(s)).toBe(referenceHasText(s));
      }),
      { numRuns: 1000 },
    );
  });
});
