import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareVietnameseNames, foldName, isNormalizedName, nameSortKey, normalizeName } from "./names";

const TONES = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"];
const VOWELS = [..."aăâeêioôơuưy"].flatMap((v) => TONES.map((t) => (v + t).normalize("NFC")));
const LETTERS = [...VOWELS, ..."bcdđghklmnpqrstvxfjwz"].flatMap((l) => [l, l.toUpperCase()]);
const SEPARATORS = [" ", " ", " ", "  ", "\t", "\u00a0", "'", "\u2019", "-", "\u200b"];

// Vietnamese-like text: letters with every tone in both cases, spaces of every kind,
// apostrophes and hyphens, in NFC or NFD.
const vietnameseText = fc
  .tuple(
    fc.array(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...LETTERS) }, fc.constantFrom(...SEPARATORS)), {
      maxLength: 40,
    }),
    fc.boolean(),
  )
  .map(([parts, nfd]) => (nfd ? parts.join("").normalize("NFD") : parts.join("")));
// Any Unicode at all, for the properties that must hold on junk too.
const anyText = fc.string({ unit: "binary", maxLength: 30 });
const text = fc.oneof(vietnameseText, anyText);

const tidy = (s: string) => s.normalize("NFC").replace(/[\u200b-\u200d\u2060\ufeff]/g, "").replace(/\s+/g, " ").trim();

describe("name properties", () => {
  it("normalizeName is idempotent and its output is normalised", () => {
    fc.assert(
      fc.property(text, (s) => {
        const once = normalizeName(s);
        expect(normalizeName(once)).toBe(once);
        expect(isNormalizedName(once)).toBe(true);
      }),
    );
  });

  it("normalizeName changes only NFC, spacing and case of Vietnamese text", () => {
    fc.assert(
      fc.property(vietnameseText, (s) => {
        expect(normalizeName(s).toLowerCase()).toBe(tidy(s).toLowerCase());
      }),
    );
  });

  it("NFD and NFC input normalise alike", () => {
    fc.assert(
      fc.property(vietnameseText, (s) => {
        expect(normalizeName(s.normalize("NFD"))).toBe(normalizeName(s.normalize("NFC")));
      }),
    );
  });

  it("foldName is idempotent and gives only a-z, digits, apostrophes, hyphens and single spaces", () => {
    fc.assert(
      fc.property(text, (s) => {
        const folded = foldName(s);
        expect(foldName(folded)).toBe(folded);
        expect(folded).toMatch(/^(?:[a-z0-9'-]+(?: [a-z0-9'-]+)*)?$/);
      }),
    );
  });

  it("folding a normalised name is folding the name", () => {
    fc.assert(
      fc.property(text, (s) => {
        expect(foldName(normalizeName(s))).toBe(foldName(s));
      }),
    );
  });

  it("compareVietnameseNames is a total order consistent with nameSortKey", () => {
    fc.assert(
      fc.property(vietnameseText, vietnameseText, vietnameseText, (a, b, c) => {
        expect(Math.sign(compareVietnameseNames(a, b)) + Math.sign(compareVietnameseNames(b, a))).toBe(0);
        expect(compareVietnameseNames(a, b) === 0).toBe(a === b);
        if (compareVietnameseNames(a, b) <= 0 && compareVietnameseNames(b, c) <= 0) {
          expect(compareVietnameseNames(a, c)).toBeLessThanOrEqual(0);
        }
        if (nameSortKey(a) < nameSortKey(b)) expect(compareVietnameseNames(a, b)).toBeLessThan(0);
      }),
    );
  });

  it("the sort key ignores case, spacing and NFD", () => {
    fc.assert(
      fc.property(vietnameseText, (s) => {
        const key = nameSortKey(s);
        expect(nameSortKey(normalizeName(s))).toBe(key);
        expect(nameSortKey(s.toUpperCase())).toBe(key);
        expect(nameSortKey(s.normalize("NFD"))).toBe(key);
      }),
    );
  });
});
