import { describe, expect, it } from "vitest";
import { InvalidFieldError } from "./errors";
import { RosterRecords } from "./roster-records";
import type { Actor } from "./roster-records";
import { docWithClient, syncDocs } from "./testing/sync-docs";

const police: Actor = { id: "u-police", name: "Trần Văn Bình" };
const school: Actor = { id: "u-school", name: "Nguyễn Thị Mai" };
const hamlet: Actor = { id: "u-hamlet", name: "Lò Văn Páo" };

/** Three peers that start from one synced child. */
function threePeers() {
  const [a, b, c] = [1, 2, 3].map((client) => new RosterRecords(docWithClient(client))) as [
    RosterRecords, RosterRecords, RosterRecords,
  ];
  const id = a.createChild({ fullName: "Nguyen Van An", dob: "14/03/2016" });
  const mother = a.createGuardian({ fullName: "Lê Thị Thu" });
  syncDocs(a.doc, b.doc, c.doc);
  return { a, b, c, id, mother, all: [a.doc, b.doc, c.doc] };
}

describe("concurrent edits", () => {
  it("keeps both values of an offline same-field edit and names who typed each", () => {
    const { a, b, id, all } = threePeers();
    a.setChildField(id, "fullName", "Nguyễn Văn An", police);
    b.setChildField(id, "fullName", "Nguyễn Văn Ân", school);
    syncDocs(...all);
    const [conflict, ...none] = a.conflicts();
    expect(none).toEqual([]);
    expect(conflict).toMatchObject({ kind: "child", id, field: "fullName" });
    expect(conflict?.values.map((v) => [v.value, v.by, v.name]).sort()).toEqual([
      ["Nguyễn Văn An", "u-police", "Trần Văn Bình"],
      ["Nguyễn Văn Ân", "u-school", "Nguyễn Thị Mai"],
    ]);
    // The map holds one of the two (Yjs' pick); the other is not lost.
    expect(["Nguyễn Văn An", "Nguyễn Văn Ân"]).toContain(a.getChild(id)?.fullName);
    expect(b.conflicts()).toEqual(a.conflicts());
    expect(a.conflictsOf("child", id)).toEqual(a.conflicts());
    expect(a.conflictsOf("guardian", id)).toEqual([]);
  });

  it("never reports edits of different fields of one record as a conflict", () => {
    const { a, b, c, id, all } = threePeers();
    a.setChildField(id, "pid", "001216012345", police);
    b.setChildField(id, "school", "Trường TH Kim Đồng", school);
    c.updateChild(id, { address: "Bản Pá Khoang", healthBook: true }, hamlet);
    syncDocs(...all);
    expect(a.conflicts()).toEqual([]);
    expect(a.getChild(id)).toMatchObject({
      pid: "001216012345", school: "Trường TH Kim Đồng", address: "Bản Pá Khoang", healthBook: true,
    });
  });

  it("does not report concurrent writes that agree", () => {
    const { a, b, id, all } = threePeers();
    a.setChildField(id, "healthBook", true, police);
    b.setChildField(id, "healthBook", true, school);
    syncDocs(...all);
    expect(a.conflicts()).toEqual([]);
  });

  it("does not report a write that knew the earlier one", () => {
    const { a, b, id, all } = threePeers();
    a.setChildField(id, "fullName", "Nguyễn Văn An", police);
    syncDocs(...all);
    b.setChildField(id, "fullName", "Nguyễn Văn Ân", school);
    syncDocs(...all);
    expect(a.conflicts()).toEqual([]);
    expect(a.getChild(id)?.fullName).toBe("Nguyễn Văn Ân");
  });

  it("reports conflicts on guardians too", () => {
    const { a, c, mother, all } = threePeers();
    a.setGuardianField(mother, "phone", "0912345678", police);
    c.setGuardianField(mother, "phone", "0987654321", hamlet);
    syncDocs(...all);
    expect(a.conflictsOf("guardian", mother).map((x) => x.field)).toEqual(["phone"]);
  });

  it("resolves a conflict on every peer with the chosen value", () => {
    const { a, b, c, id, all } = threePeers();
    a.setChildField(id, "dob", "2016-03-14", police);
    b.setChildField(id, "dob", "2016-14-03", school);
    c.setChildField(id, "dob", "2016-04-03", hamlet);
    syncDocs(...all);
    expect(a.conflicts()[0]?.values.map((v) => v.value).sort()).toEqual(["2016-03-14", "2016-04-03", "2016-14-03"]);
    expect(() => b.resolveConflict("child", id, "dob", 20160314 as never, police)).toThrow(InvalidFieldError);
    expect(b.resolveConflict("child", id, "dob", "2016-03-14", police)).toBe(true);
    syncDocs(...all);
    for (const peer of [a, b, c]) {
      expect(peer.conflicts()).toEqual([]);
      expect(peer.getChild(id)?.dob).toBe("2016-03-14");
    }
  });

  it("resolves even when the chosen value is the one the map already shows", () => {
    const { a, b, id, all } = threePeers();
    a.setChildField(id, "gender", "female", police);
    b.setChildField(id, "gender", "male", school);
    syncDocs(...all);
    expect(a.conflicts()).toHaveLength(1);
    const shown = a.getChild(id)?.gender ?? "male";
    expect(a.resolveConflict("child", id, "gender", shown, police)).toBe(true);
    syncDocs(...all);
    expect(b.conflicts()).toEqual([]);
    expect(b.getChild(id)?.gender).toBe(shown);
  });

  it("turns a resolution made concurrently with another offline edit into a new conflict", () => {
    const { a, b, c, mother, all } = threePeers();
    a.setGuardianField(mother, "fullName", "Lê Thị Thu", police);
    b.setGuardianField(mother, "fullName", "Lê Thị Thư", school);
    syncDocs(a.doc, b.doc);
    a.resolveConflict("guardian", mother, "fullName", "Lê Thị Thu", police);
    c.setGuardianField(mother, "fullName", "Lê Thị Thủy", hamlet); // c never saw either value
    syncDocs(...all);
    const values = a.conflictsOf("guardian", mother)[0]?.values.map((v) => v.value).sort();
    expect(values).toEqual(["Lê Thị Thu", "Lê Thị Thủy"]);
  });
});
