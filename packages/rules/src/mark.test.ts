import type { Verification } from "@roster/schema";
import { describe, expect, it } from "vitest";
import type { Evaluation } from "./evaluate";
import { finding } from "./findings";
import { canVerify, disputedVerifiedFields, markFor } from "./mark";

const FP = "a".repeat(64);
const OTHER_FP = "b".repeat(64);
const stamp = (fingerprint: string): Verification => ({
  by: "u-police-1",
  byName: "Thượng úy Đỗ Văn Long",
  at: "2026-06-09T08:15:00.000Z",
  fingerprint,
});

const clean: Evaluation = { status: "clean", findings: [] };
const warned: Evaluation = { status: "clean", findings: [finding("guardian.no_level2", "mother.vneid", "mother")] };
const broken: Evaluation = { status: "needs-fix", findings: [finding("duplicate.pid", "pid")] };

describe("markFor", () => {
  it.each<[string, Evaluation, Verification | null | undefined, string, string[]]>([
    ["clean, never verified", clean, undefined, "clean", []],
    ["clean, no verification (null)", clean, null, "clean", []],
    ["warnings only, never verified", warned, null, "clean", ["guardian.no_level2"]],
    ["errors, never verified", broken, null, "needs-fix", ["duplicate.pid"]],
    ["verified and unchanged", clean, stamp(FP), "verified", []],
    ["verified and unchanged, with warnings", warned, stamp(FP), "verified", ["guardian.no_level2"]],
    ["verified, unchanged, but an error appeared since", broken, stamp(FP), "needs-fix", ["duplicate.pid"]],
    ["verified, then edited", clean, stamp(OTHER_FP), "clean", ["verification.stale"]],
    ["verified, then edited into an error", broken, stamp(OTHER_FP), "needs-fix", ["duplicate.pid", "verification.stale"]],
  ])("%s → %s", (_label, evaluation, verification, status, codes) => {
    const mark = markFor(evaluation, verification, FP);
    expect(mark.status).toBe(status);
    expect(mark.findings.map((f) => f.code)).toEqual(codes);
  });

  it("puts the stale warning on the verification, not on a field of the record", () => {
    const [stale] = markFor(clean, stamp(OTHER_FP), FP).findings;
    expect(stale).toMatchObject({ code: "verification.stale", field: "verification", severity: "warning" });
  });

  it("does not change the evaluation it is given", () => {
    const evaluation: Evaluation = { status: "clean", findings: [] };
    markFor(evaluation, stamp(OTHER_FP), FP);
    expect(evaluation.findings).toEqual([]);
  });
});

describe("canVerify", () => {
  it.each<[string, Evaluation, boolean]>([
    ["a clean record", clean, true],
    ["a record with warnings only", warned, true],
    ["a record with an error", broken, false],
  ])("%s → %s", (_label, evaluation, expected) => {
    expect(canVerify(evaluation)).toBe(expected);
  });
});

describe("disputedVerifiedFields", () => {
  it("names the conflicts on fields police verify, a linked guardian's name or number included, and no other", () => {
    const evaluation: Evaluation = {
      status: "clean",
      findings: [
        finding("conflict.field", "pid"),
        finding("conflict.field", "motherId"),
        finding("conflict.field", "guardian.pid"),
        finding("conflict.field", "father.fullName"),
        finding("conflict.field", "note"),
        finding("conflict.field", "mother.phone"),
        finding("pid.format", "pid"),
      ],
    };
    expect(disputedVerifiedFields(evaluation)).toEqual(["pid", "motherId", "guardian.pid", "father.fullName"]);
    expect(disputedVerifiedFields(clean)).toEqual([]);
  });
});
