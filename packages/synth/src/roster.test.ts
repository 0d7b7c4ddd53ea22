import { ageAt, checkPid, daysBetween, PID_PROVINCES } from "@roster/rules";
import { ChildSchema, GuardianSchema, type Child, type Guardian } from "@roster/schema";
import { describe, expect, it } from "vitest";
import { generatePlantedRoster, generateRoster } from "./roster";

const AS_OF = "2026-06-01";
const roster = generatePlantedRoster({ seed: 2024, children: 3000 });
const guardianById = new Map(roster.guardians.map((g) => [g.id, g]));
const copies = new Set(roster.duplicates.map((d) => d.copy));
const originals = roster.children.filter((c) => !copies.has(c.id));
const plantedOf = (child: Child) => roster.planted.get(child.id) ?? [];

describe("generateRoster", () => {
  it("is deterministic: the same seed gives a deep-equal roster, another seed another", () => {
    const a = generateRoster({ seed: 9, children: 200 });
    expect(generateRoster({ seed: 9, children: 200 })).toEqual(a);
    const b = generateRoster({ seed: 10, children: 200 });
    expect(b.children.map((c) => c.fullName)).not.toEqual(a.children.map((c) => c.fullName));
  });

  it.each([0, 1, 2, 37, 500])("makes exactly %i children", (n) => {
    expect(generateRoster({ seed: n, children: n }).children).toHaveLength(n);
  });

  it("gives every child and guardian the schema's shape, with unique ids", () => {
    for (const child of roster.children) expect(ChildSchema.parse(child)).toEqual(child);
    for (const guardian of roster.guardians) expect(GuardianSchema.parse(guardian)).toEqual(guardian);
    const ids = [...roster.children, ...roster.guardians].map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("links only guardians that exist and lists only guardians someone links", () => {
    const linked = new Set<string>();
    for (const child of roster.children) {
      for (const id of [child.fatherId, child.motherId, child.guardianId]) {
        if (!id) continue;
        expect(guardianById.has(id)).toBe(true);
        linked.add(id);
      }
    }
    expect(linked.size).toBe(roster.guardians.length);
  });

  it("draws ages 5 to 14 at asOf, mostly 6 to 13", () => {
    const ages = roster.children.filter((c) => c.dob).map((c) => ageAt(c.dob as string, AS_OF) as number);
    expect(Math.min(...ages)).toBeGreaterThanOrEqual(5);
    expect(Math.max(...ages)).toBeLessThanOrEqual(14);
    expect(ages.filter((a) => a >= 6 && a <= 13).length / ages.length).toBeGreaterThan(0.9);
  });

  it("gives valid personal ID numbers, agreeing with dob and gender, unless a pid problem was planted", () => {
    let checked = 0;
    for (const child of roster.children) {
      if (plantedOf(child).some((p) => p.startsWith("pid.")) || !child.dob) continue;
      expect(checkPid(child.pid, { dob: child.dob, gender: child.gender })).toEqual([]);
      checked++;
    }
    expect(checked).toBeGreaterThan(2400);
    for (const guardian of roster.guardians) {
      expect(checkPid(guardian.pid, { dob: guardian.dob, gender: guardian.gender })).toEqual([]);
      // Parents of these children were born in the 1900s or later in the 2000s.
      expect(guardian.pid?.[3]).toMatch(guardian.dob! < "2000" ? /[01]/ : /[23]/);
    }
    const provinces = new Set(PID_PROVINCES.map((p) => p.code));
    const home = roster.children.filter((c) => c.pid?.length === 12 && provinces.has(c.pid.slice(0, 3)));
    expect(home.length / roster.children.length).toBeGreaterThan(0.8);
  });

  it("lets siblings share their parents' records, for about 30% of children", () => {
    const byMother = new Map<string, Child[]>();
    for (const child of originals) {
      if (child.motherId) byMother.set(child.motherId, [...(byMother.get(child.motherId) ?? []), child]);
    }
    const families = [...byMother.values()].filter((kids) => kids.length > 1);
    const withSibling = families.reduce((n, kids) => n + kids.length, 0) / originals.length;
    expect(withSibling).toBeGreaterThan(0.2);
    expect(withSibling).toBeLessThan(0.35);
    for (const kids of families) {
      const fathers = new Set(kids.filter((k) => k.fatherId).map((k) => k.fatherId));
      expect(fathers.size).toBeLessThanOrEqual(1);
      const dobs = kids.map((k) => k.dob).filter((d): d is string => !!d).sort();
      for (let i = 1; i < dobs.length; i++) expect(daysBetween(dobs[i - 1]!, dobs[i]!)).toBeGreaterThanOrEqual(425);
    }
  });

  it("makes parents 22 to 50 years older than each child, except a planted 17-year-old mother", () => {
    const gap = (child: Child, guardian: Guardian) => ageAt(guardian.dob as string, child.dob as string) as number;
    let checked = 0;
    for (const child of originals) {
      if (!child.dob) continue;
      for (const id of [child.fatherId, child.motherId]) {
        const parent = id ? guardianById.get(id) : undefined;
        if (!parent || (id === child.motherId && plantedOf(child).includes("mother.underage"))) continue;
        expect(gap(child, parent)).toBeGreaterThanOrEqual(22);
        expect(gap(child, parent)).toBeLessThan(50);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(4000);
  });

  it("has grandparents as legal guardians for a few children", () => {
    const withGrandparent = roster.children.filter((c) => c.guardianId);
    expect(withGrandparent.length).toBeGreaterThan(30);
    for (const child of withGrandparent) {
      expect(["Ông nội", "Bà nội", "Ông ngoại", "Bà ngoại"]).toContain(child.guardianRelation);
      const grandparent = guardianById.get(child.guardianId as string);
      expect(grandparent?.gender).toBe(child.guardianRelation?.startsWith("Bà") ? "female" : "male");
    }
  });

  it("fills plausible phones, health-insurance numbers, schools and grades", () => {
    for (const g of roster.guardians) if (g.phone) expect(g.phone).toMatch(/^0(9[0-8]|3[2-9])\d{7}$/);
    const cards = roster.children.map((c) => c.bhyt).filter((b): b is string => !!b);
    expect(cards.filter((b) => /^\d{10}$/.test(b)).length / cards.length).toBeGreaterThan(0.7);
    for (const b of cards) expect(b).toMatch(/^(\d{10}|(HS4|TE1)\d{12})$/);
    for (const child of roster.children) {
      if (!child.grade) continue;
      const grade = Number(child.grade[0]);
      expect(child.grade).toMatch(/^[1-9][A-C]$/);
      expect(child.school).toMatch(grade <= 5 ? /^Trường Tiểu học / : /^Trường THCS /);
    }
  });

  it("registers residence 5 to 50 days after birth registration unless a residence problem was planted", () => {
    for (const child of roster.children) {
      if (plantedOf(child).some((p) => p.startsWith("residence."))) continue;
      expect(["permanent", "temporary"]).toContain(child.residenceType);
      const days = daysBetween(child.birthRegisteredOn as string, child.residenceRegisteredOn as string) as number;
      expect(days).toBeGreaterThanOrEqual(5);
      expect(days).toBeLessThanOrEqual(50);
    }
  });

  it("takes the region from the village name and the levels from the given schools", () => {
    const ban = generateRoster({ seed: 4, children: 400, village: "Bản Nà Lừa" });
    const minority = ban.children.filter((c) => c.ethnicity && c.ethnicity !== "01").length;
    expect(minority / ban.children.length).toBeGreaterThan(0.6);
    expect(ban.children.every((c) => c.village === "Bản Nà Lừa")).toBe(true);

    const schools = ["Trường Tiểu học Lê Lợi", "Trường THCS Tân Hòa"];
    const ap = generateRoster({ seed: 4, children: 200, village: "Ấp Tân Hòa", schools });
    for (const child of ap.children) {
      if (child.grade) expect(child.school).toBe(Number(child.grade[0]) <= 5 ? schools[0] : schools[1]);
    }
  });

  it.each([
    [{ seed: 1.5, children: 1 }],
    [{ seed: 1, children: -1 }],
    [{ seed: 1, children: 2.5 }],
    [{ seed: 1, children: 1, asOf: "2026-02-30" }],
    [{ seed: 1, children: 1, problemRate: 1.5 }],
  ])("refuses bad options %j", (options) => {
    expect(() => generateRoster(options)).toThrow(RangeError);
  });
});
