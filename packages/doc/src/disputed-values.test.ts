import { describe, expect, it } from "vitest";
import { disputedValuesByChild } from "./disputed-values";
import type { Conflict } from "./edit-log-index";

const value = (v: string, by: string) => ({ value: v, by, name: by, at: "2026-06-01T00:00:00Z", entryId: `${by}.1` });

describe("disputedValuesByChild", () => {
  it("names a child's conflicts by field and a guardian's by the role each child links it in", () => {
    const conflicts: Conflict[] = [
      { kind: "child", id: "c1", field: "dob", values: [value("2016-12-11", "a"), value("2016-11-12", "b")] },
      { kind: "guardian", id: "g1", field: "pid", values: [value("001085012345", "a"), value("001085099999", "b")] },
    ];
    const out = disputedValuesByChild([{ id: "c1", motherId: "g1" }, { id: "c2", guardianId: "g1" }, { id: "c3" }], conflicts);
    expect(out.get("c1")).toEqual(new Map([["dob", ["2016-12-11", "2016-11-12"]], ["mother.pid", ["001085012345", "001085099999"]]]));
    expect(out.get("c2")).toEqual(new Map([["guardian.pid", ["001085012345", "001085099999"]]]));
    expect(out.has("c3")).toBe(false);
  });
});
