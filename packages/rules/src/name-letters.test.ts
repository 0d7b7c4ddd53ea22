import { describe, expect, it } from "vitest";
import { CAPITAL, capitalOf, JOINER, NAME_LETTERS, OTHER, SMALL, smallOf, unitKind } from "./name-letters";

// The table stands in for `\p{L}`, `toUpperCase` and `toLowerCase` in the name rules, so it
// must agree with them on every letter it knows.
describe("name letter table", () => {
  const letters = [...NAME_LETTERS].flatMap((small) => [small, small.toUpperCase()]);

  it("has every letter as one NFC unit, with the case mappings of the runtime", () => {
    // a–z, đ, ă â ê ô ơ ư, and the 12 vowels with each of the 5 tone marks.
    expect(NAME_LETTERS.size).toBe(26 + 1 + 6 + 12 * 5);
    for (const letter of letters) {
      const unit = letter.charCodeAt(0);
      expect(letter).toHaveLength(1);
      expect(letter.normalize("NFC")).toBe(letter);
      expect(/\p{L}/u.test(letter)).toBe(true);
      expect(unitKind(unit)).toBe(letter === letter.toLowerCase() ? SMALL : CAPITAL);
      expect(capitalOf(unit)).toBe(letter.toUpperCase());
      expect(smallOf(unit)).toBe(letter.toLowerCase());
    }
  });

  it("knows the joiners, and nothing else", () => {
    for (const joiner of ["'", "\u2019", "-", "\u2010"]) expect(unitKind(joiner.charCodeAt(0))).toBe(JOINER);
    const known = new Set([...letters, "'", "\u2019", "-", "\u2010"].map((ch) => ch.charCodeAt(0)));
    for (let unit = 0; unit < 0x10000; unit++) {
      if (!known.has(unit) && unitKind(unit) !== OTHER) expect.fail(`U+${unit.toString(16)} is ${unitKind(unit)}`);
    }
  });
});
