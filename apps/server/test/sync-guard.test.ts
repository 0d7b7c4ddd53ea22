// DESIGN.md "What the server accepts from a client (the server guard)", end to end: the real
// server on port 0, stock y-websocket `WebsocketProvider`s, and a legitimate school account
// whose client sends what the app never would. Each time a fresh client must find the
// record whole, the sender must end repaired within 1 s and keep syncing, and the audit
// must name the sender and say `server-repair`.
import { AuditEntrySchema, type Child, type Guardian } from "@roster/schema";
import { afterAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { z } from "zod";
import { aChildWithoutPid, aMother } from "./helpers/fixtures";
import { api } from "./helpers/http";
import { useSharedServer } from "./helpers/shared-server";
import { barrier, connectClient, whenSynced, type SyncClient } from "./helpers/sync-clients";
import { eventually, heldWithin } from "./helpers/wait";
import { ROSTERS, USERS, type UserKey } from "./helpers/world";

const shared = useSharedServer();
const ROSTER = ROSTERS.a5.id;
/** How long each sender took to end repaired (ms), for the report. */
const repairedAfter: number[] = [];

afterAll(() => {
  if (repairedAfter.length > 0) console.info(`guard: senders repaired after ${repairedAfter.map((ms) => Math.round(ms)).join(", ")} ms`);
});

function client(who: UserKey): SyncClient {
  const c = connectClient(shared.server.syncUrl, ROSTER, shared.sessions[who].token);
  shared.clients.push(c);
  return c;
}

const editor = (who: UserKey) => ({ id: shared.sessions[who].id, name: USERS[who].displayName });
const children = (c: SyncClient) => c.doc.getMap<unknown>("children");
const guardians = (c: SyncClient) => c.doc.getMap<unknown>("guardians");
const childMap = (c: SyncClient, id: string) => children(c).get(id) as Y.Map<unknown>;

/** A school client and a police witness, synced, with one child and its mother written by the school. */
async function scene(): Promise<{ school: SyncClient; police: SyncClient; childId: string; guardianId: string; child: Child; guardian: Guardian }> {
  const school = client("school");
  const police = client("police");
  await Promise.all([whenSynced(school), whenSynced(police)]);
  const records = school.records();
  const { id: _g, ...motherFields } = aMother();
  const guardianId = records.createGuardian(motherFields);
  const childId = records.createChild(aChildWithoutPid({ motherId: guardianId, note: "lớp 4A" }));
  await eventually(() => expect(police.records().getChild(childId)?.note).toBe("lớp 4A"));
  return { school, police, childId, guardianId, child: records.getChild(childId) as Child, guardian: records.getGuardian(guardianId) as Guardian };
}

/** Runs the hostile change on the sender and measures how long until `whole` holds there again. */
async function sendAndWaitRepaired(sender: SyncClient, hostile: () => void, whole: () => boolean): Promise<void> {
  const started = performance.now();
  sender.doc.transact(hostile);
  expect(whole()).toBe(false);
  expect(await heldWithin(whole, 1000), "the sender was not repaired within 1 s").toBe(true);
  repairedAfter.push(performance.now() - started);
}

/** What a client connecting now finds. */
async function freshLook(): Promise<SyncClient> {
  const fresh = client("admin");
  await whenSynced(fresh);
  return fresh;
}

async function auditOf(id: string): Promise<z.infer<typeof AuditEntrySchema>[]> {
  const answer = await api(shared.server.url, `/api/rosters/${ROSTER}/audit?childId=${id}`, { token: shared.sessions.admin.token });
  expect(answer.status).toBe(200);
  return z.array(AuditEntrySchema).parse(answer.body);
}

/** The sender keeps syncing: its next ordinary edit reaches the witness. */
async function nextEditFlows(sender: SyncClient, witness: SyncClient, childId: string, note: string): Promise<void> {
  sender.records().setChildField(childId, "note", note, editor("school"));
  await eventually(() => expect(witness.records().getChild(childId)?.note).toBe(note));
}

describe("the server guard repairs what a client must not do", () => {
  it("a deleted child comes back whole, the sender included, and the audit says who and how", async () => {
    const { school, police, childId, child } = await scene();
    await sendAndWaitRepaired(school, () => children(school).delete(childId), () => school.records().getChild(childId)?.fullName === child.fullName);
    expect(school.records().getChild(childId)).toEqual(child);
    expect(police.records().getChild(childId)).toEqual(child);
    expect((await freshLook()).records().getChild(childId)).toEqual(child);
    await nextEditFlows(school, police, childId, "lớp 4B");
    expect(await auditOf(childId)).toContainEqual(
      expect.objectContaining({ user: USERS.school.username, field: "*", from: null, to: "record", source: "server-repair", kind: "child" }),
    );
  });

  it("a cleared children map comes back child by child", async () => {
    const { school, police, childId, child } = await scene();
    const before = school.records().listChildren({ includeRemoved: true });
    expect(before.length).toBeGreaterThan(1);
    await sendAndWaitRepaired(school, () => children(school).clear(), () => children(school).size === before.length);
    const fresh = await freshLook();
    expect(fresh.records().listChildren({ includeRemoved: true }).sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      [...before].sort((a, b) => a.id.localeCompare(b.id)),
    );
    expect(police.records().getChild(childId)).toEqual(child);
    await nextEditFlows(school, police, childId, "lớp 4C");
    const repairs = (await auditOf(childId)).filter((e) => e.source === "server-repair");
    expect(repairs.map((e) => e.user)).toContain(USERS.school.username);
  });

  it("a deleted guardian comes back", async () => {
    const { school, police, childId, guardianId, guardian } = await scene();
    await sendAndWaitRepaired(school, () => guardians(school).delete(guardianId), () => school.records().getGuardian(guardianId)?.pid === guardian.pid);
    expect((await freshLook()).records().getGuardian(guardianId)).toEqual(guardian);
    await nextEditFlows(school, police, childId, "lớp 4D");
    expect(await auditOf(guardianId)).toContainEqual(
      expect.objectContaining({ user: USERS.school.username, field: "*", kind: "guardian", source: "server-repair" }),
    );
  });

  it("a deleted field comes back", async () => {
    const { school, police, childId, child } = await scene();
    await sendAndWaitRepaired(school, () => childMap(school, childId).delete("dob"), () => school.records().getChild(childId)?.dob === child.dob);
    expect((await freshLook()).records().getChild(childId)).toEqual(child);
    await nextEditFlows(school, police, childId, "lớp 4E");
    expect(await auditOf(childId)).toContainEqual(
      expect.objectContaining({ user: USERS.school.username, field: "dob", from: null, to: child.dob, source: "server-repair" }),
    );
  });

  it.each<[string, string, () => unknown, string | null]>([
    ["a number", "fullName", () => 12, "12"],
    ["a nested map", "fullName", () => new Y.Map(), "<YMap>"],
    ["a 100 kB string", "note", () => "x".repeat(100_000), null],
    ["a day-first date", "dob", () => "10/03/2015", "10/03/2015"],
  ])("%s as a value is replaced by the previous one", async (_what, field, make, shown) => {
    const { school, police, childId, child } = await scene();
    const previous = child[field as keyof Child];
    await sendAndWaitRepaired(school, () => childMap(school, childId).set(field, make()), () => childMap(school, childId).get(field) === previous);
    expect((await freshLook()).records().getChild(childId)).toEqual(child);
    expect(police.records().getChild(childId)).toEqual(child);
    await nextEditFlows(school, police, childId, "lớp 4G");
    const repair = (await auditOf(childId)).find((e) => e.source === "server-repair" && e.field === field);
    expect(repair).toMatchObject({ user: USERS.school.username, to: previous });
    if (shown !== null) expect(repair?.from).toBe(shown);
    expect(String(repair?.from).length).toBeLessThan(200);
  });
});

describe("what the guard leaves alone", () => {
  it("a removal with removed: true and a reason is stored as it is, without a repair", async () => {
    const { school, police, childId } = await scene();
    school.records().removeChild(childId, "chuyển trường", editor("school"));
    await eventually(() => expect(police.records().getChild(childId)).toMatchObject({ removed: true, removedReason: "chuyển trường" }));
    expect((await freshLook()).records().getChild(childId)).toMatchObject({ removed: true, removedReason: "chuyển trường" });
    expect((await auditOf(childId)).filter((e) => e.source === "server-repair")).toEqual([]);
  });

  it("a viewer's deletion is still dropped: not stored, not relayed, not repaired", async () => {
    const { school, police, childId, child } = await scene();
    const viewer = client("viewer");
    await whenSynced(viewer);
    viewer.doc.getMap("children").delete(childId);
    await barrier(viewer, police, "viewer-deleted");
    await nextEditFlows(school, police, childId, "lớp 4H");
    expect(police.records().getChild(childId)).toEqual({ ...child, note: "lớp 4H" });
    // The viewer was not repaired either: nothing it sent was applied.
    expect(viewer.records().getChild(childId)).toBeUndefined();
    const audit = await auditOf(childId);
    expect(audit.filter((e) => e.source === "server-repair")).toEqual([]);
    expect(audit.map((e) => e.user)).not.toContain(USERS.viewer.username);
  });
});
