import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { withinOneEdit } from "./edit-distance";
import { oneEditPairs } from "./one-edit-pairs";

function bruteForce(names: readonly string[]): string[] {
  const pairs: string[] = [];
  for (let i = 0; i < names.length; i++) {
    for (let j = i + 1; j < names.length; j++) if (withinOneEdit(names[i]!, names[j]!)) pairs.push(`${i},${j}`);
  }
  return pairs.sort();
}

const asKeys = (pairs: [number, number][]) => pairs.map(([i, j]) => `${i},${j}`).sort();

describe("oneEditPairs", () => {
  it("finds the one-edit pairs of a short list", () => {
    expect(oneEditPairs(["nguyen van an", "nguyen van anh", "tran thi hoa", "nguyen van ban"])).toEqual([
      [0, 1],
      [0, 3],
    ]);
  });

  // Lists above the pairwise limit go through the deletion index: it must miss nothing
  // and report nothing more than the plain comparison of every pair.
  it("agrees with comparing every pair, on lists long enough for the index (property)", () => {
    const name = fc.string({ unit: fc.constantFrom("a", "n", "h", "t", " "), minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(fc.uniqueArray(name, { minLength: 33, maxLength: 80 }), (names) => {
        expect(asKeys(oneEditPairs(names))).toEqual(bruteForce(names));
      }),
      { numRuns: 200 },
    );
  });

  it("handles doubled letters and empty input", () => {
    const names = Array.from({ length: 40 }, (_, i) => `x${i}`).concat(["le thi hoaa", "le thi hoa", "le thi hooa"]);
    const pairs = asKeys(oneEditPairs(names).filter(([i, j]) => i >= 40 && j >= 40));
    expect(pairs).toEqual(["40,41", "40,42", "41,42"]);
    expect(oneEditPairs([])).toEqual([]);
  });
});
