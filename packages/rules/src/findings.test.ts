import { describe, expect, it } from "vitest";
import { FINDING_CODES, finding, messageOf, severityOf } from "./findings";

// The table of DESIGN.md. A code disappearing or changing severity breaks outside clients.
const DESIGN_TABLE: Record<string, "error" | "warning"> = {
  "name.missing": "error", "name.invalid": "error", "name.format": "warning", "name.encoding": "error",
  "dob.missing": "error", "dob.invalid": "error", "dob.future": "error", "age.out_of_campaign": "warning",
  "gender.missing": "error", "ethnicity.missing": "error", "ethnicity.unknown": "error",
  "pid.missing": "error", "pid.legacy_cmnd": "error", "pid.format": "error", "pid.province": "error",
  "pid.century_gender": "error", "pid.birth_year": "error", "guardian.missing": "error",
  "guardian.representative": "error", "guardian.name.missing": "error", "guardian.pid.missing": "error",
  "guardian.pid.format": "error", "guardian.pid.province": "error", "guardian.pid.century_gender": "error",
  "guardian.pid.birth_year": "error", "guardian.pid.legacy_cmnd": "error", "guardian.underage": "error",
  "guardian.no_level2": "warning", "bhyt.format": "error", "bhyt.prefix": "error",
  "bhyt.benefit_level": "error", "bhyt.issuer": "error", "residence.missing": "error",
  "residence.overdue": "error", "residence.late": "warning", "duplicate.pid": "error",
  "duplicate.bhyt": "error", "duplicate.person": "warning", "verification.stale": "warning",
  "conflict.field": "warning",
};

describe("finding catalogue", () => {
  it.each(Object.entries(DESIGN_TABLE))("%s exists with severity %s", (code, severity) => {
    expect(severityOf(code)).toBe(severity);
  });

  it("has Vietnamese and English words for every code", () => {
    for (const [code, spec] of Object.entries(FINDING_CODES)) {
      expect(spec.vi.length, code).toBeGreaterThan(5);
      expect(spec.en.length, code).toBeGreaterThan(5);
      expect(spec.vi, code).not.toEqual(spec.en);
    }
  });

  it("names the guardian's role in guardian messages", () => {
    const f = finding("guardian.underage", "mother.dob", "mother");
    expect(f).toMatchObject({ code: "guardian.underage", field: "mother.dob", severity: "error" });
    expect(f.message.vi).toBe("Mẹ chưa đủ 18 tuổi");
    expect(f.message.en).toBe("The mother is under 18");
  });

  it("knows nothing of unknown codes", () => {
    expect(severityOf("nope.nope")).toBeUndefined();
    expect(messageOf("nope.nope")).toBeUndefined();
    expect(messageOf("pid.format")?.vi).toContain("12 chữ số");
  });
});
