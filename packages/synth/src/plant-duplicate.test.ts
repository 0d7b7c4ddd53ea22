import { foldName } from "@roster/rules";
import { describe, expect, it } from "vitest";
import { canDuplicate, oneEditSpelling, plantDuplicate } from "./plant-duplicate";
import type { PlantedChild } from "./plant-problems";
import { createRandom } from "./random";

/** Levenshtein distance, to check the slips independently of the rules' own matcher. */
function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++) {
      row.push(Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1)));
    }
    previous = row;
  }
  return previous[y.length]!;
}

const base: PlantedChild = {
  child: { id: "c1", fullName: "Nguyễn Thị Thu Trang", dob: "2015-03-07", gender: "female", pid: "001315012345", bhyt: "0112345678", school: "Trường Tiểu học Kim Đồng", grade: "5A" },
  problems: [],
};

describe("oneEditSpelling", () => {
  it.each([
    ["Lê Thị Vy", "Lê Thị Vi"],
    ["Trần Minh Ngọc Mỹ", "Trần Minh Ngọc Mĩ"],
    ["Phạm Văn Linh", "Phạm Văn Lin"],
    ["Nguyễn Thị Thu Trang", "Nguyễn Thị Thu Tran"],
  ])("%s → %s", (name, slip) => {
    expect(oneEditSpelling(createRandom(1), name)).toBe(slip);
  });

  it("stays one edit away after folding for any name", () => {
    const rng = createRandom(2);
    for (const name of ["Hoàng Văn Nam", "Lò Văn Pả", "H'Hen Niê", "Đặng Quốc Bảo", "Giàng A Sùng", "Võ Thị Ánh"]) {
      const slip = oneEditSpelling(rng, name);
      if (slip === null) continue;
      expect(editDistance(foldName(name), foldName(slip))).toBe(1);
    }
  });

  it("gives up on a two-letter given name it cannot change", () => {
    expect(oneEditSpelling(createRandom(1), "Lê Văn An")).toBeNull();
  });
});

describe("plantDuplicate", () => {
  it("enters the same child again with a new id, no card and no school", () => {
    const rng = createRandom(3);
    const variants = new Set<string>();
    for (let i = 0; i < 60; i++) {
      const copy = plantDuplicate(rng, base);
      if (!copy) throw new Error("expected a copy");
      expect(copy.child.id).not.toBe("c1");
      expect(copy.child).toMatchObject({ bhyt: null, school: null, grade: null, gender: "female" });
      expect(copy.problems).toContain("duplicate");
      if (copy.child.pid === base.child.pid) {
        variants.add("same-pid");
        expect(copy.child).toMatchObject({ fullName: base.child.fullName, dob: base.child.dob });
      } else if (copy.child.dob !== base.child.dob) {
        variants.add("swapped-date");
        expect(copy.child).toMatchObject({ dob: "2015-07-03", pid: null, fullName: base.child.fullName });
      } else {
        variants.add("spelling");
        expect(copy.child).toMatchObject({ fullName: "Nguyễn Thị Thu Tran", pid: null });
      }
      if (copy.child.pid === null) expect(copy.problems).toContain("pid.missing");
    }
    expect([...variants].sort()).toEqual(["same-pid", "spelling", "swapped-date"]);
  });

  it("copies only records with a clean name and a date of birth", () => {
    expect(canDuplicate(base)).toBe(true);
    expect(canDuplicate({ ...base, problems: ["name.mojibake"] })).toBe(false);
    expect(canDuplicate({ ...base, problems: ["dob.missing"] })).toBe(false);
    expect(canDuplicate({ ...base, problems: ["residence.late"] })).toBe(true);
  });
});
