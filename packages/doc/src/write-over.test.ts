import { describe, expect, it } from "vitest";
import { RosterRecords } from "./roster-records";
import type { Actor } from "./roster-records";
import { docWithClient, syncDocs } from "./testing/sync-docs";

const school: Actor = { id: "u-school", name: "Nguyễn Thị Mai" };
const hamlet: Actor = { id: "u-hamlet", name: "Lò Văn Páo" };

/** Two synced peers with one child whose address the school set once. */
function twoPeers() {
  const a = new RosterRecords(docWithClient(1));
  const b = new RosterRecords(docWithClient(2));
  const id = a.createChild({ fullName: "Lò Thị Mai" });
  a.setChildField(id, "address", "Bản Cũ", school);
  syncDocs(a.doc, b.doc);
  return { a, b, id };
}

describe("writeOver: text typed while someone else saved the field", () => {
  it("names who set the value shown", () => {
    const { b, id } = twoPeers();
    expect(b.latestWrites("child", id, "address").map((w) => [w.value, w.name])).toEqual([["Bản Cũ", "Nguyễn Thị Mai"]]);
    expect(b.latestWrites("child", id, "school")).toEqual([]);
  });

  it("keeps both values as a conflict when the typed text is written over what the typist had seen", () => {
    const { a, b, id } = twoPeers();
    const seen = b.latestWrites("child", id, "address").map((w) => w.entryId);
    a.setChildField(id, "address", "Thôn Đông 3", school);
    syncDocs(a.doc, b.doc);
    expect(b.writeOver("child", id, "address", "Xóm Mới 12", hamlet, seen)).toBe(true);
    syncDocs(a.doc, b.doc);
    for (const peer of [a, b]) {
      expect(peer.conflictsOf("child", id).flatMap((c) => c.values.map((v) => v.value)).sort()).toEqual(["Thôn Đông 3", "Xóm Mới 12"]);
    }
  });

  it("is an ordinary write when nobody else wrote meanwhile", () => {
    const { b, id } = twoPeers();
    const seen = b.latestWrites("child", id, "address").map((w) => w.entryId);
    b.writeOver("child", id, "address", "Xóm Mới 12", hamlet, seen);
    expect(b.conflicts()).toEqual([]);
    expect(b.getChild(id)?.address).toBe("Xóm Mới 12");
  });

  it("writes nothing when the other person typed the same text", () => {
    const { a, b, id } = twoPeers();
    const seen = b.latestWrites("child", id, "address").map((w) => w.entryId);
    a.setChildField(id, "address", "Xóm Mới 12", school);
    syncDocs(a.doc, b.doc);
    expect(b.writeOver("child", id, "address", "Xóm Mới 12", hamlet, seen)).toBe(false);
    expect(b.conflicts()).toEqual([]);
  });
});
