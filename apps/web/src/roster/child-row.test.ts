import { describe, expect, it } from "vitest";
import type { Mark, Verification } from "@roster/schema";
import { shownStatus, withSync } from "./child-row";
import { buildRow, CHILDREN, fixtureResults } from "./roster-fixtures";

const FP = "a".repeat(64);
const mark = (status: Mark["status"], fingerprint = FP): Mark => ({ status, codes: [], fingerprint, at: "2026-06-08T01:00:00Z" });

describe("shownStatus", () => {
  it.each([
    ["server mark current and in sync", mark("verified"), true, { status: "verified", source: "server" }],
    ["offline: local evaluation", mark("verified"), false, { status: "clean", source: "local" }],
    ["mark of an older version", mark("verified", "b".repeat(64)), true, { status: "clean", source: "local" }],
    ["no mark yet", undefined, true, { status: "clean", source: "local" }],
  ] as const)("%s", (_label, m, inSync, expected) => {
    expect(shownStatus({ status: "clean" }, m, FP, inSync)).toEqual(expected);
  });
});

describe("rowOf", () => {
  const results = fixtureResults();
  const child = CHILDREN[0]!;

  it("marks a verified record edited since as stale", () => {
    const verification: Verification = { by: "u-ca", byName: "Đại úy Lê Văn Tâm", at: "2026-06-01T02:00:00Z", fingerprint: FP };
    const row = buildRow(child, { results, marks: new Map(), verifications: new Map([[child.id, verification]]), inSync: true });
    expect(row.findings.map((f) => f.code)).toContain("verification.stale");
    expect(row.status).toBe("clean");
  });

  it("is verified when the stamp's fingerprint is the record's current one", () => {
    const first = buildRow(child, { results, marks: new Map(), verifications: new Map(), inSync: true });
    const verification: Verification = { by: "u-ca", byName: "Lê Văn Tâm", at: "2026-06-01T02:00:00Z", fingerprint: first.fingerprint };
    const row = buildRow(child, { results, marks: new Map(), verifications: new Map([[child.id, verification]]), inSync: false });
    expect(row.status).toBe("verified");
    expect(row.folded).toBe("nguyen van an");
  });
});

describe("withSync", () => {
  const results = fixtureResults();
  const inputs = { results, verifications: new Map<string, Verification>() };
  const child = CHILDREN[0]!;
  const current = buildRow(child, { ...inputs, marks: new Map(), inSync: false }).fingerprint;

  it("gives the row a full rebuild would, for either state", () => {
    for (const m of [mark("needs-fix", current), mark("needs-fix"), undefined]) {
      const marks = new Map(m ? [[child.id, m]] : []);
      const offline = buildRow(child, { ...inputs, marks, inSync: false });
      const online = buildRow(child, { ...inputs, marks, inSync: true });
      expect(withSync(offline, true)).toEqual(online);
      expect(withSync(online, false)).toEqual(offline);
    }
  });

  it("returns the row itself when the state does not change what it shows", () => {
    const stale = buildRow(child, { ...inputs, marks: new Map([[child.id, mark("needs-fix")]]), inSync: false });
    expect(withSync(stale, true)).toBe(stale);
    const shown = buildRow(child, { ...inputs, marks: new Map([[child.id, mark("needs-fix", current)]]), inSync: true });
    expect(withSync(shown, true)).toBe(shown);
    expect(withSync(shown, false)).not.toBe(shown);
  });
});
