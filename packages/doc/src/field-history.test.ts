import { describe, expect, it } from "vitest";
import type { EditEntry } from "./edit-entry";
import { readEditEntry } from "./edit-entry";
import { FieldHistory } from "./field-history";

const entry = (i: string, v: string, p: string[] = []): EditEntry => ({
  i, k: "c", r: "child-1", f: "fullName", v, a: "u1", n: "Trần Văn Bình", t: "2026-06-08T08:00:00.000Z", p,
});
const headValues = (h: FieldHistory) => h.heads().map((e) => e.v).sort();

describe("FieldHistory", () => {
  it("keeps one head along a chain of writes that each knew the last", () => {
    const h = new FieldHistory();
    h.add(entry("1.0", "Nguyen Van An"));
    h.add(entry("2.0", "Nguyễn Văn An", ["1.0"]));
    h.add(entry("1.5", "Nguyễn Văn Ân", ["2.0"]));
    expect(headValues(h)).toEqual(["Nguyễn Văn Ân"]);
    expect(h.inConflict()).toBe(false);
  });

  it("reports two concurrent writes with different values as a conflict, and equal ones not", () => {
    const h = new FieldHistory();
    h.add(entry("1.0", "Lê Thị Hoa"));
    h.add(entry("2.0", "Lê Thị Hòa", ["1.0"]));
    h.add(entry("3.0", "Lê Thị Hoà", ["1.0"]));
    expect(h.inConflict()).toBe(true);
    const same = new FieldHistory();
    same.add(entry("2.0", "Lê Thị Hòa"));
    same.add(entry("3.0", "Lê Thị Hòa"));
    expect(same.heads()).toHaveLength(2);
    expect(same.inConflict()).toBe(false);
  });

  it("treats an entry that arrives after the one replacing it as no head", () => {
    const h = new FieldHistory();
    h.add(entry("2.0", "b", ["1.0"]));
    h.add(entry("1.0", "a"));
    expect(headValues(h)).toEqual(["b"]);
  });

  it("gives heads back when the entry replacing them is removed, and ignores a second copy", () => {
    const h = new FieldHistory();
    h.add(entry("1.0", "a"));
    h.add(entry("2.0", "b"));
    expect(h.add(entry("3.0", "c", ["1.0", "2.0"]))).toBe(true);
    expect(h.add(entry("3.0", "c", ["1.0", "2.0"]))).toBe(false);
    expect(headValues(h)).toEqual(["c"]);
    expect(h.remove("3.0")).toBe(true);
    expect(headValues(h)).toEqual(["a", "b"]);
    expect(h.remove("3.0")).toBe(false);
  });

  it("is empty only when no entry and no reference remain", () => {
    const h = new FieldHistory();
    h.add(entry("2.0", "b", ["1.0"]));
    expect(h.isEmpty()).toBe(false);
    h.remove("2.0");
    expect(h.isEmpty()).toBe(true);
  });
});

describe("readEditEntry", () => {
  const good = entry("1.0", "An", ["0.1"]);
  it("accepts a well-formed entry", () => {
    expect(readEditEntry(good)).toEqual(good);
  });
  it.each<[string, unknown]>([
    ["null", null],
    ["an array", [good]],
    ["a string", "1.0"],
    ["an unknown kind", { ...good, k: "x" }],
    ["a field the kind lacks", { ...good, f: "phone" }],
    ["a guardian field on a guardian is fine, a child field not", { ...good, k: "g", f: "school" }],
    ["a number value", { ...good, v: 12 }],
    ["an object value", { ...good, v: { text: "An" } }],
    ["prev not an array", { ...good, p: "0.1" }],
    ["prev with a number", { ...good, p: [1] }],
    ["no actor", { ...good, a: undefined }],
  ])("rejects %s", (_what, raw) => {
    expect(readEditEntry(raw)).toBeUndefined();
  });
});

describe("FieldHistory.changes", () => {
  it("lists the writes newest first, each with the value it replaced when the log still has it", () => {
    const h = new FieldHistory();
    const at = (i: string, v: string, t: string, p: string[] = [], n = "Trần Văn Bình"): EditEntry => ({ i, k: "c", r: "child-1", f: "dob", v, a: `u-${n}`, n, t, p });
    h.add(at("1.0", "2015-03-14", "2026-06-08T08:00:00.000Z", ["0.9"]));
    h.add(at("2.0", "2015-03-15", "2026-06-08T09:00:00.000Z", ["1.0"], "Cô Hạnh"));
    h.add(at("3.0", "2015-03-16", "2026-06-08T10:00:00.000Z", ["2.0"], "Đại úy Đức"));
    expect(h.changes()).toEqual([
      { at: "2026-06-08T10:00:00.000Z", userId: "u-Đại úy Đức", userName: "Đại úy Đức", from: "2015-03-15", to: "2015-03-16" },
      { at: "2026-06-08T09:00:00.000Z", userId: "u-Cô Hạnh", userName: "Cô Hạnh", from: "2015-03-14", to: "2015-03-15" },
      // Its predecessor was compacted away: the device does not know what it replaced.
      { at: "2026-06-08T08:00:00.000Z", userId: "u-Trần Văn Bình", userName: "Trần Văn Bình", from: null, to: "2015-03-14" },
    ]);
  });
});
