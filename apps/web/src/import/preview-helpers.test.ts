import { describe, expect, it } from "vitest";
import type { ImportPlan } from "@roster/spreadsheet";
import type { MessageKey } from "../i18n/messages";
import { MESSAGES } from "../i18n/messages";
import { parsePath, pathOf, type Route } from "../ui/route";
import { groupTargets, headerRows } from "./mapping-groups";
import { findingTallies, planCounts, planDigest } from "./plan-summary";
import { columnLetter, valueWords } from "./value-words";

const t = (key: MessageKey) => MESSAGES.vi[key];
const finding = (code: string, severity: "error" | "warning", vi: string) => ({ code, field: "x", severity, message: { vi, en: vi } });

function plan(over: Partial<ImportPlan>): ImportPlan {
  return {
    fileName: "f.xlsx", asOf: "2026-11-23", header: { first: 0, last: 0, cells: [] }, columns: [], sheets: ["f.xlsx"], skippedSheets: [], add: [], update: [], unchanged: [],
    rejected: [], skipped: [], guardianAdd: [], guardianUpdate: [], issues: [], notes: [], findingCounts: {}, ...over,
  };
}

describe("preview helpers", () => {
  it("tallies the findings the imported children will have, most frequent first", () => {
    const p = plan({
      add: [
        { row: 2, key: "a", fields: {}, links: {}, status: "needs-fix", findings: [finding("pid.missing", "error", "Chưa có số định danh")] },
        { row: 3, key: "b", fields: {}, links: {}, status: "needs-fix", findings: [finding("name.format", "warning", "Tên chưa chuẩn"), finding("pid.missing", "error", "Chưa có số định danh")] },
      ],
      findingCounts: { "pid.missing": 2, "name.format": 1, "dob.missing": 0 },
    });
    expect(findingTallies(p).map((f) => [f.code, f.count, f.severity])).toEqual([
      ["pid.missing", 2, "error"],
      ["name.format", 1, "warning"],
    ]);
    expect(planCounts(p)).toMatchObject({ add: 2, update: 0, rejected: 0 });
  });

  it("gives equal digests only to plans that write the same", () => {
    const a = plan({ add: [{ row: 2, key: "a", fields: { fullName: "An" }, links: {}, status: "clean", findings: [] }] });
    const b = plan({ add: [{ row: 2, key: "a", fields: { fullName: "Ân" }, links: {}, status: "clean", findings: [] }] });
    expect(planDigest(a)).toBe(planDigest({ ...a, notes: [{ vi: "x", en: "x" }] }));
    expect(planDigest(a)).not.toBe(planDigest(b));
  });

  it("says stored values in words", () => {
    expect(valueWords("gender", "female", t)).toBe("Nữ");
    expect(valueWords("ethnicity", "03", t)).toBe("Thái (03)");
    expect(valueWords("dob", "2015-03-02", t)).toBe("02/03/2015");
    expect(valueWords("healthBook", true, t)).toBe("Có");
    expect(valueWords("note", null, t)).toBe("");
    expect([0, 25, 26, 701].map(columnLetter)).toEqual(["A", "Z", "AA", "ZZ"]);
    expect(headerRows({ first: 4, last: 5 })).toBe("5–6");
  });

  it("groups the column menu as child, parents, guardian, other", () => {
    const label = { vi: "", en: "" };
    const groups = groupTargets(["fullName", "mother.pid", "father.fullName", "phone", "index", "dob"].map((target) => ({ target: target as never, label })));
    expect(groups.map((g) => [g.label, g.options.map((o) => o.target)])).toEqual([
      ["import.group.child", ["fullName", "dob"]],
      ["import.group.mother", ["mother.pid"]],
      ["import.group.father", ["father.fullName"]],
      ["import.group.other", ["phone", "index"]],
    ]);
  });

  const routes: Route[] = [{ name: "import", rosterId: "thon-dong" }, { name: "lists", rosterId: "thon-dong" }, { name: "progress" }];
  it.each(routes)("has an address for the tools screen %j", (route) => {
    expect(parsePath(pathOf(route))).toEqual(route);
  });
});
