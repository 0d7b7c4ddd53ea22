import type { AuditEntry } from "@roster/schema";
import { describe, expect, it } from "vitest";
import { childHistory, guardianLinks, historySource } from "./child-history";

const entry = (patch: Partial<AuditEntry>): AuditEntry => ({ at: "2026-06-01T07:00:00.000Z", user: "a.school", childId: "c1", field: "fullName", from: null, to: "Lan", kind: "child", ...patch });

describe("child history", () => {
  it.each([
    [entry({}), "sync"],
    [entry({ source: "danh-sach-lop-3a.xlsx" }), "import:danh-sach-lop-3a.xlsx"],
    [entry({ source: "import:ds.csv" }), "import:ds.csv"],
    [entry({ source: "reconcile:trich-xuat.xlsx" }), "reconcile:trich-xuat.xlsx"],
    [entry({ source: "server-repair" }), "server-repair"],
    [entry({ field: "verification", from: null, to: "ab12" }), "verify"],
  ])("names the source of %o as %s", (audit, source) => {
    expect(historySource(audit)).toBe(source);
  });

  it("finds the guardians linked now and those linked before", () => {
    const audit = [entry({ field: "motherId", from: "g-old", to: "g-mother" })];
    expect([...guardianLinks({ fatherId: "g-father", motherId: "g-mother", guardianId: "" }, audit)]).toEqual([
      ["g-father", "father"],
      ["g-mother", "mother"],
      ["g-old", "mother"],
    ]);
  });

  it("merges the child's and the guardians' changes, newest first, with display names", () => {
    const child = [entry({ at: "2026-06-01T07:00:00.000Z", field: "dob", from: null, to: "2015-03-02" }), entry({ at: "2026-06-03T07:00:00.000Z", field: "dob", from: "2015-03-02", to: "2015-02-03", user: "a.police" })];
    const guardians = new Map([["g-m", { link: "mother", entries: [entry({ at: "2026-06-02T07:00:00.000Z", childId: "g-m", kind: "guardian", field: "phone", from: null, to: "0912345678", source: "ds.xlsx" })] }]]);
    const names: Record<string, string> = { "a.police": "Đại úy Đức", "a.school": "Cô Hạnh" };
    const history = childHistory(child, guardians, (u) => names[u] ?? u);
    expect(history.map((h) => [h.at.slice(0, 10), h.field, h.userName, h.source, h.guardianId])).toEqual([
      ["2026-06-03", "dob", "Đại úy Đức", "sync", undefined],
      ["2026-06-02", "mother.phone", "Cô Hạnh", "import:ds.xlsx", "g-m"],
      ["2026-06-01", "dob", "Cô Hạnh", "sync", undefined],
    ]);
    expect(history[0]).toMatchObject({ from: "2015-03-02", to: "2015-02-03", user: "a.police" });
  });
});
