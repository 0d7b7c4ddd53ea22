import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { withinOneEdit } from "./edit-distance";
import { oneEditPairs } from "./one-edit-pairs";

const everyPair = (names: readonly string[]) => {
  const pairs: [number, number][] = [];
  for (let i = 0; i < names.length; i++) {
    for (let j = i + 1; j < names.length; j++) if (withinOneEdit(names[i]!, names[j]!)) pairs.push([i, j]);
  }
  return pairs;
};

// Lists of up to a few hundred names are scanned by length; longer ones (one placeholder
// date of birth for a whole list) go through the deletion index. Both must find exactly
// the pairs a comparison of every pair finds, in order.
describe("oneEditPairs, both ways (property)", () => {
  const name = fc.string({ unit: fc.constantFrom("a", "n", "h", "t", " "), minLength: 1, maxLength: 7 });

  it("on lists scanned by length", () => {
    fc.assert(fc.property(fc.uniqueArray(name, { maxLength: 120 }), (names) => {
      expect(oneEditPairs(names)).toEqual(everyPair(names));
    }), { numRuns: 300 });
  });

  it("on lists long enough for the deletion index", () => {
    fc.assert(fc.property(fc.uniqueArray(name, { minLength: 257, maxLength: 400 }), (names) => {
      expect(oneEditPairs(names)).toEqual(everyPair(names));
    }), { numRuns: 30 });
  });
});
