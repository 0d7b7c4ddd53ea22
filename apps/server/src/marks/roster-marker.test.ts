import { RosterRecords, RosterReview, type Actor } from "@roster/doc";
import { fingerprint } from "@roster/rules";
import { createRandom, generateRoster, type Random } from "@roster/synth";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { recordsUpdate } from "../seed/seed-rosters";
import { markOf, markRoster, sameMark } from "./compute-marks";
import { RosterMarker, type MarkRunResult, type ReviewTarget } from "./roster-marker";

const ASOF = "2026-06-08";
const AT = "2026-06-08T08:00:00.000Z";
const ACTOR: Actor = { id: "u-school", name: "Trường Tiểu học" };

interface World {
  records: RosterRecords;
  review: RosterReview;
  marker: RosterMarker;
  run: (asOf?: string) => Promise<MarkRunResult>;
  reviewTransactions: () => number;
}

function world(seed: number, children: number): World {
  const roster = generateRoster({ seed, children });
  const recordsDoc = new Y.Doc();
  Y.applyUpdate(recordsDoc, recordsUpdate(roster.children, roster.guardians));
  const records = new RosterRecords(recordsDoc);
  const reviewDoc = new Y.Doc();
  const review = new RosterReview(reviewDoc);
  let transactions = 0;
  const target = async (): Promise<ReviewTarget> => ({
    review,
    write: (change) => {
      transactions++;
      reviewDoc.transact(change, "server");
    },
  });
  const marker = new RosterMarker(records);
  return { records, review, marker, run: (asOf = ASOF) => marker.run(target, asOf, AT), reviewTransactions: () => transactions };
}

/** What evaluating the whole roster from scratch says (the reference the marker must equal). */
function expectSameAsFullEvaluation(w: World, _after: MarkRunResult, asOf = ASOF): void {
  const full = markRoster(w.records, w.review.verifications(), asOf);
  expect(w.marker.markings()).toEqual(full);
  const stored = w.review.marks();
  expect([...stored.keys()].sort()).toEqual([...full.keys()].sort());
  for (const [id, marking] of full) expect(sameMark(stored.get(id), markOf(marking, AT)), id).toBe(true);
}

/** One random edit of the kinds that move marks: identity fields, guardians, links, removal, verification. */
function randomEdit(w: World, random: Random): void {
  const children = w.records.listChildren();
  const guardians = w.records.listGuardians();
  const child = random.pick(children);
  const other = random.pick(children);
  switch (random.int(0, 11)) {
    case 0: // the same ID number as another child: duplicate.pid on both
      w.records.setChildField(child.id, "pid", other.pid ?? "001316007788", ACTOR);
      break;
    case 1: // the same name and date of birth: duplicate.person
      w.records.updateChild(child.id, { fullName: other.fullName ?? "Lò Văn Pâng", dob: other.dob ?? "2016-03-07" }, ACTOR);
      break;
    case 2: // a guardian's ID number or name: fingerprint and guardian findings of every linked child
      w.records.setGuardianField(random.pick(guardians).id, random.int(0, 1) === 0 ? "pid" : "fullName", random.pick(["", "001080001234", "Hoàng Thị Mỷ"]), ACTOR);
      break;
    case 3: // relink a parent, sometimes to nobody known
      w.records.setChildField(child.id, "motherId", random.pick([random.pick(guardians).id, "g-khong-co", null]), ACTOR);
      break;
    case 4:
      w.records.removeChild(child.id, "chuyển đi", ACTOR);
      break;
    case 5: {
      // a second entry of an existing child: duplicates for both
      const { id: _id, ...fields } = other;
      w.records.createChild({ ...fields, note: "nhập lại" });
      break;
    }
    case 6: {
      // a police stamp on the current record, then maybe an edit that makes it stale
      w.review.setVerification(child.id, { by: "u-police", byName: "Công an xã", at: AT, fingerprint: fingerprint(child, w.records.guardiansById()) });
      if (random.int(0, 1) === 0) w.records.setChildField(child.id, "dob", "2015-07-03", ACTOR);
      break;
    }
    case 7:
      w.records.setChildField(child.id, "bhyt", other.bhyt ?? "GD4797915204618", ACTOR);
      break;
    case 8:
      w.records.setChildField(child.id, "ethnicity", random.pick(["01", "77", ""]), ACTOR);
      break;
    case 10: {
      // Two offline edits of one field of a child or of its mother: a conflict on the child(ren).
      const peer = new RosterRecords(new Y.Doc());
      Y.applyUpdate(peer.doc, Y.encodeStateAsUpdate(w.records.doc));
      const hamlet = { id: "u-hamlet", name: "Trưởng thôn" };
      if (child.motherId && w.records.getGuardian(child.motherId)) {
        w.records.setGuardianField(child.motherId, "pid", "001188007777", ACTOR);
        peer.setGuardianField(child.motherId, "pid", "001188006666", hamlet);
      } else {
        w.records.setChildField(child.id, "ethnicity", "03", ACTOR);
        peer.setChildField(child.id, "ethnicity", "05", hamlet);
      }
      Y.applyUpdate(w.records.doc, Y.encodeStateAsUpdate(peer.doc));
      peer.destroy();
      break;
    }
    case 11: {
      const conflict = w.records.conflicts()[random.int(0, 3)];
      if (conflict?.kind === "guardian") w.records.resolveConflict("guardian", conflict.id, "pid", "001188007777", ACTOR);
      else if (conflict) w.records.resolveConflict("child", conflict.id, "ethnicity", "01", ACTOR);
      break;
    }
    default:
      w.records.setChildField(child.id, "note", `ghi chú ${random.int(0, 1000)}`, ACTOR);
  }
}

describe("RosterMarker", () => {
  it("gives, run after run of random edits, exactly what evaluating the whole roster gives", async () => {
    let guardianConflicts = 0;
    for (const seed of [1, 2, 3]) {
      const w = world(seed, 120);
      const random = createRandom(seed);
      expectSameAsFullEvaluation(w, await w.run());
      for (let round = 0; round < 25; round++) {
        for (let k = random.int(1, 4); k > 0; k--) randomEdit(w, random);
        expectSameAsFullEvaluation(w, await w.run());
        for (const marking of w.marker.markings().values()) {
          guardianConflicts += marking.findings.filter((f) => f.code === "conflict.field" && f.field.includes(".")).length;
        }
      }
      // A new day re-judges ages (and everything else) for every child.
      expectSameAsFullEvaluation(w, await w.run("2027-09-01"), "2027-09-01");
      w.marker.close();
    }
    // A guardian's conflict was shown on its children's marks along the way.
    expect(guardianConflicts).toBeGreaterThan(0);
  });

  it("follows conflicts, including a guardian's conflict shown on each linked child", async () => {
    const w = world(7, 40);
    await w.run();
    const child = w.records.listChildren().find((c) => c.motherId)!;
    // Two peers edit the same fields offline, then sync: both values are kept as conflicts.
    const peer = new Y.Doc();
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(w.records.doc));
    const peerRecords = new RosterRecords(peer);
    w.records.setChildField(child.id, "pid", "001316007788", ACTOR);
    w.records.setGuardianField(child.motherId!, "phone", "0912345678", ACTOR);
    peerRecords.setChildField(child.id, "pid", "001316009999", { id: "u-hamlet", name: "Trưởng thôn" });
    peerRecords.setGuardianField(child.motherId!, "phone", "0987654321", { id: "u-hamlet", name: "Trưởng thôn" });
    Y.applyUpdate(w.records.doc, Y.encodeStateAsUpdate(peer));
    expect(w.records.conflicts().length).toBe(2);
    const result = await w.run();
    expectSameAsFullEvaluation(w, result);
    expect(w.marker.markings().get(child.id)?.findings.map((f) => `${f.code}:${f.field}`)).toEqual(
      expect.arrayContaining(["conflict.field:pid", "conflict.field:mother.phone"]),
    );
    // Settling one conflict changes the marks again.
    w.records.resolveConflict("child", child.id, "pid", "001316007788", ACTOR);
    expectSameAsFullEvaluation(w, await w.run());
  });

  it("evaluates only the children an edit concerns, and writes nothing when no mark changes", async () => {
    const w = world(11, 200);
    const first = await w.run();
    expect(first.evaluated).toBe(200);
    const written = w.reviewTransactions();

    const [a, b] = w.records.listChildren();
    // A note is read by no rule: nothing is evaluated again, nothing written.
    w.records.setChildField(a!.id, "note", "đã gọi điện cho mẹ", ACTOR);
    const quiet = await w.run();
    expect(quiet.evaluated).toBe(0);
    expect(quiet.written).toBe(0);
    expect(w.reviewTransactions()).toBe(written);
    expectSameAsFullEvaluation(w, quiet);

    // A field the rules read: that child only.
    w.records.setChildField(a!.id, "ethnicity", a!.ethnicity === "54" ? "01" : "54", ACTOR);
    const one = await w.run();
    expect(one.evaluated).toBe(1);
    expectSameAsFullEvaluation(w, one);

    // A guardian edit re-evaluates the children linked to that guardian, no others.
    const mother = b!.motherId!;
    const linked = w.records.listChildren().filter((c) => [c.fatherId, c.motherId, c.guardianId].includes(mother)).length;
    w.records.setGuardianField(mother, "pid", "", ACTOR);
    const guardianRun = await w.run();
    expect(guardianRun.evaluated).toBe(linked);
    expectSameAsFullEvaluation(w, guardianRun);
  });

  it("writes a stale verification back to its status once the stamp no longer matches", async () => {
    const w = world(5, 30);
    await w.run();
    const child = w.records.listChildren().find((c) => w.review.mark(c.id)?.status === "clean");
    expect(child, "the synthetic roster has a clean child").toBeDefined();
    w.review.setVerification(child!.id, { by: "u-police", byName: "Công an xã", at: AT, fingerprint: w.review.mark(child!.id)!.fingerprint });
    await w.run();
    expect(w.review.mark(child!.id)?.status).toBe("verified");
    w.records.setChildField(child!.id, "fullName", "Tên Đã Sửa", ACTOR);
    const result = await w.run();
    expect(w.review.mark(child!.id)?.status).not.toBe("verified");
    expect(w.review.mark(child!.id)?.codes).toContain("verification.stale");
    expectSameAsFullEvaluation(w, result);
  });

  it("after a failed run (the review room could not be written), the next run brings every mark up to date", async () => {
    const w = world(9, 60);
    await w.run();
    const [a] = w.records.listChildren();
    w.records.setChildField(a!.id, "pid", "", ACTOR);
    await expect(w.marker.run(async () => Promise.reject(new Error("review room closed")), ASOF, AT)).rejects.toThrow("review room closed");
    expect(w.review.mark(a!.id)?.codes).not.toContain("pid.missing");
    expectSameAsFullEvaluation(w, await w.run());
    expect(w.review.mark(a!.id)?.codes).toContain("pid.missing");
  });

  it("works in slices: a first run over thousands of children lets timers fire in between", async () => {
    const w = world(3, 2000);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    try {
      await w.run();
      expect(w.marker.markings().size).toBe(2000);
    } finally {
      clearInterval(timer);
    }
    expect(ticks).toBeGreaterThan(0);
  });
});
