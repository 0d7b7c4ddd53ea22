import { detectLegacyEncoding, normalizeName, repairLegacyText } from "@roster/rules";
import { describe, expect, it } from "vitest";
import { LEGACY_NAMES } from "./legacy-names";

describe("LEGACY_NAMES", () => {
  it.each(LEGACY_NAMES)("$text is real $encoding mojibake of $meant", ({ text, meant, encoding }) => {
    expect(detectLegacyEncoding(text)).toBe(encoding);
    expect(normalizeName(repairLegacyText(text).text)).toBe(meant);
  });

  it("has names of both genders in both encodings", () => {
    for (const encoding of ["tcvn3", "vni"]) {
      for (const gender of ["male", "female"]) {
        expect(LEGACY_NAMES.some((n) => n.encoding === encoding && n.gender === gender)).toBe(true);
      }
    }
  });
});
