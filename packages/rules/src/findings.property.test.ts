import { describe, expect, it } from "vitest";
import { FINDING_CODES, finding, type FindingCode } from "./findings";
import { referenceFinding } from "./reference-names.fixtures";

// The messages are now filled in once per code and role; they must read as when each
// finding filled its own, and each finding must get its own message object.
describe("finding messages", () => {
  const codes = Object.keys(FINDING_CODES) as FindingCode[];

  it.each(codes)("%s reads as before, for every role", (code) => {
    for (const who of [undefined, "father", "mother", "guardian"] as const) {
      expect(finding(code, "mother.pid", who)).toEqual(referenceFinding(code, "mother.pid", who));
    }
  });

  it("gives every finding its own message", () => {
    const a = finding("guardian.underage", "mother.dob", "mother");
    const b = finding("guardian.underage", "mother.dob", "mother");
    expect(a.message).not.toBe(b.message);
    a.message.vi = "sửa";
    expect(b.message.vi).toBe("Mẹ chưa đủ 18 tuổi");
  });
});
