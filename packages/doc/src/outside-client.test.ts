import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { RECORDS_LAYOUT } from "./layout";
import { RosterRecords } from "./roster-records";
import type { Actor } from "./roster-records";
import { docWithClient, syncDocs } from "./testing/sync-docs";

// A stock y-websocket client that knows only DESIGN.md's layout: it writes plain map
// keys and never touches the edit log.
const police: Actor = { id: "u-police", name: "Trần Văn Bình" };
const school: Actor = { id: "u-school", name: "Nguyễn Thị Mai" };

function outsideChild(doc: Y.Doc, id: string): Y.Map<unknown> {
  return doc.getMap(RECORDS_LAYOUT.children).get(id) as Y.Map<unknown>;
}

describe("an outside client writing plain Y.Maps", () => {
  it("creates and edits children that our reader sees, validated, without log entries", () => {
    const ours = new RosterRecords(docWithClient(1));
    const outside = docWithClient(2);
    const record = new Y.Map<unknown>();
    record.set("fullName", "Vàng Thị Mỷ");
    record.set("dob", "2015-09-02");
    record.set("ethnicity", "13");
    outside.getMap(RECORDS_LAYOUT.children).set("ngoai-1", record);
    syncDocs(outside, ours.doc);
    outsideChild(outside, "ngoai-1").set("note", "x");
    syncDocs(outside, ours.doc);
    expect(ours.getChild("ngoai-1")).toEqual({
      id: "ngoai-1", fullName: "Vàng Thị Mỷ", dob: "2015-09-02", ethnicity: "13", note: "x",
    });
    expect(ours.doc.getArray(RECORDS_LAYOUT.edits).length).toBe(0);
  });

  it("does not break conflict detection among our clients, nor create conflicts itself", () => {
    const a = new RosterRecords(docWithClient(1));
    const b = new RosterRecords(docWithClient(2));
    const outside = docWithClient(3);
    const id = a.createChild({ fullName: "Hoàng Minh Đức", note: "Chờ xác minh" });
    syncDocs(a.doc, b.doc, outside);
    // Outside edits (untracked) of the field we will conflict on, and of another field.
    outsideChild(outside, id).set("fullName", "Hoang Minh Duc");
    outsideChild(outside, id).set("note", "x");
    syncDocs(a.doc, b.doc, outside);
    expect(a.conflicts()).toEqual([]);
    a.setChildField(id, "fullName", "Hoàng Minh Đức", police);
    b.setChildField(id, "fullName", "Hoàng Minh Đực", school);
    syncDocs(a.doc, b.doc, outside);
    expect(a.conflicts().map((c) => [c.field, c.values.map((v) => v.value).sort()])).toEqual([
      ["fullName", ["Hoàng Minh Đức", "Hoàng Minh Đực"]],
    ]);
    expect(a.getChild(id)?.note).toBe("x");
    // The outside client may resolve by writing the map: untracked, so the conflict
    // stays until one of our clients picks a value.
    outsideChild(outside, id).set("fullName", "Hoàng Minh Đức");
    syncDocs(a.doc, b.doc, outside);
    expect(a.conflicts()).toHaveLength(1);
    b.resolveConflict("child", id, "fullName", "Hoàng Minh Đức", school);
    syncDocs(a.doc, b.doc, outside);
    expect(a.conflicts()).toEqual([]);
    expect(outsideChild(outside, id).get("fullName")).toBe("Hoàng Minh Đức");
  });

  it("ignores garbage an outside client pushes into the edit log", () => {
    const a = new RosterRecords(docWithClient(1));
    const outside = docWithClient(2);
    const id = a.createChild({ fullName: "Lê Hoàng Nam" });
    syncDocs(a.doc, outside);
    outside.getArray(RECORDS_LAYOUT.edits).push([
      "rác",
      42,
      { i: "x", k: "c", r: id, f: "fullName", v: { bad: true }, a: "", n: "", t: "", p: [] },
      { i: "y", k: "c", r: id, f: "khongCo", v: "x", a: "", n: "", t: "", p: [] },
    ]);
    syncDocs(a.doc, outside);
    expect(a.conflicts()).toEqual([]);
    expect(a.setChildField(id, "fullName", "Lê Hoàng Nam Anh", school)).toBe(true);
    expect(a.conflicts()).toEqual([]);
  });
});
