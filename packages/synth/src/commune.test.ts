import { RosterIdSchema } from "@roster/schema";
import { describe, expect, it } from "vitest";
import { generateCommune } from "./commune";
import { villageSlug } from "./village-names";

describe("generateCommune", () => {
  const commune = generateCommune({ seed: 12, villages: 18, childrenPerVillage: [20, 60], region: "north" });

  it("makes the asked number of villages with distinct names and roster ids", () => {
    expect(commune.villages).toHaveLength(18);
    const names = commune.villages.map((v) => v.name);
    expect(new Set(names).size).toBe(18);
    for (const village of commune.villages) {
      expect(RosterIdSchema.parse(village.id)).toBe(village.id);
      expect(village.name).toMatch(/^(Thôn|Xóm) /);
      expect(village.children.every((c) => c.village === village.name)).toBe(true);
    }
    expect(new Set(commune.villages.map((v) => v.id)).size).toBe(18);
  });

  it("keeps each village within the children range and draws different sizes", () => {
    const sizes = commune.villages.map((v) => v.children.length);
    for (const size of sizes) {
      expect(size).toBeGreaterThanOrEqual(20);
      expect(size).toBeLessThanOrEqual(60);
    }
    expect(new Set(sizes).size).toBeGreaterThan(3);
  });

  it("keeps personal ID numbers and record ids unique across the commune", () => {
    // Within a village a planted duplicate may repeat a child's number; across villages nothing may.
    const villageOf = new Map<string, string>();
    for (const village of commune.villages) {
      for (const record of [...village.children, ...village.guardians]) {
        if (record.pid?.length !== 12) continue;
        expect(villageOf.get(record.pid) ?? village.id).toBe(village.id);
        villageOf.set(record.pid, village.id);
      }
    }
    const guardianPids = commune.villages.flatMap((v) => v.guardians.map((g) => g.pid));
    expect(new Set(guardianPids).size).toBe(guardianPids.length);
    const ids = commune.villages.flatMap((v) => [...v.children, ...v.guardians].map((r) => r.id));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("is deterministic for a seed", () => {
    const options = { seed: 5, villages: 3, childrenPerVillage: 30 };
    expect(generateCommune(options)).toEqual(generateCommune(options));
    expect(generateCommune({ ...options, seed: 6 })).not.toEqual(generateCommune(options));
  });

  it.each([
    ["urban", /^Tổ dân phố số \d+$/],
    ["mountain", /^(Bản|Thôn) /],
    ["south", /^Ấp /],
    ["highlands", /^(Buôn|Plei|Làng|Thôn) /],
  ] as const)("names %s villages the way such places are named", (region, pattern) => {
    const { villages } = generateCommune({ seed: 1, villages: 20, childrenPerVillage: 1, region });
    for (const village of villages) expect(village.name).toMatch(pattern);
  });

  it("prefixes ids when asked and refuses an empty range", () => {
    const { villages } = generateCommune({ seed: 1, villages: 1, childrenPerVillage: 1, region: "mountain", idPrefix: "xa-ta-van" });
    expect(villages[0]?.id).toMatch(/^xa-ta-van-/);
    expect(() => generateCommune({ seed: 1, villages: 1, childrenPerVillage: [5, 2] })).toThrow(RangeError);
  });
});

describe("villageSlug", () => {
  it.each([
    ["Bản Nà Lừa", "", "ban-na-lua"],
    ["Tổ dân phố số 5", "", "to-dan-pho-so-5"],
    ["Thôn Trung Hậu", "Xã Đông Anh", "xa-dong-anh-thon-trung-hau"],
    ["Buôn Ako Dhông", "", "buon-ako-dhong"],
  ])("%s (prefix %j) → %s", (name, prefix, slug) => {
    expect(villageSlug(name, prefix)).toBe(slug);
  });
});
