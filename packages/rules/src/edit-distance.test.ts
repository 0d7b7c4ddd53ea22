import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { withinOneEdit } from "./edit-distance";

// A plain Levenshtein matrix, the obviously correct reference for the fast check.
function levenshtein(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      next.push(Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + cost));
    }
    row = next;
  }
  return row[b.length]!;
}

describe("withinOneEdit", () => {
  it.each([
    ["nguyen van an", "nguyen van an", true],
    ["nguyen van an", "nguyen van anh", true], // one letter added at the end
    ["nguyen van anh", "nguyen van an", true],
    ["tran thi hoa", "tran thi hoa ", true],
    ["le van binh", "le van vinh", true], // one letter replaced
    ["pham thi thu", "pham thi thuy", true],
    ["hoang van nam", "hoang vn nam", true], // one letter dropped in the middle
    ["", "a", true],
    ["nguyen van an", "nguyen van anhh", false], // two letters added
    ["le van binh", "le van vinhh", false],
    ["ngo thi lan", "ngo thi nal", false], // two replacements
    ["ab", "ba", false], // a transposition is two edits
    ["vu duc minh", "vu minh duc", false],
  ])("%j vs %j → %s", (a, b, expected) => {
    expect(withinOneEdit(a, b)).toBe(expected);
  });

  it("agrees with the Levenshtein distance on random short strings", () => {
    const text = fc.string({ unit: fc.constantFrom("a", "n", "h", " "), maxLength: 7 });
    fc.assert(
      fc.property(text, text, (a, b) => {
        expect(withinOneEdit(a, b)).toBe(levenshtein(a, b) <= 1);
      }),
      { numRuns: 2000 },
    );
  });
});
