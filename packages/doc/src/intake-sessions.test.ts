import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { NewIntakeSession } from "@roster/schema";
import { IntakeSessionError } from "./intake-sessions-errors";
import { IntakeSessions } from "./intake-sessions";
import { createRecordsDoc, RECORDS_LAYOUT } from "./layout";
import { RosterRecords } from "./roster-records";
import type { Actor } from "./roster-records";
import { syncDocs } from "./testing/sync-docs";

const police: Actor = { id: "u-police", name: "Trần Văn Bình" };
const school: Actor = { id: "u-school", name: "Nguyễn Thị Mai" };
const AT = new Date("2026-06-08T00:40:00.000Z");

const MORNING: NewIntakeSession = {
  date: "2026-06-08",
  start: "07:30",
  end: "11:30",
  placeKind: "police",
  place: "Trụ sở Công an xã",
  capacity: 2,
};

/** Class-list order by given name, enough for these tests (the app passes the rules' comparator). */
const byGivenName = (a: string, b: string) => (a.split(" ").at(-1) ?? "").localeCompare(b.split(" ").at(-1) ?? "", "vi");

function setUp() {
  const records = new RosterRecords(createRecordsDoc(), { now: () => AT });
  const intake = new IntakeSessions(records, { now: () => AT });
  return { records, intake };
}

function reasonOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof IntakeSessionError) return error.reason;
    throw error;
  }
  return undefined;
}

describe("IntakeSessions: sessions", () => {
  it("stores a session as one map key per field, with an attendance map made at creation", () => {
    const { records, intake } = setUp();
    const id = intake.createSession({ ...MORNING, place: " Trụ sở Công an xã " }, police);
    const raw = records.doc.getMap(RECORDS_LAYOUT.sessions).get(id);
    expect(raw).toBeInstanceOf(Y.Map);
    const map = raw as Y.Map<unknown>;
    expect(map.get("place")).toBe("Trụ sở Công an xã");
    expect(map.get("capacity")).toBe(2);
    expect(map.get("cancelled")).toBe(false);
    expect(map.get("attendance")).toBeInstanceOf(Y.Map);
    expect(map.get("byName")).toBe("Trần Văn Bình");
    expect(intake.getSession(id)).toEqual({ ...MORNING, id, note: null, cancelled: false });
  });

  it("refuses invalid sessions before writing anything, naming the field", () => {
    const { records, intake } = setUp();
    const error = (() => {
      try {
        intake.createSession({ ...MORNING, end: "07:00" }, police);
      } catch (e) {
        return e as IntakeSessionError;
      }
      return undefined;
    })();
    expect(error?.reason).toBe("invalid");
    expect(error?.details.issues?.map((i) => i.field)).toEqual(["end"]);
    expect(reasonOf(() => intake.createSession({ ...MORNING, capacity: 0 }, police))).toBe("invalid");
    expect(records.doc.getMap(RECORDS_LAYOUT.sessions).size).toBe(0);
  });

  it("updates only changed fields and checks the merged range", () => {
    const { intake } = setUp();
    const id = intake.createSession(MORNING, police);
    expect(intake.updateSession(id, { start: "07:30", note: "Mang theo giấy khai sinh" }, school)).toEqual(["note"]);
    expect(reasonOf(() => intake.updateSession(id, { start: "12:00" }, police))).toBe("invalid");
    expect(intake.getSession(id)?.start).toBe("07:30");
    expect(reasonOf(() => intake.updateSession("nope", { capacity: 3 }, police))).toBe("session-not-found");
  });

  it("lists sessions by day and start time, cancelled ones only on request", () => {
    const { intake } = setUp();
    const evening = intake.createSession({ ...MORNING, start: "19:30", end: "21:30" }, police);
    const nextDay = intake.createSession({ ...MORNING, date: "2026-06-09", placeKind: "school", place: "Trường TH Kim Đồng" }, police);
    const morning = intake.createSession(MORNING, police);
    expect(intake.listSessions().map((s) => s.id)).toEqual([morning, evening, nextDay]);
    expect(intake.cancelSession(evening, police)).toBe(true);
    expect(intake.listSessions().map((s) => s.id)).toEqual([morning, nextDay]);
    expect(intake.listSessions({ includeCancelled: true }).map((s) => s.id)).toEqual([morning, evening, nextDay]);
  });

  it("reads sessions written by outside clients field by field, skipping unreadable ones", () => {
    const { records, intake } = setUp();
    const sessions = records.doc.getMap(RECORDS_LAYOUT.sessions);
    const partial = new Y.Map<unknown>();
    for (const [k, v] of Object.entries({ ...MORNING, note: 42 })) partial.set(k, v);
    const broken = new Y.Map<unknown>();
    broken.set("date", "mai");
    records.doc.transact(() => {
      sessions.set("outside", partial);
      sessions.set("broken", broken);
      sessions.set("junk", "x");
    });
    expect(intake.listSessions()).toEqual([{ ...MORNING, id: "outside", note: null, cancelled: false }]);
  });
});

describe("IntakeSessions: assignment", () => {
  it("assigns through the child's appointment field, refusing when full", () => {
    const { records, intake } = setUp();
    const id = intake.createSession(MORNING, police);
    const [a, b, c] = ["Lò Thị Mai", "Nguyễn Văn An", "Hà Văn Dũng"].map((fullName) => records.createChild({ fullName }));
    expect(intake.assign(a!, id, police)).toBe(true);
    expect(intake.assign(a!, id, police)).toBe(false);
    expect(intake.assign(b!, id, school)).toBe(true);
    expect(records.getChild(a!)?.appointment).toBe(id);
    expect(reasonOf(() => intake.assign(c!, id, police))).toBe("full");
    expect(intake.summary(id)).toMatchObject({ capacity: 2, assigned: 2, free: 0, over: false });
    // A removed child frees its place.
    records.removeChild(b!, "trùng hồ sơ", police);
    expect(intake.assign(c!, id, police)).toBe(true);
    expect(intake.assignedIds(id).sort()).toEqual([a, c].sort());
    expect(reasonOf(() => intake.assign(b!, id, police))).toBe("child-removed");
    expect(reasonOf(() => intake.assign("nobody", id, police))).toBe("child-not-found");
  });

  it("moves a child from one session to another: a child is in one session at most", () => {
    const { records, intake } = setUp();
    const first = intake.createSession(MORNING, police);
    const second = intake.createSession({ ...MORNING, start: "13:30", end: "17:00" }, police);
    const child = records.createChild({ fullName: "Lò Thị Mai" });
    intake.assign(child, first, police);
    intake.assign(child, second, police);
    expect(intake.assignedIds(first)).toEqual([]);
    expect(intake.assignedIds(second)).toEqual([child]);
    expect(intake.sessionOf(child)).toBe(second);
  });

  it("treats an appointment that names no session as a note: not assigned, replaced on assignment", () => {
    const { records, intake } = setUp();
    const id = intake.createSession(MORNING, police);
    const child = records.createChild({ fullName: "Lò Thị Mai", appointment: "2026-06-20" });
    expect(intake.sessionOf(child)).toBeUndefined();
    expect(intake.unassign(child, police)).toBe(false);
    expect(records.getChild(child)?.appointment).toBe("2026-06-20");
    intake.assign(child, id, police);
    expect(intake.unassign(child, police)).toBe(true);
    expect(records.getChild(child)?.appointment).toBeNull();
  });

  it("refuses assignment to a cancelled session and a capacity below those assigned", () => {
    const { records, intake } = setUp();
    const id = intake.createSession(MORNING, police);
    const [a, b] = ["Lò Thị Mai", "Nguyễn Văn An"].map((fullName) => records.createChild({ fullName }));
    intake.assign(a!, id, police);
    intake.assign(b!, id, police);
    expect(reasonOf(() => intake.updateSession(id, { capacity: 1 }, police))).toBe("capacity-below-assigned");
    intake.cancelSession(id, police);
    expect(reasonOf(() => intake.assign(a!, id, police))).toBe("cancelled");
    // Its children stay listed so someone can tell their families.
    expect(intake.assignedIds(id)).toHaveLength(2);
  });
});

describe("IntakeSessions: attendance and the call list", () => {
  it("ticks who came, counts came / absent / not yet, and numbers the call list in name order", () => {
    const { records, intake } = setUp();
    const id = intake.createSession({ ...MORNING, capacity: 5 }, police);
    const mother = records.createGuardian({ fullName: "Trần Thị Hoa", phone: "0912345678" });
    const father = records.createGuardian({ fullName: "Lò Văn Páo", phone: "0987654321" });
    const an = records.createChild({ fullName: "Nguyễn Văn An", dob: "2015-03-02", motherId: mother, fatherId: father, representative: "father" });
    const mai = records.createChild({ fullName: "Lò Thị Mai", dob: "2016-01-09", motherId: mother });
    const binh = records.createChild({ fullName: "Trần Văn Bình", dob: "2014-11-30" });
    for (const child of [mai, binh, an]) intake.assign(child, id, police);

    intake.markAttendance(id, an, true, school);
    intake.markAttendance(id, mai, false, school);
    expect(intake.summary(id)).toEqual({ capacity: 5, assigned: 3, came: 1, absent: 1, unmarked: 1, free: 2, over: false });
    intake.markAttendance(id, mai, null, school);
    expect(intake.summary(id)).toMatchObject({ came: 1, absent: 0, unmarked: 2 });

    const list = intake.callList(id, byGivenName);
    expect(list.map((e) => [e.no, e.child.fullName])).toEqual([
      [1, "Nguyễn Văn An"],
      [2, "Trần Văn Bình"],
      [3, "Lò Thị Mai"],
    ]);
    expect(list[0]?.representative).toMatchObject({ relation: "father", guardian: { fullName: "Lò Văn Páo" } });
    // No representative chosen: the first linked adult is named, so someone can be called.
    expect(list[2]?.representative).toMatchObject({ relation: "mother", guardian: { phone: "0912345678" } });
    expect(list[1]?.representative).toBeUndefined();
    expect(list[0]?.attendance).toEqual({ came: true, by: "u-school", byName: "Nguyễn Thị Mai", at: AT.toISOString() });
  });

  it("refuses a tick for a child the session does not call", () => {
    const { records, intake } = setUp();
    const id = intake.createSession(MORNING, police);
    const child = records.createChild({ fullName: "Lò Thị Mai" });
    expect(reasonOf(() => intake.markAttendance(id, child, true, police))).toBe("not-assigned");
  });

  it("reports which sessions and children a transaction touched, local or remote", () => {
    const { records, intake } = setUp();
    const other = new RosterRecords(createRecordsDoc());
    const otherIntake = new IntakeSessions(other);
    const seen: Array<{ sessions: string[]; children: string[]; local: boolean }> = [];
    intake.onChange((c) => seen.push({ sessions: [...c.sessions], children: [...c.children], local: c.local }));
    const id = intake.createSession(MORNING, police);
    const child = records.createChild({ fullName: "Lò Thị Mai" });
    records.setChildField(child, "grade", "5A", police);
    intake.assign(child, id, police);
    syncDocs(records.doc, other.doc);
    otherIntake.markAttendance(id, child, true, school);
    syncDocs(records.doc, other.doc);
    expect(seen).toEqual([
      { sessions: [id], children: [], local: true },
      { sessions: [], children: [child], local: true },
      { sessions: [], children: [child], local: true },
      { sessions: [id], children: [], local: false },
    ]);
    otherIntake.destroy();
    intake.destroy();
  });
});
