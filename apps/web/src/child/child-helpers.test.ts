import { describe, expect, it } from "vitest";
import type { Finding } from "@roster/schema";
import { finding } from "@roster/rules";
import { findingsByField } from "./findings-by-field";
import { guardianUsage, searchGuardians } from "./guardian-search";
import { targetOf } from "./problem-targets";
import { quickFixesFor } from "./quick-fixes";
import { CHILDREN, GUARDIANS } from "../roster/roster-fixtures";

describe("quickFixesFor", () => {
  it.each([
    ["name.format", "nguyễn  văn   an", { kind: "normalize-name", value: "Nguyễn Văn An" }],
    ["guardian.name.format", "TRẦN THỊ HOA", { kind: "normalize-name", value: "Trần Thị Hoa" }],
    ["name.encoding", "NguyÔn V¨n An", { kind: "repair-encoding", value: "Nguyễn Văn An", encoding: "TCVN3" }],
    ["name.encoding", "Nguyeãn Vaên An", { kind: "repair-encoding", value: "Nguyễn Văn An", encoding: "VNI" }],
  ] as const)("%s on %j", (code, value, expected) => {
    expect(quickFixesFor(finding(code, "fullName"), value)).toEqual([expected]);
  });

  it("offers nothing for an empty value, a normal name or a code without a fix", () => {
    expect(quickFixesFor(finding("name.format", "fullName"), "")).toEqual([]);
    expect(quickFixesFor(finding("name.format", "fullName"), "Nguyễn Văn An")).toEqual([]);
    expect(quickFixesFor(finding("pid.missing", "pid"), "x")).toEqual([]);
  });
});

describe("findingsByField", () => {
  const findings: Finding[] = [
    finding("pid.missing", "pid"),
    finding("guardian.pid.format", "mother.pid", "mother"),
    finding("guardian.no_level2", "mother.vneid", "mother"),
    finding("verification.stale", "verification"),
  ];

  it("groups findings by field, guardian fields under <role>.<field>", () => {
    const grouped = findingsByField(findings);
    expect(grouped.get("pid")?.map((f) => f.code)).toEqual(["pid.missing"]);
    expect(grouped.get("mother.pid")?.[0]?.message.vi).toBe("Số định danh của mẹ phải có đúng 12 chữ số");
  });
});

describe("guardian picker search", () => {
  const guardians = Object.values(GUARDIANS);
  const usage = guardianUsage(CHILDREN);

  it("counts the children linked to each guardian, removed children left out", () => {
    // c1–c4 and c6 share the mother g1 (siblings and cousins); c5 is removed.
    expect(usage.get("g1")).toBe(5);
    expect(usage.get("g2")).toBe(1);
  });

  it.each([
    ["tran thi hoa", ["g1"]],
    ["pang", ["g2"]],
    ["014085", ["g2"]],
    ["", ["g1", "g2"]],
    ["nguyen", []],
  ])("%j finds %j, most linked first", (query, expected) => {
    expect(searchGuardians(guardians, usage, query).map((c) => c.guardian.id)).toEqual(expected);
  });
});

describe("targetOf (the problem summary's links)", () => {
  const placed = new Set(["dob", "pid", "mother.pid"]);
  const at = (field: string) => targetOf({ code: "x", field, severity: "error", message: { vi: "", en: "" } }, placed);
  it("points at the child's input, the guardian's input, or the guardian's card", () => {
    expect(at("dob")).toBe("child-dob");
    expect(at("mother.pid")).toBe("guardian-mother-pid");
    expect(at("father.phone")).toBe("guardian-father-card");
    expect(at("motherId")).toBe("guardian-mother-card");
    expect(at("verification")).toBeUndefined();
  });
});
