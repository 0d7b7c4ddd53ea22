// The planted problems of a 5,000-child roster: each at its documented share, and each
// found by the rules exactly where it was planted (no more, no less).
import { evaluate, findDuplicates } from "@roster/rules";
import type { Guardian } from "@roster/schema";
import { describe, expect, it } from "vitest";
import { BASE_PROBLEM_SHARES as BASE, PROBLEM_FINDINGS, PROBLEM_KINDS, type ProblemKind } from "./problems";
import { generatePlantedRoster } from "./roster";

const AS_OF = "2026-06-01";
const N = 5_000;
const roster = generatePlantedRoster({ seed: 31, children: N, asOf: AS_OF });
const guardians: Record<string, Guardian> = Object.fromEntries(roster.guardians.map((g) => [g.id, g]));
const copies = new Set(roster.duplicates.map((d) => d.copy));
const originals = roster.children.filter((c) => !copies.has(c.id));
const evaluations = new Map(roster.children.map((c) => [c.id, evaluate(c, { guardians, asOf: AS_OF })]));
const codesOf = (id: string) => new Set(evaluations.get(id)?.findings.map((f) => f.code));
const plantedOf = (id: string): readonly ProblemKind[] => roster.planted.get(id) ?? [];

// What share of original (not duplicated) records should carry each kind: the base share,
// less where another problem of the same record or household rules it out.
const EXPECTED: Readonly<Record<Exclude<ProblemKind, "duplicate">, number>> = {
  ...BASE,
  "name.upper_case": BASE["name.upper_case"] * (1 - BASE["name.mojibake"]),
  "name.double_space": BASE["name.double_space"] * (1 - BASE["name.mojibake"]),
  "representative.no_level2":
    BASE["representative.no_level2"] * (1 - BASE["guardian.missing"] - BASE["representative.unset"]),
  // Most households have a mother on the record (single fathers and grandparents do not).
  "mother.underage": BASE["mother.underage"] * 0.94 * (1 - BASE["guardian.missing"]),
};

// A record with no guardian linked has no representative either.
const ALSO_REPORTED: Readonly<Record<string, readonly ProblemKind[]>> = {
  "guardian.representative": ["guardian.missing"],
};

describe("planted problems at 5,000 children", () => {
  it.each(PROBLEM_KINDS.filter((k): k is Exclude<ProblemKind, "duplicate"> => k !== "duplicate"))(
    "%s is planted at its share",
    (kind) => {
      const observed = originals.filter((c) => plantedOf(c.id).includes(kind)).length / originals.length;
      const expected = EXPECTED[kind];
      // 4.5 binomial standard deviations, doubled for problems shared by a household.
      const clustered = kind === "representative.no_level2" || kind === "mother.underage" ? 2 : 1;
      const tolerance = 4.5 * clustered * Math.sqrt((expected * (1 - expected)) / originals.length);
      expect(Math.abs(observed - expected)).toBeLessThanOrEqual(tolerance);
      expect(observed).toBeGreaterThan(0);
    },
  );

  it("plants about 2% duplicates, and findDuplicates finds every one of them", () => {
    expect(roster.duplicates.length / N).toBeGreaterThan(0.014);
    expect(roster.duplicates.length / N).toBeLessThan(0.026);
    const pairs = findDuplicates(roster.children, guardians);
    const found = new Set(pairs.map((p) => `${p.a}|${p.b}`));
    for (const { original, copy } of roster.duplicates) {
      const key = original < copy ? `${original}|${copy}` : `${copy}|${original}`;
      expect(found.has(key)).toBe(true);
    }
    // Unrelated children rarely look alike: few pairs beyond the planted ones.
    expect(pairs.length).toBeLessThanOrEqual(roster.duplicates.length + 5);
  });

  it.each([...new Set(Object.values(PROBLEM_FINDINGS))])(
    "the rules report %s on exactly the records where it was planted",
    (code) => {
      const kinds = [
        ...PROBLEM_KINDS.filter((k) => k !== "duplicate" && PROBLEM_FINDINGS[k] === code),
        ...(ALSO_REPORTED[code] ?? []),
      ];
      const planted = roster.children.filter((c) => plantedOf(c.id).some((k) => kinds.includes(k))).map((c) => c.id);
      const reported = roster.children.filter((c) => codesOf(c.id).has(code)).map((c) => c.id);
      expect(reported).toEqual(planted);
    },
  );

  it("leaves a record with nothing planted free of errors", () => {
    const clean = roster.children.filter((c) => plantedOf(c.id).length === 0);
    expect(clean.length / N).toBeGreaterThan(0.3);
    for (const child of clean) expect(evaluations.get(child.id)?.status).toBe("clean");
  });

  it("plants nothing at problemRate 0: every record evaluates clean and nothing looks duplicated", () => {
    const tidy = generatePlantedRoster({ seed: 32, children: 2_000, asOf: AS_OF, problemRate: 0 });
    const byId: Record<string, Guardian> = Object.fromEntries(tidy.guardians.map((g) => [g.id, g]));
    for (const child of tidy.children) {
      expect(tidy.planted.get(child.id)).toEqual([]);
      expect(evaluate(child, { guardians: byId, asOf: AS_OF }).status).toBe("clean");
    }
    expect(findDuplicates(tidy.children, byId)).toEqual([]);
  });

  it("scales every problem with problemRate", () => {
    const count = (rate: number) => {
      const r = generatePlantedRoster({ seed: 33, children: 2_000, asOf: AS_OF, problemRate: rate });
      return [...r.planted.values()].filter((p) => p.length > 0).length / 2_000;
    };
    const low = count(0.2);
    const high = count(0.9);
    expect(low).toBeGreaterThan(0.15);
    expect(low).toBeLessThan(0.25);
    expect(high).toBeGreaterThan(0.85);
  });
});
