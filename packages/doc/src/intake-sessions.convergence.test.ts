import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { NewIntakeSession } from "@roster/schema";
import { IntakeSessionError } from "./intake-sessions-errors";
import { IntakeSessions } from "./intake-sessions";
import { RECORDS_LAYOUT } from "./layout";
import type { Actor } from "./roster-records";
import { createPrng } from "./testing/prng";
import type { Prng } from "./testing/prng";
import { SimNetwork } from "./testing/sim-network";
import type { Peer } from "./testing/sim-network";

// Convergence of intake sessions: police, school and social staff edit the same sessions,
// assign children and tick attendance on 3 devices, offline for a while, updates arriving
// one by one in random order. After everything is delivered every device must show the
// same sessions, call lists and counts; an edit of one field must never undo a concurrent
// edit of another; of two concurrent edits of one field one survives (Yjs' rule, which
// sessions accept); and two concurrent assignments of one child show as a conflict.

const NOW = () => new Date("2026-06-08T01:00:00.000Z");
const ACTORS: Actor[] = [
  { id: "u-police", name: "Trần Văn Bình" },
  { id: "u-school", name: "Nguyễn Thị Mai" },
  { id: "u-social", name: "Phạm Thu Hà" },
];
const BASE: NewIntakeSession = { date: "2026-06-08", start: "07:30", end: "11:30", placeKind: "police", place: "Trụ sở Công an xã", capacity: 3 };
const FIELD_VALUES: Record<string, readonly unknown[]> = {
  date: ["2026-06-08", "2026-06-09", "2026-06-13"],
  start: ["07:00", "07:30", "08:00"],
  end: ["11:00", "11:30", "17:00"],
  place: ["Trụ sở Công an xã", "Nhà văn hóa thôn Đông", "Trường TH Kim Đồng"],
  placeKind: ["police", "village", "school"],
  capacity: [2, 3, 4, 6],
  note: [null, "Mang giấy khai sinh", "Đổi sang buổi chiều"],
};
const byGivenName = (a: string, b: string) => (a.split(" ").at(-1) ?? "").localeCompare(b.split(" ").at(-1) ?? "", "vi");
const NAMES = ["Nguyễn Văn An", "Lò Thị Mai", "Trần Văn Bình", "Hà Thị Lan", "Vàng A Sử", "Lê Hoàng Nam", "Đinh Thị Hoa", "Phạm Minh Đức"];

/** One write of one session field (or one child's tick) and what its writer knew then. */
interface Write {
  readonly key: string;
  readonly value: unknown;
  readonly client: number;
  readonly endClock: number;
  readonly state: Map<number, number>;
}

/** Happens-before bookkeeping from Yjs state vectors, independent of the code under test. */
class Oracle {
  readonly writes: Write[] = [];
  record(doc: Y.Doc, key: string, value: unknown): void {
    const state = Y.decodeStateVector(Y.encodeStateVector(doc));
    this.writes.push({ key, value, client: doc.clientID, endClock: state.get(doc.clientID) ?? 0, state });
  }
  static knew(later: Write, earlier: Write): boolean {
    return (later.state.get(earlier.client) ?? 0) >= earlier.endClock && later !== earlier;
  }
  /** Per key: the writes no other write of that key knew. */
  maximal(): Map<string, Write[]> {
    const byKey = new Map<string, Write[]>();
    for (const w of this.writes) byKey.set(w.key, [...(byKey.get(w.key) ?? []), w]);
    const out = new Map<string, Write[]>();
    for (const [key, writes] of byKey) out.set(key, writes.filter((w) => !writes.some((o) => Oracle.knew(o, w))));
    return out;
  }
}

interface Stats {
  differentFieldMerges: number;
  sameFieldRaces: number;
  overCapacity: number;
  appointmentConflicts: number;
  offline: number;
  refusals: number;
}

type Device = Peer & { intake: IntakeSessions };

function refused(stats: Stats, fn: () => void): void {
  try {
    fn();
  } catch (error) {
    if (!(error instanceof IntakeSessionError)) throw error;
    stats.refusals++;
  }
}

function step(net: SimNetwork, devices: Device[], oracle: Oracle, prng: Prng, stats: Stats): void {
  const device = prng.pick(devices);
  const { intake, doc } = device;
  const actor = prng.pick(ACTORS);
  const sessions = intake.listSessions({ includeCancelled: true });
  const children = device.records.listChildren();
  const session = prng.pick(sessions);
  const r = prng.next();
  if (r < 0.3) {
    const field = prng.pick(Object.keys(FIELD_VALUES));
    const value = prng.pick(FIELD_VALUES[field] ?? []);
    refused(stats, () => {
      for (const f of intake.updateSession(session.id, { [field]: value }, actor)) oracle.record(doc, `${session.id}.${f}`, value);
    });
  } else if (r < 0.5) {
    refused(stats, () => intake.assign(prng.pick(children).id, session.id, actor));
  } else if (r < 0.56) {
    intake.unassign(prng.pick(children).id, actor);
  } else if (r < 0.74) {
    const assigned = intake.assignedIds(session.id);
    if (assigned.length === 0) return;
    const child = prng.pick(assigned);
    // Ticks only (no clearing): a Yjs delete creates no item, so the oracle could not place it.
    const came = prng.pick([true, true, false]);
    intake.markAttendance(session.id, child, came, actor);
    oracle.record(doc, `${session.id}.attendance.${child}`, came);
  } else if (r < 0.78) {
    const cancelled = !session.cancelled;
    if (intake.updateSession(session.id, { cancelled }, actor).length > 0) oracle.record(doc, `${session.id}.cancelled`, cancelled);
  } else if (r < 0.8) {
    intake.createSession({ ...BASE, date: prng.pick(FIELD_VALUES.date as string[]) }, actor);
  } else if (r < 0.81) {
    device.records.removeChild(prng.pick(children).id, "trùng hồ sơ", actor);
  } else if (r < 0.9) {
    if (device.online) stats.offline++;
    net.setOnline(device, !device.online);
  } else {
    for (let n = prng.int(10); n > 0; n--) net.deliverOne();
  }
  for (let n = prng.int(3); n > 0; n--) net.deliverOne();
}

/** What a device shows of the sessions: must be identical on every converged device. */
function view(intake: IntakeSessions) {
  return intake.listSessions({ includeCancelled: true }).map((s) => ({
    session: s,
    summary: intake.summary(s.id),
    callList: intake.callList(s.id, byGivenName).map((e) => [e.no, e.child.id, e.attendance?.came]),
  }));
}

function rawSessionValue(doc: Y.Doc, key: string): unknown {
  const [sessionId, field, childId] = key.split(".") as [string, string, string | undefined];
  const map = doc.getMap<unknown>(RECORDS_LAYOUT.sessions).get(sessionId) as Y.Map<unknown>;
  if (childId === undefined) return map.get(field);
  const tick = (map.get("attendance") as Y.Map<unknown>).get(childId) as { came: boolean } | undefined;
  return tick === undefined ? null : tick.came;
}

function runSeed(seed: number, stats: Stats): void {
  const prng = createPrng(seed);
  const net = new SimNetwork(3, prng, NOW);
  const devices = net.peers.map((p) => Object.assign(p, { intake: new IntakeSessions(p.records, { now: NOW }) }));
  const oracle = new Oracle();
  try {
    const first = devices[0] as Device;
    for (let n = 0; n < 3; n++) first.intake.createSession({ ...BASE, start: `0${7 + n}:00` }, ACTORS[0] as Actor);
    for (const fullName of NAMES) first.records.createChild({ fullName });
    net.flush();
    for (let op = 0; op < 60; op++) step(net, devices, oracle, prng, stats);
    net.flush();

    const shown = view(first.intake);
    for (const device of devices.slice(1)) {
      expect(device.doc.toJSON(), `peer ${device.index} diverged`).toEqual(first.doc.toJSON());
      expect(view(device.intake), `peer ${device.index} shows other sessions`).toEqual(shown);
      expect(device.records.conflicts()).toEqual(first.records.conflicts());
    }
    // Counts agree with the raw document.
    const raw = first.doc.getMap<unknown>(RECORDS_LAYOUT.children).toJSON() as Record<string, { appointment?: string; removed?: boolean }>;
    for (const { session, summary } of shown) {
      const assigned = Object.values(raw).filter((c) => c.appointment === session.id && c.removed !== true).length;
      expect(summary.assigned).toBe(assigned);
      expect(summary.came + summary.absent + summary.unmarked).toBe(assigned);
      expect(summary.over).toBe(assigned > session.capacity);
      if (summary.over) stats.overCapacity++;
    }
    stats.appointmentConflicts += first.records.conflicts().filter((c) => c.field === "appointment").length;

    // Each field (and each child's tick) ends with a write nobody replaced; with one such
    // write, exactly its value: edits of other fields never undo it.
    const maximal = oracle.maximal();
    for (const [key, writes] of maximal) {
      const final = rawSessionValue(first.doc, key);
      if (writes.length === 1) expect(final, key).toEqual(writes[0]?.value);
      else {
        stats.sameFieldRaces++;
        expect(writes.map((w) => w.value), key).toContainEqual(final);
      }
    }
    // Count merges that matter: sole surviving writes of two fields of one session, concurrent.
    const sole = [...maximal.entries()].filter(([, w]) => w.length === 1).map(([, w]) => w[0] as Write);
    for (const a of sole) {
      for (const b of sole) {
        const sameSession = a.key.split(".")[0] === b.key.split(".")[0];
        if (a.key < b.key && sameSession && !Oracle.knew(a, b) && !Oracle.knew(b, a)) stats.differentFieldMerges++;
      }
    }
  } catch (error) {
    throw new Error(`seed ${seed} failed: ${(error as Error).message}`, { cause: error });
  } finally {
    for (const device of devices) device.intake.destroy();
    net.destroy();
  }
}

describe("intake sessions convergence", () => {
  it("converges on 3 devices with offline gaps and random delivery (80 seeds × 60 ops)", { timeout: 120_000 }, () => {
    const stats: Stats = { differentFieldMerges: 0, sameFieldRaces: 0, overCapacity: 0, appointmentConflicts: 0, offline: 0, refusals: 0 };
    for (let seed = 1; seed <= 80; seed++) runSeed(seed, stats);
    // The scenarios must exercise what they claim to.
    expect(stats.differentFieldMerges).toBeGreaterThan(200);
    expect(stats.sameFieldRaces).toBeGreaterThan(30);
    expect(stats.offline).toBeGreaterThan(150);
    expect(stats.appointmentConflicts).toBeGreaterThan(20);
    expect(stats.overCapacity).toBeGreaterThan(2);
    expect(stats.refusals).toBeGreaterThan(50);
  });

  it("keeps concurrent offline edits of different fields of one session, and ticks of different children", () => {
    const net = new SimNetwork(3, createPrng(7), NOW);
    const [police, school, social] = net.peers.map((p) => Object.assign(p, { intake: new IntakeSessions(p.records, { now: NOW }) })) as [Device, Device, Device];
    const id = police.intake.createSession({ ...BASE, capacity: 5 }, ACTORS[0] as Actor);
    const [an, mai] = ["Nguyễn Văn An", "Lò Thị Mai"].map((fullName) => police.records.createChild({ fullName })) as [string, string];
    police.intake.assign(an, id, ACTORS[0] as Actor);
    police.intake.assign(mai, id, ACTORS[0] as Actor);
    net.flush();
    for (const d of [police, school, social]) net.setOnline(d, false);
    police.intake.updateSession(id, { place: "Nhà văn hóa thôn Đông", placeKind: "village" }, ACTORS[0] as Actor);
    school.intake.updateSession(id, { capacity: 8, note: "Mang giấy khai sinh" }, ACTORS[1] as Actor);
    school.intake.markAttendance(id, an, true, ACTORS[1] as Actor);
    social.intake.markAttendance(id, mai, false, ACTORS[2] as Actor);
    social.intake.updateSession(id, { end: "12:00" }, ACTORS[2] as Actor);
    net.flush();
    for (const d of [police, school, social]) {
      expect(d.intake.getSession(id)).toMatchObject({ place: "Nhà văn hóa thôn Đông", placeKind: "village", capacity: 8, note: "Mang giấy khai sinh", end: "12:00" });
      expect(d.intake.summary(id)).toMatchObject({ assigned: 2, came: 1, absent: 1, unmarked: 0 });
    }
    net.destroy();
  });

  it("shows two offline assignments of one child as a conflict, with the child in one session everywhere", () => {
    const net = new SimNetwork(2, createPrng(11), NOW);
    const [police, school] = net.peers.map((p) => Object.assign(p, { intake: new IntakeSessions(p.records, { now: NOW }) })) as [Device, Device];
    const morning = police.intake.createSession(BASE, ACTORS[0] as Actor);
    const afternoon = police.intake.createSession({ ...BASE, start: "13:30", end: "17:00" }, ACTORS[0] as Actor);
    const child = police.records.createChild({ fullName: "Lò Thị Mai" });
    const other = police.records.createChild({ fullName: "Hà Thị Lan" });
    police.intake.assign(other, morning, ACTORS[0] as Actor);
    net.flush();
    net.setOnline(police, false);
    net.setOnline(school, false);
    police.intake.assign(child, morning, ACTORS[0] as Actor);
    school.intake.assign(child, afternoon, ACTORS[1] as Actor);
    net.flush();
    const where = police.intake.sessionOf(child);
    expect(school.intake.sessionOf(child)).toBe(where);
    expect([morning, afternoon]).toContain(where);
    for (const d of [police, school]) {
      expect(d.records.conflictsOf("child", child).map((c) => [c.field, c.values.map((v) => v.value).sort()])).toEqual([
        ["appointment", [morning, afternoon].sort()],
      ]);
    }
    // Settling it ends the conflict everywhere.
    school.intake.assign(child, afternoon, ACTORS[1] as Actor);
    net.flush();
    expect(police.records.conflictsOf("child", child)).toEqual([]);
    expect(police.intake.sessionOf(child)).toBe(afternoon);
    net.destroy();
  });

  it("says a session is over capacity on every device when two devices took its last place offline", () => {
    const net = new SimNetwork(2, createPrng(5), NOW);
    const [police, school] = net.peers.map((p) => Object.assign(p, { intake: new IntakeSessions(p.records, { now: NOW }) })) as [Device, Device];
    const id = police.intake.createSession({ ...BASE, capacity: 2 }, ACTORS[0] as Actor);
    const [an, mai, lan] = ["Nguyễn Văn An", "Lò Thị Mai", "Hà Thị Lan"].map((fullName) => police.records.createChild({ fullName })) as [string, string, string];
    police.intake.assign(an, id, ACTORS[0] as Actor);
    net.flush();
    net.setOnline(police, false);
    net.setOnline(school, false);
    police.intake.assign(mai, id, ACTORS[0] as Actor);
    school.intake.assign(lan, id, ACTORS[1] as Actor);
    net.flush();
    for (const d of [police, school]) expect(d.intake.summary(id)).toMatchObject({ capacity: 2, assigned: 3, free: 0, over: true });
    net.destroy();
  });
});
