import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { Child, ChildFields, GuardianFields } from "@roster/schema";
import { createRecordsDoc, createReviewDoc, RosterRecords, RosterReview, type Actor, type Conflict } from "@roster/doc";
import { evaluateRecords } from "@roster/engine";
import { fingerprint, markFor } from "@roster/rules";
import { createRandom, generateRoster } from "@roster/synth";
import { guardianUsage } from "../child/guardian-search";
import { facetsOf, sortRows } from "./filters";
import { buildRow } from "./roster-fixtures";
import { RosterState, type RosterSnapshot } from "./roster-state";

const NOW = new Date("2026-06-08T03:00:00Z");
const AS_OF = "2026-06-08";
const hamlet: Actor = { id: "u-hamlet", name: "Lò Văn Páo" };
const school: Actor = { id: "u-school", name: "Cô Lan" };

/**
 * The snapshot from scratch: the whole document evaluated by the packages' full evaluation
 * (`evaluateRecords`, the reference the server's marks are tested against too).
 */
function fromScratch(records: RosterRecords, review: RosterReview, inSync: boolean): RosterSnapshot {
  const children = records.listChildren({ includeRemoved: true });
  const guardianList = records.listGuardians();
  const guardians = Object.fromEntries(guardianList.map((g) => [g.id, g]));
  const conflicts = records.conflicts();
  const results = evaluateRecords(records, AS_OF);
  const inputs = { results, marks: review.marks(), verifications: review.verifications(), inSync };
  const rows = sortRows(children.map((child) => buildRow(child, inputs)));
  return {
    rows,
    byId: new Map(rows.map((r) => [r.child.id, r])),
    guardians,
    guardianList,
    usage: guardianUsage(children),
    conflicts,
    facets: facetsOf(rows),
    asOf: AS_OF,
  };
}

function comparable(s: RosterSnapshot) {
  return {
    rows: s.rows.map((r) => ({ ...r })),
    byId: [...s.byId.keys()].sort(),
    guardians: s.guardians,
    guardianList: s.guardianList,
    usage: [...s.usage.entries()].sort(),
    conflicts: s.conflicts as Conflict[],
    facets: s.facets,
    asOf: s.asOf,
  };
}

function seeded(count: number): { records: RosterRecords; review: RosterReview } {
  const { children, guardians } = generateRoster({ seed: 3, children: count });
  const records = new RosterRecords(createRecordsDoc(), { now: () => NOW });
  const review = new RosterReview(createReviewDoc());
  records.doc.transact(() => {
    const idOf = new Map<string, string>();
    for (const { id, ...fields } of guardians) idOf.set(id, records.createGuardian(fields as GuardianFields));
    for (const { id: _id, ...fields } of children) {
      const linked: ChildFields = { ...fields };
      for (const link of ["fatherId", "motherId", "guardianId"] as const) if (fields[link]) linked[link] = idOf.get(fields[link]) ?? null;
      records.createChild(linked);
    }
  });
  return { records, review };
}

function watched(records: RosterRecords, review: RosterReview): RosterState {
  const state = new RosterState(records, review, () => NOW);
  review.onChange((c) => state.noteReview(c));
  return state;
}

describe("RosterState", () => {
  it("lists the roster in class-list order before the rules run, then evaluates it like a full pass", () => {
    const { records, review } = seeded(120);
    const state = watched(records, review);
    const first = state.readAll();
    expect(first.rows).toHaveLength(120);
    expect(first.rows.every((r) => r.pending === true)).toBe(true);
    const expected = fromScratch(records, review, false);
    expect(first.rows.map((r) => r.child.id)).toEqual(expected.rows.map((r) => r.child.id));
    let slices = 0;
    while (!state.evaluateSome(performance.now())) slices += 1;
    expect(slices).toBeGreaterThan(0);
    expect(comparable(state.flush())).toEqual(comparable(expected));
  });

  it("after every kind of change equals evaluating the whole roster again", () => {
    const { records, review } = seeded(150);
    const state = watched(records, review);
    state.readAll();
    state.flush();
    const rng = createRandom(5);
    const childIds = () => records.listChildren({ includeRemoved: true }).map((c) => c.id);
    const guardianIds = () => records.listGuardians().map((g) => g.id);
    const pick = (ids: string[]) => ids[Math.floor(rng.next() * ids.length)] as string;
    const other = () => records.getChild(pick(childIds())) as Child;
    let inSync = false;
    const edits: (() => void)[] = [
      () => records.setChildField(pick(childIds()), "pid", other().pid ?? "001215000123", hamlet),
      () => {
        const o = other();
        records.updateChild(pick(childIds()), { fullName: o.fullName ?? "An", dob: o.dob ?? "2015-01-02" }, hamlet);
      },
      () => records.setChildField(pick(childIds()), "fullName", "nguyen van an", hamlet),
      () => records.setChildField(pick(childIds()), "dob", "2030-01-01", hamlet),
      () => records.removeChild(pick(childIds()), "trùng", hamlet),
      () => records.setChildField(pick(childIds()), "removed", false, hamlet),
      () => records.setChildField(pick(childIds()), "motherId", pick(guardianIds()), hamlet),
      () => records.setGuardianField(pick(guardianIds()), "pid", "001188004512", hamlet),
      () => records.setGuardianField(pick(guardianIds()), "fullName", "Tran Thi Hoa", hamlet),
      () => records.createChild({ fullName: other().fullName ?? "An", dob: other().dob ?? null }),
      // A child entered before anyone typed a name: it must still be listed.
      () => records.createChild({ dob: "2016-02-29" }),
      () => {
        const id = pick(childIds());
        const child = records.getChild(id) as Child;
        const guardians = records.guardiansById();
        review.setMark(id, { status: "clean", codes: [], fingerprint: fingerprint(child, guardians), at: "2026-06-08T02:00:00Z" });
      },
      () => {
        const id = pick(childIds());
        const child = records.getChild(id) as Child;
        review.setVerification(id, { by: "u-ca", byName: "Tâm", at: "2026-06-08T02:00:00Z", fingerprint: fingerprint(child, records.guardiansById()) });
      },
      () => review.removeVerification(pick(childIds())),
      () => {
        inSync = !inSync;
        state.setInSync(inSync);
      },
      () => {
        // Two offline edits of one field: a conflict, then its resolution.
        const id = pick(childIds());
        const peer = new RosterRecords(new Y.Doc(), { now: () => NOW });
        Y.applyUpdate(peer.doc, Y.encodeStateAsUpdate(records.doc));
        peer.setChildField(id, "ethnicity", "03", school);
        records.setChildField(id, "ethnicity", "05", hamlet);
        Y.applyUpdate(records.doc, Y.encodeStateAsUpdate(peer.doc));
      },
      () => {
        const conflict = records.conflicts().find((c) => c.kind === "child");
        if (conflict) records.resolveConflict("child", conflict.id, "ethnicity", "01", hamlet);
      },
      () => {
        // Two offline edits of a guardian's ID number: it concerns each child linking to it.
        const id = pick(guardianIds());
        const peer = new RosterRecords(new Y.Doc(), { now: () => NOW });
        Y.applyUpdate(peer.doc, Y.encodeStateAsUpdate(records.doc));
        peer.setGuardianField(id, "pid", "001188007777", school);
        records.setGuardianField(id, "pid", "001188006666", hamlet);
        Y.applyUpdate(records.doc, Y.encodeStateAsUpdate(peer.doc));
      },
      () => {
        const conflict = records.conflicts().find((c) => c.kind === "guardian");
        if (conflict) records.resolveConflict("guardian", conflict.id, "pid", "001188007777", hamlet);
      },
    ];
    let seenConflict = false;
    let guardianConflictRows = 0;
    for (let step = 0; step < 150; step += 1) {
      const edit = edits[Math.floor(rng.next() * edits.length)] as () => void;
      edit();
      seenConflict ||= records.conflicts().length > 0;
      const snapshot = state.flush();
      expect(comparable(snapshot), `step ${step}`).toEqual(comparable(fromScratch(records, review, inSync)));
      guardianConflictRows += snapshot.rows.filter((r) => r.findings.some((f) => f.code === "conflict.field" && f.field.includes("."))).length;
    }
    expect(seenConflict).toBe(true);
    expect(guardianConflictRows).toBeGreaterThan(0);
  }, 60_000);

  it("when only the sync state changes, rebuilds just the rows a current server mark can show", () => {
    const { records, review } = seeded(80);
    const state = watched(records, review);
    state.readAll();
    const guardians = records.guardiansById();
    const children = records.listChildren();
    // Half the roster carries the server's mark of its current content, a few an older one.
    children.forEach((child, i) => {
      if (i % 2 === 0) review.setMark(child.id, { status: "needs-fix", codes: [], fingerprint: fingerprint(child, guardians), at: "2026-06-08T02:00:00Z" });
      else if (i % 5 === 0) review.setMark(child.id, { status: "needs-fix", codes: [], fingerprint: "0".repeat(64), at: "2026-06-08T02:00:00Z" });
    });
    const before = state.flush();
    for (const inSync of [true, false, true]) {
      state.setInSync(inSync);
      const after = state.flush();
      expect(comparable(after)).toEqual(comparable(fromScratch(records, review, inSync)));
      const same = after.rows.filter((row) => before.byId.get(row.child.id) === row).map((row) => row.child.id);
      const markedNow = new Set(children.filter((_, i) => i % 2 === 0).map((c) => c.id));
      expect(same).toEqual(after.rows.map((row) => row.child.id).filter((id) => !markedNow.has(id)));
    }
  });

  it("shows each child the status, codes and fingerprint the server's marks hold for the same document, a guardian's conflict included", () => {
    const { records, review } = seeded(60);
    const state = watched(records, review);
    state.readAll();
    state.flush();
    const mother = records.listChildren().find((c) => c.motherId)!.motherId!;
    const peer = new RosterRecords(new Y.Doc(), { now: () => NOW });
    Y.applyUpdate(peer.doc, Y.encodeStateAsUpdate(records.doc));
    peer.setGuardianField(mother, "fullName", "Trần Thị Hòa", school);
    records.setGuardianField(mother, "fullName", "Trần Thị Hoa", hamlet);
    Y.applyUpdate(records.doc, Y.encodeStateAsUpdate(peer.doc));
    const snapshot = state.flush();
    // What the server writes as marks: the packages' full evaluation with the stamps (markRoster).
    const verifications = review.verifications();
    let linked = 0;
    for (const [id, { evaluation, fingerprint: fp }] of evaluateRecords(records, AS_OF)) {
      if (!evaluation) continue;
      const mark = markFor(evaluation, verifications.get(id), fp);
      const row = snapshot.byId.get(id)!;
      expect({ status: row.localStatus, codes: [...new Set(row.findings.map((f) => f.code))], fingerprint: row.fingerprint }, id).toEqual({
        status: mark.status,
        codes: [...new Set(mark.findings.map((f) => f.code))],
        fingerprint: fp,
      });
      if (row.findings.some((f) => f.code === "conflict.field" && f.field === "mother.fullName")) linked++;
    }
    expect(linked).toBe(records.listChildren().filter((c) => c.motherId === mother).length);
  });

  it("re-evaluates a duplicate partner when the other record changes", () => {
    const records = new RosterRecords(createRecordsDoc(), { now: () => NOW });
    const review = new RosterReview(createReviewDoc());
    const a = records.createChild({ fullName: "Nguyễn Văn An", dob: "2015-03-07", pid: "001215000123" });
    const b = records.createChild({ fullName: "Lê Thị Hoa", dob: "2016-01-01", pid: "001316000456" });
    const state = watched(records, review);
    state.readAll();
    expect(state.flush().byId.get(a)?.findings.map((f) => f.code)).not.toContain("duplicate.pid");
    records.setChildField(b, "pid", "001215000123", hamlet);
    expect(state.flush().byId.get(a)?.findings.map((f) => f.code)).toContain("duplicate.pid");
  });
});
