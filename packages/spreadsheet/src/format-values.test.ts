import { describe, expect, it } from "vitest";
import { formatDate, formatDateInWords, formatEthnicity, formatGender, formatRepresentative, formatResidence } from "./format-values";
import { parseEthnicityCell } from "./parse-ethnicity-cell";
import { parseGenderCell } from "./parse-gender-cell";
import { parseRepresentativeCell, parseResidenceCell } from "./parse-choice-cells";

describe("format-values", () => {
  it("writes dates day first and leaves an invalid stored date as it is", () => {
    expect(formatDate("2015-03-04")).toBe("04/03/2015");
    expect(formatDate("2015-02-30")).toBe("2015-02-30");
    expect(formatDate(null)).toBe("");
  });

  it("dates documents the administrative way: a zero before days under 10 and months 1 and 2", () => {
    expect(formatDateInWords("2026-06-05")).toBe("ngày 05 tháng 6 năm 2026");
    expect(formatDateInWords("2026-02-15")).toBe("ngày 15 tháng 02 năm 2026");
    expect(formatDateInWords("2026-12-25")).toBe("ngày 25 tháng 12 năm 2026");
  });

  it("writes words the import reads back to the same value", () => {
    for (const gender of ["male", "female"] as const) expect(parseGenderCell(formatGender(gender)).value).toBe(gender);
    for (const type of ["permanent", "temporary", "none"] as const) expect(parseResidenceCell(formatResidence(type)).value).toBe(type);
    for (const role of ["father", "mother", "guardian"] as const) expect(parseRepresentativeCell(formatRepresentative(role), {}).value).toBe(role);
    for (let n = 1; n <= 55; n++) {
      const code = String(n).padStart(2, "0");
      expect(parseEthnicityCell(formatEthnicity(code)).value).toBe(code);
    }
    expect(formatEthnicity("99")).toBe("99");
  });
});
