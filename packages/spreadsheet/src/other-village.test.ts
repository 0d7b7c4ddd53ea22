import { describe, expect, it } from "vitest";
import type { ImportPlan } from "./import-plan";
import { excludeRows, otherVillageRows, villageKey } from "./other-village";

const plan = {
  fileName: "lop.xlsx", asOf: "2026-06-01", header: { first: 0, last: 0, cells: [] }, columns: [],
  add: [
    { row: 2, key: "n2", fields: { fullName: "Lò Văn A", village: "Thôn Đông" }, links: { motherId: { kind: "new", key: "g1" } }, status: "clean", findings: [] },
    { row: 3, key: "n3", fields: { fullName: "Lò Văn B", village: "thon bac" }, links: { motherId: { kind: "new", key: "g2" } }, status: "clean", findings: [] },
    { row: 4, key: "n4", fields: { fullName: "Lò Văn C" }, links: {}, status: "clean", findings: [] },
  ],
  update: [{ row: 5, childId: "c5", changes: [{ field: "village", from: "Đông", to: "Xóm Nam" }], links: [], status: "clean", findings: [] }],
  unchanged: [], rejected: [], skipped: [],
  guardianAdd: [{ key: "g1", fields: { fullName: "Mẹ A" }, rows: [2] }, { key: "g2", fields: { fullName: "Mẹ B" }, rows: [3] }],
  guardianUpdate: [], issues: [{ row: 3, target: null, level: "warning", message: { vi: "x", en: "x" } }], notes: [], findingCounts: {},
} as unknown as ImportPlan;

describe("rows of another village", () => {
  it("compares village names folded, without the kind of village", () => {
    expect(villageKey("Thôn Đông")).toBe(villageKey("đông"));
    expect(villageKey("Tổ dân phố số 5")).toBe(villageKey("TDP 5"));
    expect(villageKey("Thôn Đông")).not.toBe(villageKey("Thôn Bắc"));
  });

  it("lists the rows naming another village, added or updated", () => {
    expect(otherVillageRows(plan, "Thôn Đông")).toEqual([
      { row: 3, fullName: "Lò Văn B", village: "thon bac" },
      { row: 5, fullName: "", village: "Xóm Nam" },
    ]);
  });

  it("leaves excluded rows out with the guardians only they named, and says they were skipped", () => {
    const reason = { vi: "Thôn khác", en: "Another village" };
    const out = excludeRows(plan, new Set([3, 5]), reason);
    expect(out.add.map((a) => a.row)).toEqual([2, 4]);
    expect(out.update).toEqual([]);
    expect(out.guardianAdd.map((g) => g.key)).toEqual(["g1"]);
    expect(out.issues).toEqual([]);
    expect(out.skipped).toEqual([{ row: 3, reason }, { row: 5, reason }]);
    expect(excludeRows(plan, new Set(), reason)).toBe(plan);
  });
});
