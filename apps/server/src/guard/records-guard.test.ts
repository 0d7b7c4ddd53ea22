import { RosterRecords, createRecordsDoc } from "@roster/doc";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { SyncConnection } from "../sync";
import { RecordsGuard, REPAIR_CLIENT_ID } from "./records-guard";
import type { Repair } from "./repair";

const SCHOOL = { id: "u-school", username: "a.school", displayName: "Cô Vũ Thị Hạnh" };
const POLICE = { id: "u-police", username: "a.police", displayName: "Đại úy Phạm Văn Đức" };

/** Applies a client's update the way `DocRoom.onUpdate` does, with the guard inside. */
function guardedPush(server: Y.Doc, guard: RecordsGuard, update: Uint8Array, user = SCHOOL): { changed: boolean; repairs: readonly Repair[] } {
  const connection = { context: { user } } as unknown as SyncConnection;
  let result = { changed: false, repairs: [] as readonly Repair[] };
  Y.transact(
    server,
    (transaction) => {
      Y.applyUpdate(server, update, connection);
      const changed = guard.filterPush({ doc: server, transaction, connection });
      result = { changed, repairs: guard.repairsIn(transaction) };
    },
    connection,
    false,
  );
  return result;
}

/** The server's doc behind the guard, as a room holds it, and the clients that sync with it. */
function world() {
  const guard = new RecordsGuard();
  const server = createRecordsDoc();
  server.gcFilter = guard.gcFilter;
  const records = new RosterRecords(server);
  const childId = records.createChild({ fullName: "Nguyễn Văn An", dob: "2015-03-14", gender: "male", note: "lớp 4A", healthBook: false });
  const guardianId = records.createGuardian({ fullName: "Trần Thị Mai", dob: "1988-07-02", phone: "0912345678" });
  records.destroy();

  const push = (update: Uint8Array, user = SCHOOL) => guardedPush(server, guard, update, user);

  const client = (clientID?: number) => {
    const doc = new Y.Doc();
    if (clientID !== undefined) doc.clientID = clientID;
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(server));
    return {
      doc,
      children: doc.getMap<unknown>("children"),
      guardians: doc.getMap<unknown>("guardians"),
      /** Sends what the server lacks, through the guard, then takes what it lacks. */
      sync(user = SCHOOL) {
        const result = push(Y.encodeStateAsUpdate(doc, Y.encodeStateVector(server)), user);
        Y.applyUpdate(doc, Y.encodeStateAsUpdate(server, Y.encodeStateVector(doc)));
        return result;
      },
      receive() {
        Y.applyUpdate(doc, Y.encodeStateAsUpdate(server, Y.encodeStateVector(doc)));
      },
    };
  };

  const fresh = () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(server));
    return doc;
  };
  return { server, childId, guardianId, push, client, fresh };
}

const childOf = (doc: Y.Doc, id: string) => (doc.getMap<Y.Map<unknown>>("children").get(id) as Y.Map<unknown> | undefined)?.toJSON();
const guardianOf = (doc: Y.Doc, id: string) => (doc.getMap<Y.Map<unknown>>("guardians").get(id) as Y.Map<unknown> | undefined)?.toJSON();
const AN = { fullName: "Nguyễn Văn An", dob: "2015-03-14", gender: "male", note: "lớp 4A", healthBook: false };

describe("RecordsGuard: records are never lost", () => {
  it("puts a deleted child back with its values, for the sender and for everyone", () => {
    const w = world();
    const hostile = w.client();
    hostile.children.delete(w.childId);
    const { changed, repairs } = hostile.sync();
    expect(changed).toBe(true);
    expect(repairs).toEqual([{ kind: "child", id: w.childId, field: "*", attempted: null, restored: "record" }]);
    expect(childOf(w.server, w.childId)).toEqual(AN);
    expect(childOf(hostile.doc, w.childId)).toEqual(AN);
    expect(childOf(w.fresh(), w.childId)).toEqual(AN);
  });

  it("puts back every child of a cleared map, and a deleted guardian", () => {
    const w = world();
    const second = w.client();
    const extra = new Y.Map<unknown>();
    extra.set("fullName", "Lò Thị Hoa");
    second.children.set("c-hoa", extra);
    second.sync();
    const hostile = w.client();
    hostile.children.clear();
    hostile.guardians.delete(w.guardianId);
    const { repairs } = hostile.sync();
    expect(repairs.map((r) => `${r.kind}:${r.id}:${r.field}`).sort()).toEqual(["child:c-hoa:*", `child:${w.childId}:*`, `guardian:${w.guardianId}:*`].sort());
    const fresh = w.fresh();
    expect(childOf(fresh, w.childId)).toEqual(AN);
    expect(childOf(fresh, "c-hoa")).toEqual({ fullName: "Lò Thị Hoa" });
    expect(guardianOf(fresh, w.guardianId)).toEqual({ fullName: "Trần Thị Mai", dob: "1988-07-02", phone: "0912345678" });
    expect(hostile.doc.getMap("children").toJSON()).toEqual(fresh.getMap("children").toJSON());
  });

  it("puts a deleted field back, and a second deletion of a restored record too", () => {
    const w = world();
    const hostile = w.client();
    (hostile.children.get(w.childId) as Y.Map<unknown>).delete("dob");
    expect(hostile.sync().repairs).toEqual([{ kind: "child", id: w.childId, field: "dob", attempted: null, restored: "2015-03-14" }]);
    expect(childOf(hostile.doc, w.childId)).toEqual(AN);
    hostile.children.delete(w.childId);
    hostile.sync();
    hostile.children.delete(w.childId);
    hostile.sync();
    expect(childOf(w.fresh(), w.childId)).toEqual(AN);
  });

  it("keeps a new record whose key was replaced by another map, with the old values it lacks", () => {
    const w = world();
    const c = w.client();
    const replacement = new Y.Map<unknown>();
    replacement.set("fullName", "Nguyễn Văn Ân");
    c.children.set(w.childId, replacement);
    c.sync();
    expect(childOf(w.fresh(), w.childId)).toEqual({ ...AN, fullName: "Nguyễn Văn Ân" });
  });

  it("removes a key of children that never held a record and is not one", () => {
    const w = world();
    const c = w.client();
    c.children.set("junk", 42);
    expect(c.sync().repairs).toEqual([{ kind: "child", id: "junk", field: "*", attempted: "42", restored: null }]);
    expect(w.fresh().getMap("children").has("junk")).toBe(false);
  });

  it("leaves a legitimate removal (removed: true with a reason) alone", () => {
    const w = world();
    const c = w.client();
    const child = c.children.get(w.childId) as Y.Map<unknown>;
    c.doc.transact(() => {
      child.set("removed", true);
      child.set("removedReason", "chuyển đi nơi khác");
    });
    expect(c.sync()).toEqual({ changed: false, repairs: [] });
    expect(childOf(w.fresh(), w.childId)).toMatchObject({ removed: true, removedReason: "chuyển đi nơi khác" });
  });
});

describe("RecordsGuard: values", () => {
  it.each<[string, string, (doc: Y.Doc) => unknown]>([
    ["a number", "fullName", () => 5],
    ["a nested map", "fullName", () => new Y.Map()],
    ["an object", "note", () => ({ html: "<b>x</b>" })],
    ["a 100 kB string", "note", () => "x".repeat(100_000)],
    ["a day-first date", "dob", () => "10/03/2015"],
    ["text in a boolean field", "healthBook", () => "có"],
  ])("writes the previous value back over %s", (_what, field, make) => {
    const w = world();
    const c = w.client();
    (c.children.get(w.childId) as Y.Map<unknown>).set(field, make(c.doc));
    const { repairs } = c.sync();
    expect(repairs).toHaveLength(1);
    expect(repairs[0]).toMatchObject({ field, restored: AN[field as keyof typeof AN] });
    expect(String(repairs[0]?.attempted).length).toBeLessThan(200);
    expect(childOf(c.doc, w.childId)).toEqual(AN);
    expect(childOf(w.fresh(), w.childId)).toEqual(AN);
  });

  it("removes a bad value from a field that had none, and bad fields of a new record", () => {
    const w = world();
    const c = w.client();
    (c.children.get(w.childId) as Y.Map<unknown>).set("pid", 1215012345);
    const fresh = new Y.Map<unknown>();
    fresh.set("fullName", "Lò Văn Pấng");
    fresh.set("dob", "2016-13-45"); // the right shape: the rules report it, the guard keeps it
    fresh.set("birthRegisteredOn", "03/01/2016");
    c.children.set("c-pang", fresh);
    c.sync();
    const doc = w.fresh();
    expect(childOf(doc, w.childId)).toEqual(AN);
    expect(childOf(doc, "c-pang")).toEqual({ fullName: "Lò Văn Pấng", dob: "2016-13-45" });
  });
});

describe("RecordsGuard: concurrent and late edits", () => {
  it("carries an offline client's edit of a deleted record into the restored record", () => {
    const w = world();
    const offline = w.client();
    const hostile = w.client();
    hostile.children.delete(w.childId);
    hostile.sync();
    (offline.children.get(w.childId) as Y.Map<unknown>).set("note", "lớp 5B");
    offline.sync();
    hostile.receive();
    const expected = { ...AN, note: "lớp 5B" };
    expect(childOf(w.server, w.childId)).toEqual(expected);
    expect(childOf(offline.doc, w.childId)).toEqual(expected);
    expect(childOf(hostile.doc, w.childId)).toEqual(expected);
    expect(childOf(w.fresh(), w.childId)).toEqual(expected);
  });

  it("does not carry a late edit over a change made to the restored record since", () => {
    const w = world();
    const offline = w.client();
    const hostile = w.client();
    hostile.children.delete(w.childId);
    hostile.sync();
    const online = w.client();
    (online.children.get(w.childId) as Y.Map<unknown>).set("note", "lớp 5A");
    online.sync();
    (offline.children.get(w.childId) as Y.Map<unknown>).set("note", "lớp 5B");
    offline.sync();
    expect(childOf(w.fresh(), w.childId)).toMatchObject({ note: "lớp 5A" });
  });

  // Whatever the client ids, a person's write concurrent with a repair of the same field wins.
  it.each([1, 7, 2 ** 31, 2 ** 32 - 1])("keeps a concurrent edit of a field a hostile client corrupted (editor id %i)", (editorId) => {
    const w = world();
    const editor = w.client(editorId);
    const hostile = w.client(editorId === 1 ? 2 ** 32 - 2 : 1);
    (hostile.children.get(w.childId) as Y.Map<unknown>).set("note", 12);
    (editor.children.get(w.childId) as Y.Map<unknown>).set("note", "lớp 5C");
    hostile.sync();
    editor.sync();
    hostile.receive();
    for (const doc of [w.server, editor.doc, hostile.doc, w.fresh()]) expect(childOf(doc, w.childId)).toMatchObject({ note: "lớp 5C" });
  });

  it("still carries a late edit after the server reloaded the document from its stored state", () => {
    const w = world();
    const offline = w.client();
    const hostile = w.client();
    hostile.children.delete(w.childId);
    hostile.sync();
    (offline.children.get(w.childId) as Y.Map<unknown>).set("note", "lớp 5B");
    const late = () => Y.encodeStateAsUpdate(offline.doc, Y.encodeStateVector(w.server));
    const guard = new RecordsGuard();
    const reloaded = new Y.Doc({ gcFilter: guard.gcFilter });
    Y.applyUpdate(reloaded, Y.encodeStateAsUpdate(w.server));
    guardedPush(reloaded, guard, late());
    expect(childOf(reloaded, w.childId)).toEqual({ ...AN, note: "lớp 5B" });
    // Without the gcFilter the deleted map's content is gone and the edit with it.
    const forgetful = new Y.Doc();
    Y.applyUpdate(forgetful, Y.encodeStateAsUpdate(w.server));
    guardedPush(forgetful, new RecordsGuard(), late());
    expect(childOf(forgetful, w.childId)).toEqual(AN);
  });

  it("writes its repairs with the lowest client id", () => {
    const w = world();
    const hostile = w.client();
    (hostile.children.get(w.childId) as Y.Map<unknown>).delete("note");
    hostile.sync();
    expect(REPAIR_CLIENT_ID).toBe(0);
    expect(Y.encodeStateVector(w.server)).toEqual(Y.encodeStateVector(w.fresh()));
    expect(Y.decodeStateVector(Y.encodeStateVector(w.server)).get(REPAIR_CLIENT_ID)).toBeGreaterThan(0);
  });
});

describe("RecordsGuard: edit-log authors", () => {
  it("gives forged entries the sender's identity and keeps the conflict they are part of", () => {
    const w = world();
    const police = w.client();
    const school = w.client();
    new RosterRecords(police.doc).setChildField(w.childId, "note", "lớp 4B", { id: POLICE.id, name: POLICE.displayName });
    // The school account claims to be the police officer.
    new RosterRecords(school.doc).setChildField(w.childId, "note", "lớp 4C", { id: POLICE.id, name: POLICE.displayName });
    police.sync(POLICE);
    const { repairs } = school.sync(SCHOOL);
    police.receive();
    expect(repairs).toEqual([
      { kind: "child", id: w.childId, field: "note:author", attempted: `${POLICE.displayName} (${POLICE.id})`, restored: `${SCHOOL.displayName} (${SCHOOL.id})` },
    ]);
    for (const doc of [w.server, police.doc, school.doc, w.fresh()]) {
      const [conflict] = new RosterRecords(doc).conflictsOf("child", w.childId);
      expect(conflict?.values.map((v) => [v.value, v.by, v.name]).sort()).toEqual(
        [
          ["lớp 4B", POLICE.id, POLICE.displayName],
          ["lớp 4C", SCHOOL.id, SCHOOL.displayName],
        ].sort(),
      );
    }
    // Resolving it still works everywhere: one write that lists both heads.
    new RosterRecords(school.doc).resolveConflict("child", w.childId, "note", "lớp 4B", { id: SCHOOL.id, name: SCHOOL.displayName });
    school.sync(SCHOOL);
    police.receive();
    for (const doc of [police.doc, w.fresh()]) expect(new RosterRecords(doc).conflictsOf("child", w.childId)).toEqual([]);
  });

  it("leaves the sender's own entries alone", () => {
    const w = world();
    const school = w.client();
    new RosterRecords(school.doc).setChildField(w.childId, "note", "lớp 4C", { id: SCHOOL.id, name: SCHOOL.displayName });
    expect(school.sync(SCHOOL)).toEqual({ changed: false, repairs: [] });
  });
});
