import type { Child } from "@roster/schema";
import { describe, expect, it } from "vitest";
import type { DuplicatePair } from "./duplicates";
import { DEFAULT_CAMPAIGN, evaluate, evaluateRoster, type Evaluation } from "./evaluate";
import { AS_OF, aChild, aContext, aFather, aMother, bornOn, guardiansOf } from "./evaluate.fixtures";

const codes = (e: Evaluation) => e.findings.map((f) => f.code);

describe("evaluate", () => {
  it("finds nothing wrong with the clean record", () => {
    expect(evaluate(aChild(), aContext())).toEqual({ status: "clean", findings: [] });
  });

  it.each<[string, Partial<Child>, string[]]>([
    ["no name", { fullName: "" }, ["name.missing"]],
    ["a name with a digit", { fullName: "Nguyễn Văn An 2" }, ["name.invalid"]],
    ["a single-word name", { fullName: "An" }, ["name.invalid"]],
    ["a name in lower case", { fullName: "nguyễn văn an" }, ["name.format"]],
    ["a name in VNI from an old Excel file", { fullName: "Nguyeãn Vaên An" }, ["name.encoding"]],
    ["no date of birth", { dob: null }, ["dob.missing"]],
    ["29 February of a common year", { dob: "2015-02-29" }, ["dob.invalid"]],
    ["a date of birth typed day first", { dob: "14/03/2015" }, ["dob.invalid"]],
    ["a date of birth the day after asOf", bornOn("2026-06-09"), ["dob.future"]],
    ["no gender", { gender: null }, ["gender.missing"]],
    ["a girl's gender on a boy's pid", { gender: "female" }, ["pid.century_gender"]],
    ["no ethnicity", { ethnicity: "" }, ["ethnicity.missing"]],
    ["an ethnicity code outside 01–54", { ethnicity: "60" }, ["ethnicity.unknown"]],
    ["no pid", { pid: "" }, ["pid.missing"]],
    ["an old 9-digit ID-card number", { pid: "012345678" }, ["pid.legacy_cmnd"]],
    ["a pid of 11 digits", { pid: "00121501234" }, ["pid.format"]],
    ["a pid whose first 3 digits are no province", { pid: "099215012345" }, ["pid.province"]],
    ["a pid of another birth year", { pid: "001216012345" }, ["pid.birth_year"]],
    ["a BHYT card with issuer 00", { bhyt: "HS4000123456789" }, ["bhyt.issuer"]],
    ["a BHYT number of 7 digits", { bhyt: "0123456" }, ["bhyt.format"]],
    ["no residence type", { residenceType: null }, ["residence.missing"]],
    ["no guardian at all", { motherId: null }, ["guardian.missing", "guardian.representative"]],
    ["no representative", { representative: null }, ["guardian.representative"]],
  ])("reports %s", (_label, overrides, expected) => {
    expect(codes(evaluate(aChild(overrides), aContext()))).toEqual(expected);
  });

  it("accepts the spaces and dots people type inside a pid", () => {
    expect(evaluate(aChild({ pid: "001.215 012-345" }), aContext()).findings).toEqual([]);
  });

  it("sets needs-fix for an error and clean for warnings only", () => {
    expect(evaluate(aChild({ gender: null }), aContext()).status).toBe("needs-fix");
    const warned = evaluate(aChild({ fullName: "NGUYỄN  VĂN AN" }), aContext());
    expect(warned.findings.map((f) => f.severity)).toEqual(["warning"]);
    expect(warned.status).toBe("clean");
  });
});

describe("evaluate: the campaign age range (6 to under 14)", () => {
  it.each<[string, string, string, boolean]>([
    ["turns 14 on asOf", "2012-06-08", AS_OF, true],
    ["turns 14 the day after asOf", "2012-06-09", AS_OF, false],
    ["turns 6 on asOf", "2020-06-08", AS_OF, false],
    ["turns 6 the day after asOf", "2020-06-09", AS_OF, true],
    ["born 29 Feb 2012, 28 Feb 2026 (still 13)", "2012-02-29", "2026-02-28", false],
    ["born 29 Feb 2012, 1 Mar 2026 (14)", "2012-02-29", "2026-03-01", true],
    ["born 29 Feb 2020, 28 Feb 2026 (still 5)", "2020-02-29", "2026-02-28", true],
    ["born 29 Feb 2020, 1 Mar 2026 (6)", "2020-02-29", "2026-03-01", false],
  ])("a child who %s is out of range: %s", (_label, dob, asOf, out) => {
    const result = evaluate(aChild(bornOn(dob)), aContext({ asOf }));
    expect(codes(result)).toEqual(out ? ["age.out_of_campaign"] : []);
    expect(result.status).toBe("clean");
  });

  it("uses DEFAULT_CAMPAIGN when none is given and no range when it is null", () => {
    expect(DEFAULT_CAMPAIGN).toEqual({ minAge: 6, maxAgeExclusive: 14 });
    const teenager = aChild(bornOn("2009-01-01"));
    expect(codes(evaluate(teenager, aContext()))).toEqual(["age.out_of_campaign"]);
    expect(codes(evaluate(teenager, aContext({ campaign: null })))).toEqual([]);
    expect(codes(evaluate(teenager, aContext({ campaign: { minAge: 0, maxAgeExclusive: 18 } })))).toEqual([]);
    expect(codes(evaluate(aChild(), aContext({ campaign: { minAge: 12, maxAgeExclusive: 18 } })))).toEqual([
      "age.out_of_campaign",
    ]);
  });

  it("does not judge the age of a child born in the future", () => {
    expect(codes(evaluate(aChild(bornOn("2030-01-01")), aContext()))).toEqual(["dob.future"]);
  });
});

describe("evaluate: findings from the roster context", () => {
  const pairs: DuplicatePair[] = [
    { a: "c-nguyen-van-an", b: "c-x", code: "duplicate.pid" },
    { a: "c-a", b: "c-nguyen-van-an", code: "duplicate.pid" },
    { a: "c-a", b: "c-nguyen-van-an", code: "duplicate.person" },
    { a: "c-b", b: "c-c", code: "duplicate.bhyt" },
  ];

  it("reports each duplicate code naming the child once, on its field", () => {
    const { findings, status } = evaluate(aChild(), aContext({ duplicates: pairs }));
    expect(findings.map((f) => [f.field, f.code])).toEqual([
      ["fullName", "duplicate.person"],
      ["pid", "duplicate.pid"],
    ]);
    expect(status).toBe("needs-fix");
  });

  it("warns once per conflicting field", () => {
    const { findings, status } = evaluate(aChild(), aContext({ conflicts: ["school", "dob", "school"] }));
    expect(findings.map((f) => [f.field, f.code])).toEqual([
      ["dob", "conflict.field"],
      ["school", "conflict.field"],
    ]);
    expect(status).toBe("clean");
  });

  it("orders findings by the form's field order, then by code", () => {
    const messy = aChild({
      fullName: "",
      gender: null,
      ethnicity: "99",
      pid: "",
      fatherId: "g-nobody",
      representative: "father",
      bhyt: "XX4010123456789",
      residenceType: null,
    });
    const ctx = aContext({ guardians: guardiansOf(aMother({ dob: "2010-01-01", pid: "" })), conflicts: ["note"] });
    expect(evaluate(messy, ctx).findings.map((f) => [f.field, f.code])).toEqual([
      ["fullName", "name.missing"],
      ["gender", "gender.missing"],
      ["ethnicity", "ethnicity.unknown"],
      ["pid", "pid.missing"],
      ["residenceType", "residence.missing"],
      ["bhyt", "bhyt.prefix"],
      ["fatherId", "guardian.link_broken"],
      ["mother.dob", "guardian.underage"],
      ["representative", "guardian.representative"],
      ["note", "conflict.field"],
    ]);
  });
});

describe("evaluateRoster", () => {
  const mother = aMother();
  const twinMother = aMother({ id: "g-le-thi-thu", fullName: "Lê Thị Thu", pid: "001190007777", dob: "1990-01-05" });
  const children: Child[] = [
    aChild(),
    // The same pid typed again by the school for another child.
    aChild({ id: "c-school-copy", fullName: "Phạm Minh Khôi", dob: "2015-08-01", bhyt: "" }),
    aChild({ id: "c-removed", pid: "001215012345", removed: true, removedReason: "Nhập trùng" }),
    aChild({ id: "c-hoa", fullName: "Lê Thị Hoa", gender: "female", pid: "001315077777", motherId: twinMother.id, bhyt: "" }),
  ];

  it("evaluates every child that is not removed, with roster-wide duplicates", () => {
    const result = evaluateRoster(children, guardiansOf(mother, twinMother), {
      asOf: AS_OF,
      conflicts: { "c-hoa": ["grade"], "c-removed": ["dob"] },
    });
    expect([...result.keys()]).toEqual(["c-nguyen-van-an", "c-school-copy", "c-hoa"]);
    expect(codes(result.get("c-nguyen-van-an")!)).toEqual(["duplicate.pid"]);
    expect(codes(result.get("c-school-copy")!)).toEqual(["duplicate.pid"]);
    expect(codes(result.get("c-hoa")!)).toEqual(["conflict.field"]);
  });

  it("passes the campaign through, null included", () => {
    const old = [aChild({ ...bornOn("2008-05-05"), bhyt: "" })];
    const guardians = guardiansOf(mother);
    expect(codes(evaluateRoster(old, guardians, { asOf: AS_OF }).get("c-nguyen-van-an")!)).toEqual([
      "age.out_of_campaign",
    ]);
    expect(codes(evaluateRoster(old, guardians, { asOf: AS_OF, campaign: null }).get("c-nguyen-van-an")!)).toEqual([]);
  });

  it("refuses an invalid asOf", () => {
    expect(() => evaluateRoster(children, {}, { asOf: "08/06/2026" })).toThrow(RangeError);
  });

  it("leaves a father out of the check when he is only linked", () => {
    const withFather = [aChild({ fatherId: aFather().id })];
    const result = evaluateRoster(withFather, guardiansOf(mother, aFather({ pid: null })), { asOf: AS_OF });
    expect(codes(result.get("c-nguyen-van-an")!)).toEqual([]);
  });
});
