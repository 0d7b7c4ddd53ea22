import { describe, expect, it } from "vitest";
import type { Child, Status } from "@roster/schema";
import type { ChildRow } from "../roster/child-row";
import { countWith, listData, listFileName, verifiedIds } from "./list-data";

const row = (id: string, status: Status, removed = false): ChildRow =>
  ({
    child: { id, fullName: id, ...(removed ? { removed: true } : {}) } as Child,
    status,
    source: "local",
    localStatus: status,
    findings: status === "needs-fix" ? [{ code: "pid.missing", field: "pid", severity: "error", message: { vi: "Chưa có số định danh", en: "No ID" } }] : [],
    fingerprint: "",
    verification: undefined,
    mark: undefined,
    folded: id,
    sortKey: id,
  }) as ChildRow;

describe("list inputs", () => {
  const snapshot = { rows: [row("a", "needs-fix"), row("b", "verified"), row("c", "clean"), row("d", "verified", true)], guardians: {} };

  it("hands the lists the status each child shows, verified counting as not needing fixes", () => {
    const data = listData(snapshot);
    expect(data.evaluations.map(([id, e]) => [id, e.status])).toEqual([["a", "needs-fix"], ["b", "clean"], ["c", "clean"], ["d", "clean"]]);
    expect(data.evaluations[0]![1].findings[0]!.code).toBe("pid.missing");
    expect(data.statuses).toEqual([["a", "needs-fix"], ["b", "verified"], ["c", "clean"], ["d", "verified"]]);
  });

  it("puts only verified children still in the roster on the handover list", () => {
    expect(verifiedIds(snapshot)).toEqual(["b"]);
    expect(countWith(snapshot)).toBe(3);
    expect(countWith(snapshot, "needs-fix")).toBe(1);
  });

  it("names files by list, village and day", () => {
    expect(listFileName("handover", "thon-dong", "2026-11-23", "xlsx")).toBe("danh-sach-ban-giao-thon-dong-2026-11-23.xlsx");
  });
});
