// The fast paths of the name rules must give exactly what the full checks gave before
// them (reference-names.fixtures.ts), on names as rosters hold them and on junk.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { anyName, mojibake, plainName } from "./arbitraries.fixtures";
import { detectLegacyEncoding, detectLegacyEncodingIn } from "./legacy-encoding";
import { checkName, foldName, isNormalizedName, normalizeName } from "./names";
import { scanPlainName } from "./plain-name";
import {
  referenceCheckName,
  referenceFoldName,
  referenceIsNormalizedName,
  referenceNormalizeName,
} from "./reference-names.fixtures";

const RUNS = { numRuns: 3000 };
const GUARDIAN = { codePrefix: "guardian.", field: "mother.fullName", who: "mother" } as const;

describe("name fast paths agree with the full checks (property)", () => {
  it("the generators reach every branch of the scan", () => {
    const scans = new Set(fc.sample(anyName, 2000).map(scanPlainName));
    expect([...scans].sort()).toEqual(["not-plain", "plain", "plain-latin1"]);
    expect(fc.sample(mojibake, 200).some((s) => detectLegacyEncoding(s) !== null)).toBe(true);
  });

  it("normalizeName, isNormalizedName and foldName", () => {
    fc.assert(
      fc.property(anyName, (s) => {
        expect(normalizeName(s)).toBe(referenceNormalizeName(s));
        expect(isNormalizedName(s)).toBe(referenceIsNormalizedName(s));
        expect(foldName(s)).toBe(referenceFoldName(s));
      }),
      RUNS,
    );
  });

  it("checkName, for a child and for a guardian", () => {
    fc.assert(
      fc.property(anyName, (s) => {
        expect(checkName(s)).toEqual(referenceCheckName(s));
        expect(checkName(s, GUARDIAN)).toEqual(referenceCheckName(s, GUARDIAN));
      }),
      RUNS,
    );
  });

  it("detectLegacyEncoding settles a text as the scoring of detectLegacyEncodingIn does", () => {
    fc.assert(
      fc.property(fc.oneof(anyName, mojibake), (s) => {
        expect(detectLegacyEncoding(s)).toBe(detectLegacyEncodingIn([s]));
      }),
      RUNS,
    );
  });

  it("a plain name is its own stored form, valid, and folds letter by letter", () => {
    fc.assert(
      fc.property(plainName, (s) => {
        expect(scanPlainName(s)).not.toBe("not-plain");
        expect(referenceNormalizeName(s)).toBe(s);
        expect(referenceCheckName(s).map((f) => f.code).filter((c) => c !== "name.encoding")).toEqual([]);
      }),
      RUNS,
    );
  });
});

describe("scanPlainName", () => {
  it.each([
    ["Nguyễn Văn An", "plain"],
    ["Ksor H'Bia", "plain"],
    ["Lê Minh Hà", "plain-latin1"],
    ["Nguyeãn Vaên An", "plain-latin1"],
    ["Kpa Y Nam", "plain"],
    ["NGUYỄN VĂN AN", "not-plain"],
    ["Nguyễn  Văn An", "not-plain"],
    ["Nguyễn Văn An ", "not-plain"],
    ["An", "not-plain"],
    ["H\u02BCHen Niê", "not-plain"],
    ["Nguyễn T. Hoa", "not-plain"],
    ["NguyÔn V¨n An", "not-plain"],
    ["Mai- Anh", "not-plain"],
    ["", "not-plain"],
  ])("%j is %s", (name, scan) => {
    expect(scanPlainName(name)).toBe(scan);
  });
});
