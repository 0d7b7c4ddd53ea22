import { describe, expect, it } from "vitest";
import type { Verification } from "@roster/schema";
import { buildRow, CHILDREN, fixtureResults } from "../roster/roster-fixtures";
import { queueCounts, queueRows, queueTabOf, verifyBlocker } from "./verification-queue";

function rows(verifications: Map<string, Verification>) {
  const results = fixtureResults();
  return CHILDREN.map((c) => buildRow(c, { results, marks: new Map(), verifications, inSync: false }));
}

const stamp = (fingerprint: string): Verification => ({ by: "u-ca", byName: "Lê Văn Tâm", at: "2026-06-01T02:00:00Z", fingerprint });

describe("verification queue", () => {
  const plain = rows(new Map());
  const c1 = plain.find((r) => r.child.id === "c1")!;
  const c2 = plain.find((r) => r.child.id === "c2")!;

  it("puts clean unverified records in to-verify, errors in needs-fix, removed nowhere", () => {
    expect(c1.status).toBe("clean");
    expect(queueTabOf(c1)).toBe("to-verify");
    expect(queueTabOf(plain.find((r) => r.child.id === "c3")!)).toBe("needs-fix");
    expect(queueTabOf(plain.find((r) => r.child.id === "c5")!)).toBeNull();
  });

  it("moves a verified record to stale when its fingerprint changed", () => {
    const withStamps = rows(new Map([["c1", stamp(c1.fingerprint)], ["c2", stamp("0".repeat(64))]]));
    expect(queueRows(withStamps, "verified").map((r) => r.child.id)).toEqual(["c1"]);
    expect(queueRows(withStamps, "stale").map((r) => r.child.id)).toEqual(["c2"]);
    expect(queueRows(withStamps, "to-verify").map((r) => r.child.id)).not.toContain("c2");
    const counts = queueCounts(withStamps);
    expect(counts.verified + counts.stale + counts["to-verify"] + counts["needs-fix"]).toBe(5);
  });

  it("narrows needs-fix by finding code", () => {
    expect(queueRows(plain, "needs-fix", "pid.missing").map((r) => r.child.id)).toEqual(["c3"]);
    expect(queueRows(plain, "needs-fix", "bhyt.format")).toEqual([]);
  });

  it("says why verifying is not possible", () => {
    expect(verifyBlocker(c2, false, 0)).toBe("offline");
    expect(verifyBlocker(plain.find((r) => r.child.id === "c3")!, true, 0)).toBe("errors");
    expect(verifyBlocker(c2, true, 2)).toBe("not-synced");
    expect(verifyBlocker(c2, true, 0)).toBeNull();
  });
});
