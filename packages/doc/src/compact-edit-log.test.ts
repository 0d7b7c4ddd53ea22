import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { compactEditLog } from "./compact-edit-log";
import { readEditEntry } from "./edit-entry";
import type { EditEntry } from "./edit-entry";
import { RECORDS_LAYOUT } from "./layout";
import { RosterRecords } from "./roster-records";
import type { Actor } from "./roster-records";
import { docWithClient, syncDocs } from "./testing/sync-docs";

const police: Actor = { id: "u-police", name: "Trần Văn Bình" };
const school: Actor = { id: "u-school", name: "Nguyễn Thị Mai" };
const hamlet: Actor = { id: "u-hamlet", name: "Lò Văn Páo" };

const log = (doc: Y.Doc) =>
  doc.getArray(RECORDS_LAYOUT.edits).toArray().map(readEditEntry).filter((e): e is EditEntry => e !== undefined);
const conflictValues = (r: RosterRecords) => r.conflicts().map((c) => [c.field, c.values.map((v) => v.value).sort()]);

/** Collects every update a document emits, to deliver by hand in a chosen order. */
function recorder(doc: Y.Doc): Uint8Array[] {
  const updates: Uint8Array[] = [];
  doc.on("update", (update: Uint8Array, origin: unknown) => {
    if (origin !== "delivered") updates.push(update);
  });
  return updates;
}
const deliver = (doc: Y.Doc, ...updates: Uint8Array[]) => updates.forEach((u) => Y.applyUpdate(doc, u, "delivered"));

describe("compactEditLog", () => {
  it("deletes replaced entries, keeps heads and conflicts, and then has nothing left to do", () => {
    const a = new RosterRecords(docWithClient(1));
    const b = new RosterRecords(docWithClient(2));
    const id = a.createChild({ fullName: "Nguyen Van An" });
    syncDocs(a.doc, b.doc);
    a.setChildField(id, "fullName", "Nguyễn Văn An", police);
    a.setChildField(id, "fullName", "Nguyễn Văn Ân", police);
    a.setChildField(id, "school", "Trường TH Kim Đồng", police);
    b.setChildField(id, "fullName", "Nguyễn Văn Ấn", school);
    syncDocs(a.doc, b.doc);
    const before = a.conflicts();
    expect(log(a.doc)).toHaveLength(4);
    expect(compactEditLog(a.doc, "compaction")).toBe(1);
    expect(log(a.doc).map((e) => e.v).sort()).toEqual(["Nguyễn Văn Ấn", "Nguyễn Văn Ân", "Trường TH Kim Đồng"].sort());
    expect(a.conflicts()).toEqual(before);
    const touched: string[][] = [];
    b.onChange((c) => touched.push([...c.children]));
    syncDocs(a.doc, b.doc);
    expect(b.conflicts()).toEqual(before);
    expect(touched).toEqual([[id]]); // b indexed the deletion
    const updates = recorder(a.doc);
    expect(compactEditLog(a.doc)).toBe(0);
    expect(updates).toEqual([]);
  });

  it("keeps a conflict detectable when one peer compacts while another writes offline", () => {
    const a = new RosterRecords(docWithClient(1));
    const b = new RosterRecords(docWithClient(2));
    const id = a.createChild({ fullName: "Lê Thị Hoa" });
    syncDocs(a.doc, b.doc);
    a.setChildField(id, "address", "Thôn Đông, xã Tân Lập", police);
    b.setChildField(id, "address", "Thôn Đông, xã Tân Lập, Hà Tĩnh", school);
    syncDocs(a.doc, b.doc);
    // b goes offline and edits; a edits the same field and compacts away what both knew.
    b.setChildField(id, "address", "Xóm 3, xã Hòa Bình", school);
    a.setChildField(id, "address", "Ấp Mỹ Lợi", police);
    expect(compactEditLog(a.doc)).toBe(2); // both earlier values: a's new write knew them
    syncDocs(a.doc, b.doc);
    for (const peer of [a, b]) {
      expect(conflictValues(peer)).toEqual([["address", ["Xóm 3, xã Hòa Bình", "Ấp Mỹ Lợi"]]]);
    }
  });

  it("keeps a conflict when the compacting peer never saw the concurrent write", () => {
    const a = new RosterRecords(docWithClient(1));
    const b = new RosterRecords(docWithClient(2));
    const id = a.createChild({ fullName: "Lê Hoàng Nam" });
    syncDocs(a.doc, b.doc);
    a.setChildField(id, "pid", "001216012345", police);
    syncDocs(a.doc, b.doc);
    b.setChildField(id, "pid", "001216000000", school); // knew a's write, not the next one
    a.setChildField(id, "pid", "001216099999", police);
    compactEditLog(a.doc); // deletes a's first entry: referenced by its second
    syncDocs(a.doc, b.doc);
    expect(conflictValues(a)).toEqual([["pid", ["001216000000", "001216099999"]]]);
    expect(conflictValues(b)).toEqual(conflictValues(a));
  });

  it("does not let an entry that arrives late look like a head (non-causal delivery)", () => {
    // The log of field fullName will be A ← B ← C ← D (each knew the previous). The
    // compacting peer d receives B, C and D while A's entry is still buffered by Yjs:
    // it must keep B (else A, arriving later, would look like a head) and C (else B
    // would look like one).
    const [p1, p2, p3, d] = [1, 2, 3, 4].map((c) => new RosterRecords(docWithClient(c))) as [
      RosterRecords, RosterRecords, RosterRecords, RosterRecords,
    ];
    const id = p1.createChild({ fullName: "Nguyen Thi Bich Ngoc", note: "Chờ xác minh" });
    syncDocs(p1.doc, p2.doc, p3.doc, d.doc);
    const [u1, u2, u3] = [p1, p2, p3].map((p) => recorder(p.doc)) as [Uint8Array[], Uint8Array[], Uint8Array[]];

    p3.setChildField(id, "address", "Bản Pá Khoang", hamlet); // Y: lets B's log item not sit right after A's
    p1.setChildField(id, "note", "Hẹn bổ sung thẻ BHYT", police); // E0
    deliver(p2.doc, ...u1);
    p2.setChildField(id, "fullName", "Nguyễn Thị Bích Ngọc", school); // A, its log item right after E0
    deliver(p3.doc, ...u1, ...u2);
    p3.setChildField(id, "fullName", "Nguyễn Thị Bích Ngọc.", hamlet); // B, knew A
    p3.setChildField(id, "fullName", "Nguyễn Thị Bích Ngoc", hamlet); // C, knew B
    p3.setChildField(id, "fullName", "Nguyễn Thị Bích Ngọc", hamlet); // D, knew C

    // d gets A's update but not E0: A's map write integrates, A's log item waits for E0.
    deliver(d.doc, ...u3.slice(0, 1), ...u2, ...u3.slice(1));
    const entries = log(d.doc);
    expect(entries.map((e) => e.v)).toEqual([
      "Bản Pá Khoang", "Nguyễn Thị Bích Ngọc.", "Nguyễn Thị Bích Ngoc", "Nguyễn Thị Bích Ngọc",
    ]);
    expect(d.doc.store.pendingStructs).not.toBeNull();

    expect(compactEditLog(d.doc)).toBe(0);
    syncDocs(p1.doc, p2.doc, p3.doc, d.doc);
    for (const peer of [p1, p2, p3, d]) {
      expect(peer.doc.store.pendingStructs).toBeNull();
      expect(peer.conflicts()).toEqual([]);
      expect(peer.getChild(id)?.fullName).toBe("Nguyễn Thị Bích Ngọc");
    }
    // Once everything has arrived, a later compaction does delete the replaced entries.
    compactEditLog(d.doc);
    syncDocs(p1.doc, p2.doc, p3.doc, d.doc);
    expect(log(p1.doc).filter((e) => e.f === "fullName").map((e) => e.v)).toEqual(["Nguyễn Thị Bích Ngọc"]);
    expect(p1.conflicts()).toEqual([]);
  });

  it("leaves slots it cannot read alone", () => {
    const doc = docWithClient(1);
    doc.getArray(RECORDS_LAYOUT.edits).push(["rác", { i: "1.0" }]);
    expect(compactEditLog(doc)).toBe(0);
    expect(doc.getArray(RECORDS_LAYOUT.edits).length).toBe(2);
  });
});
