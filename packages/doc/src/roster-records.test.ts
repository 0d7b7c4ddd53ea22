import { describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import type { ChildFields } from "@roster/schema";
import { InvalidFieldError, RecordNotFoundError } from "./errors";
import { createRecordsDoc, RECORDS_LAYOUT } from "./layout";
import { RosterRecords } from "./roster-records";
import type { Actor } from "./roster-records";
import { syncDocs } from "./testing/sync-docs";

const hamletHead: Actor = { id: "u-hamlet-7", name: "Lò Văn Páo" };
const AT = new Date("2026-06-08T07:45:00.000Z");
const records = () => new RosterRecords(createRecordsDoc(), { now: () => AT });

const an: ChildFields = {
  fullName: "Nguyễn Văn An",
  dob: "2016-03-14",
  gender: "male",
  ethnicity: "01",
  pid: "001216012345",
  residenceType: "permanent",
  healthBook: false,
};

describe("RosterRecords: children", () => {
  it("creates a child in the contract layout: one map key per field, plain values", () => {
    const r = records();
    const id = r.createChild(an);
    const raw = r.doc.getMap(RECORDS_LAYOUT.children).get(id);
    expect(raw).toBeInstanceOf(Y.Map);
    expect((raw as Y.Map<unknown>).toJSON()).toEqual(an);
    expect(r.getChild(id)).toEqual({ id, ...an });
    // Creation needs no log entry: nobody else can know the id yet.
    expect(r.doc.getArray(RECORDS_LAYOUT.edits).length).toBe(0);
  });

  it.each<[string, Record<string, unknown>, string, "unknown-field" | "invalid-value"]>([
    ["an unknown field", { fullName: "Lê Thị Hoa", ten: "Hoa" }, "ten", "unknown-field"],
    ["a gender outside the enumeration", { gender: "nam" }, "gender", "invalid-value"],
    ["a residence type in Vietnamese", { residenceType: "tạm trú" }, "residenceType", "invalid-value"],
    ["a number where text is expected", { pid: 1216012345 }, "pid", "invalid-value"],
    ["a string for a boolean", { healthBook: "có" }, "healthBook", "invalid-value"],
    ["an object", { note: { text: "x" } }, "note", "invalid-value"],
  ])("refuses %s with InvalidFieldError and writes nothing", (_what, fields, field, reason) => {
    const r = records();
    const error = (() => {
      try {
        r.createChild(fields as ChildFields);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InvalidFieldError);
    expect(error).toMatchObject({ kind: "child", field, reason, name: "InvalidFieldError" });
    expect(r.listChildren({ includeRemoved: true })).toEqual([]);
  });

  it("sets one field, reporting whether it changed, and logs who wrote what", () => {
    const r = records();
    const id = r.createChild(an);
    expect(r.setChildField(id, "pid", "001216099999", hamletHead)).toBe(true);
    expect(r.setChildField(id, "pid", "001216099999", hamletHead)).toBe(false);
    expect(r.getChild(id)?.pid).toBe("001216099999");
    const log = r.doc.getArray(RECORDS_LAYOUT.edits).toJSON();
    expect(log).toEqual([
      {
        i: expect.stringMatching(/^[0-9a-z]+\.[0-9a-z]+$/),
        k: "c", r: id, f: "pid", v: "001216099999", a: "u-hamlet-7", n: "Lò Văn Páo", t: AT.toISOString(), p: [],
      },
    ]);
  });

  it("names each log entry by the Yjs position of the item that holds it", () => {
    const r = records();
    const id = r.createChild(an);
    r.updateChild(id, { grade: "4A", school: "Trường TH Kim Đồng" }, hamletHead);
    r.setChildField(id, "grade", "4B", hamletHead);
    const edits = r.doc.getArray(RECORDS_LAYOUT.edits);
    const entries = edits.toArray() as Array<{ i: string; v: string }>;
    expect(entries.map((e) => e.v)).toEqual(["4A", "Trường TH Kim Đồng", "4B"]);
    for (const entry of entries) {
      const [client, clock] = entry.i.split(".").map((n) => parseInt(n, 36)) as [number, number];
      const item = Y.getItem(r.doc.store, Y.createID(client, clock)) as Y.Item;
      expect(item.parent).toBe(edits);
      expect(item.content.getContent()[clock - item.id.clock]).toBe(entry);
    }
  });

  it("clears a field with null", () => {
    const r = records();
    const id = r.createChild(an);
    r.setChildField(id, "ethnicity", null, hamletHead);
    expect(r.getChild(id)?.ethnicity).toBeNull();
  });

  it("updates several fields in one transaction and returns only those that changed", () => {
    const r = records();
    const id = r.createChild(an);
    const updates = vi.fn();
    r.doc.on("update", updates);
    const changed = r.updateChild(id, { fullName: "Nguyễn Văn An", school: "Trường TH Kim Đồng", grade: "4A" }, hamletHead);
    expect(changed).toEqual(["school", "grade"]);
    expect(updates).toHaveBeenCalledTimes(1);
    expect(r.getChild(id)).toMatchObject({ school: "Trường TH Kim Đồng", grade: "4A" });
  });

  it("does not half-apply a patch with one bad value", () => {
    const r = records();
    const id = r.createChild(an);
    expect(() => r.updateChild(id, { school: "Trường THCS Lê Lợi", vneid: "level3" as never }, hamletHead)).toThrow(
      InvalidFieldError,
    );
    expect(r.getChild(id)?.school).toBeUndefined();
  });

  it("throws RecordNotFoundError for an unknown id", () => {
    const r = records();
    expect(() => r.setChildField("khong-co", "note", "x", hamletHead)).toThrow(RecordNotFoundError);
    expect(() => r.setGuardianField("khong-co", "phone", "0912345678", hamletHead)).toThrow(RecordNotFoundError);
    expect(r.getChild("khong-co")).toBeUndefined();
  });

  it("removes a child by marking it, never deleting it, and lists it only on request", () => {
    const r = records();
    const stays = r.createChild({ fullName: "Trần Thị Bích Ngọc" });
    const goes = r.createChild({ fullName: "Nguyễn Văn An" });
    expect(r.removeChild(goes, "trùng hồ sơ", hamletHead)).toEqual(["removed", "removedReason"]);
    expect(r.listChildren().map((c) => c.id)).toEqual([stays]);
    expect(r.listChildren({ includeRemoved: true }).map((c) => c.id).sort()).toEqual([stays, goes].sort());
    expect(r.getChild(goes)).toMatchObject({ removed: true, removedReason: "trùng hồ sơ" });
    expect(r.doc.getMap(RECORDS_LAYOUT.children).has(goes)).toBe(true);
    // A removed child can be brought back.
    r.setChildField(goes, "removed", false, hamletHead);
    expect(r.listChildren()).toHaveLength(2);
  });

  it("lets two writes of one field inside a caller's transaction chain instead of conflicting", () => {
    const r = records();
    const id = r.createChild(an);
    r.doc.transact(() => {
      r.setChildField(id, "note", "Hẹn bổ sung thẻ BHYT", hamletHead);
      r.setChildField(id, "note", "Đã bổ sung thẻ BHYT", hamletHead);
    });
    expect(r.conflicts()).toEqual([]);
    expect(r.getChild(id)?.note).toBe("Đã bổ sung thẻ BHYT");
  });

  it("passes the caller's origin to the transaction", () => {
    const r = records();
    const origins: unknown[] = [];
    r.doc.on("afterTransaction", (tr: Y.Transaction) => origins.push(tr.origin));
    const connection = { user: "u-school-2" };
    const id = r.createChild(an, connection);
    r.setChildField(id, "grade", "4B", hamletHead, connection);
    r.removeChild(id, "chuyển đi nơi khác", hamletHead, connection);
    expect(origins).toEqual([connection, connection, connection]);
  });
});

describe("RosterRecords: guardians", () => {
  it("creates, updates, reads and indexes guardians by id", () => {
    const r = records();
    const mother = r.createGuardian({ fullName: "Lê Thị Thu", gender: "female", pid: "001185004321" });
    const father = r.createGuardian({ fullName: "Nguyễn Văn Hùng", gender: "male" });
    expect(r.setGuardianField(mother, "vneid", "level2", hamletHead)).toBe(true);
    expect(r.updateGuardian(father, { phone: "0912345678", vneid: "level1" }, hamletHead)).toEqual(["phone", "vneid"]);
    expect(r.getGuardian(mother)).toEqual({
      id: mother, fullName: "Lê Thị Thu", gender: "female", pid: "001185004321", vneid: "level2",
    });
    expect(Object.keys(r.guardiansById()).sort()).toEqual([mother, father].sort());
    expect(r.guardiansById()[father]?.phone).toBe("0912345678");
    expect(() => r.createGuardian({ vneid: "level9" as never })).toThrow(InvalidFieldError);
    expect(() => r.updateGuardian(father, { school: "x" } as never, hamletHead)).toThrow(/guardian has no field "school"/);
  });
});

describe("RosterRecords: values outside clients wrote", () => {
  it("leaves invalid stored values out of the typed record and reports them", () => {
    const r = records();
    const id = r.createChild(an);
    const raw = r.doc.getMap(RECORDS_LAYOUT.children).get(id) as Y.Map<unknown>;
    raw.set("gender", "nam");
    raw.set("healthBook", "có");
    raw.set("mauSac", "xanh"); // a key no client of ours knows: ignored, not an error
    expect(r.getChild(id)).toEqual({ id, ...an, gender: undefined, healthBook: undefined });
    expect(r.getChild(id)).not.toHaveProperty("gender");
    expect(r.invalidFields("child", id)).toEqual([
      { field: "gender", value: "nam" },
      { field: "healthBook", value: "có" },
    ]);
    expect(r.invalidFields("guardian", id)).toEqual([]);
  });

  it("skips entries of the children map that are not maps", () => {
    const r = records();
    r.doc.getMap(RECORDS_LAYOUT.children).set("rac", "not a record");
    expect(r.listChildren({ includeRemoved: true })).toEqual([]);
    expect(r.getChild("rac")).toBeUndefined();
  });
});

describe("RosterRecords: onChange", () => {
  it("reports the ids one transaction touched, local or remote, with origin", () => {
    const a = records();
    const b = new RosterRecords(new Y.Doc());
    const seen: Array<{ children: string[]; guardians: string[]; local: boolean; origin: unknown }> = [];
    b.onChange((c) => seen.push({ children: [...c.children], guardians: [...c.guardians], local: c.local, origin: c.origin }));
    const child = a.createChild(an);
    const guardian = a.createGuardian({ fullName: "Lê Thị Thu" });
    a.doc.transact(() => {
      a.setChildField(child, "motherId", guardian, hamletHead);
      a.setGuardianField(guardian, "phone", "0987654321", hamletHead);
    });
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc), "ws");
    b.setChildField(child, "note", "Đã gặp phụ huynh", hamletHead, "ui");
    expect(seen).toEqual([
      { children: [child], guardians: [guardian], local: false, origin: "ws" },
      { children: [child], guardians: [], local: true, origin: "ui" },
    ]);
  });

  it("stops after unsubscribe and after destroy", () => {
    const r = records();
    const listener = vi.fn();
    const off = r.onChange(listener);
    const id = r.createChild(an);
    off();
    r.setChildField(id, "grade", "3A", hamletHead);
    expect(listener).toHaveBeenCalledTimes(1);
    const again = vi.fn();
    r.onChange(again);
    r.destroy();
    r.doc.transact(() => (r.doc.getMap(RECORDS_LAYOUT.children).get(id) as Y.Map<unknown>).set("grade", "3B"));
    expect(again).not.toHaveBeenCalled();
  });

  it("reads a document that already has content, log included", () => {
    const a = records();
    const b = records();
    const id = a.createChild(an);
    syncDocs(a.doc, b.doc);
    a.setChildField(id, "address", "Thôn Đông, xã Tân Lập", hamletHead);
    b.setChildField(id, "address", "Xóm 3, xã Hòa Bình", hamletHead);
    syncDocs(a.doc, b.doc);
    const late = new RosterRecords(a.doc);
    expect(late.getChild(id)?.fullName).toBe("Nguyễn Văn An");
    expect(late.conflicts()).toEqual(a.conflicts());
    expect(late.conflicts()).toHaveLength(1);
  });
});
