import { RosterRecords, type Actor } from "@roster/doc";
import type { ChildFields, GuardianFields } from "@roster/schema";
import { generateRoster } from "@roster/synth";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { evaluateRecords } from "./full-evaluation";
import { RosterEngine } from "./roster-engine";

const ASOF = "2026-06-08";
const NEXT_YEAR = "2027-09-01";
const NOW = () => new Date("2026-06-08T03:00:00Z");
const school: Actor = { id: "u-school", name: "Cô Lan" };
const hamlet: Actor = { id: "u-hamlet", name: "Lò Văn Páo" };

/** A roster of `count` synthetic children in a fresh records document. */
function seededDoc(seed: number, count: number): Y.Doc {
  const { children, guardians } = generateRoster({ seed, children: count });
  const doc = new Y.Doc();
  const records = new RosterRecords(doc, { now: NOW });
  doc.transact(() => {
    const idOf = new Map<string, string>();
    for (const { id, ...fields } of guardians) idOf.set(id, records.createGuardian(fields as GuardianFields));
    for (const { id: _id, ...fields } of children) {
      const linked: ChildFields = { ...fields };
      for (const link of ["fatherId", "motherId", "guardianId"] as const) if (fields[link]) linked[link] = idOf.get(fields[link]) ?? null;
      records.createChild(linked);
    }
  });
  records.destroy();
  return doc;
}

/** One step of a scenario: what to do, and numbers that pick whom it is done to. */
interface Step {
  kind: number;
  x: number;
  y: number;
  z: number;
}

const stepArb: fc.Arbitrary<Step> = fc.record({ kind: fc.nat(15), x: fc.nat(1000), y: fc.nat(1000), z: fc.nat(1000) });

/** Two peers of one roster: `a` where edits usually happen, `b` offline until `sync`. */
interface Peers {
  a: RosterRecords;
  b: RosterRecords;
}

function sync(peers: Peers): void {
  Y.applyUpdate(peers.a.doc, Y.encodeStateAsUpdate(peers.b.doc, Y.encodeStateVector(peers.a.doc)));
  Y.applyUpdate(peers.b.doc, Y.encodeStateAsUpdate(peers.a.doc, Y.encodeStateVector(peers.b.doc)));
}

function pick<T>(list: readonly T[], n: number): T | undefined {
  return list.length === 0 ? undefined : list[n % list.length];
}

const GUARDIAN_PIDS = ["001188004512", "001080001234", "", "014085001234"];
const NAMES = ["Nguyễn Văn An", "nguyen van an", "Hoàng Thị Mỷ", "Lò Văn Pâng"];

/** What kinds of things a scenario did, so the test can check they really happened. */
interface Seen {
  guardianConflicts: number;
  childConflicts: number;
  duplicates: number;
  relinks: number;
}

/**
 * Applies one step: the edits that move results (identity fields, duplicates, guardians,
 * links, removal, new records) and concurrent edits of one field on both peers, which
 * become conflicts once they meet.
 */
function apply(peers: Peers, step: Step, seen: Seen): void {
  const { a, b } = peers;
  const children = a.listChildren({ includeRemoved: true });
  const guardians = a.listGuardians();
  const child = pick(children, step.x);
  const other = pick(children, step.y);
  const guardian = pick(guardians, step.z);
  if (!child || !other) return;
  switch (step.kind) {
    case 0: // the same ID number as another child, or a placeholder everybody gets
      a.setChildField(child.id, "pid", step.z % 5 === 0 ? "000000000000" : (other.pid ?? "001215000123"), school);
      break;
    case 1: // the same name and date of birth, or the date with day and month swapped
      a.updateChild(child.id, { fullName: other.fullName ?? "An", dob: step.z % 2 === 0 ? (other.dob ?? null) : swapped(other.dob) }, school);
      break;
    case 2:
      a.setChildField(child.id, "bhyt", other.bhyt ?? "GD4797915204618", school);
      break;
    case 3:
      a.setChildField(child.id, "removed", child.removed !== true, school);
      break;
    case 4: // relink a parent: to another guardian, to nobody, to an id nobody has
      a.setChildField(child.id, pick(["motherId", "fatherId", "guardianId"] as const, step.y)!, pick([guardian?.id ?? null, null, "g-khong-co"], step.z)!, school);
      seen.relinks++;
      break;
    case 5:
      if (guardian) a.setGuardianField(guardian.id, "pid", pick(GUARDIAN_PIDS, step.y)!, school);
      break;
    case 6:
      if (guardian) a.setGuardianField(guardian.id, "fullName", pick(NAMES, step.y)!, school);
      break;
    case 7: {
      const { id: _id, ...fields } = other;
      a.createChild({ ...fields, note: "nhập lại" });
      break;
    }
    case 8: // a guardian the roster did not have, for a child
      a.setChildField(child.id, "guardianId", a.createGuardian({ fullName: pick(NAMES, step.z)!, pid: pick(GUARDIAN_PIDS, step.y)! }), school);
      break;
    case 9: // fields no rule reads: the engine keeps the results it has
      if (step.y % 3 === 0) a.setChildField(child.id, "note", `ghi chú ${step.z}`, school);
      else if (step.y % 3 === 1) a.updateChild(child.id, { school: `Trường ${step.z}`, appointment: `2026-06-${10 + (step.z % 9)}` }, school);
      else a.updateChild(child.id, { note: null, address: `Bản ${step.z}`, healthBook: step.z % 2 === 0 }, school);
      break;
    case 10: {
      // Two offline edits of one field of a child, on both peers, then they meet.
      sync(peers);
      const field = pick(["pid", "ethnicity", "fullName"] as const, step.z)!;
      a.setChildField(child.id, field, field === "pid" ? "001215009999" : field === "ethnicity" ? "03" : "Lò Thị Mai", school);
      b.setChildField(child.id, field, field === "pid" ? "001215008888" : field === "ethnicity" ? "05" : "Lò Thị Mải", hamlet);
      sync(peers);
      seen.childConflicts++;
      break;
    }
    case 11: {
      // Two offline edits of one field of a guardian: it concerns every child linking to it.
      const linked = children.find((c) => c.motherId || c.fatherId || c.guardianId);
      const id = linked?.motherId ?? linked?.fatherId ?? linked?.guardianId ?? guardian?.id;
      if (!id || !a.getGuardian(id)) break;
      sync(peers);
      const field = pick(["pid", "phone", "fullName"] as const, step.z)!;
      a.setGuardianField(id, field, field === "fullName" ? "Trần Thị Hoa" : "001188007777", school);
      b.setGuardianField(id, field, field === "fullName" ? "Trần Thị Hòa" : "001188006666", hamlet);
      sync(peers);
      seen.guardianConflicts++;
      break;
    }
    case 12: {
      // A person settles a conflict.
      const conflict = pick(a.conflicts(), step.z);
      if (!conflict) break;
      const value = conflict.values[step.y % conflict.values.length]?.value;
      const chosen = typeof value === "string" ? value : null;
      if (conflict.kind === "child") a.resolveConflict("child", conflict.id, conflict.field as "pid", chosen, school);
      else a.resolveConflict("guardian", conflict.id, conflict.field as "pid", chosen, school);
      break;
    }
    case 13: // the other peer edits offline; the edits arrive later
      b.setChildField(pick(b.listChildren(), step.x)?.id ?? child.id, "pid", other.pid ?? "001215000123", hamlet);
      break;
    default:
      sync(peers);
  }
}

function swapped(dob: string | null | undefined): string | null {
  if (!dob || dob.length !== 10) return dob ?? null;
  return `${dob.slice(0, 5)}${dob.slice(8, 10)}-${dob.slice(5, 7)}`;
}

/** Every child's evaluation and fingerprint as the engine holds them now. */
function resultsOf(engine: RosterEngine): Map<string, { evaluation: unknown; fingerprint: string | undefined }> {
  const results = new Map<string, { evaluation: unknown; fingerprint: string | undefined }>();
  for (const id of engine.childMap().keys()) results.set(id, { evaluation: engine.evaluation(id), fingerprint: engine.fingerprint(id) });
  return results;
}

/** The engine's results for every child equal evaluating the whole document again. */
function expectWhole(engine: RosterEngine, records: RosterRecords, asOf: string, label: string): void {
  const whole = evaluateRecords(records, asOf);
  expect([...engine.childMap().keys()].sort(), label).toEqual([...whole.keys()].sort());
  for (const [id, result] of whole) {
    expect(engine.evaluation(id), `${label} ${id}`).toEqual(result.evaluation);
    expect(engine.fingerprint(id), `${label} ${id}`).toBe(result.fingerprint);
  }
  expect(engine.conflicts()).toEqual(records.conflicts());
}

describe("RosterEngine (property)", () => {
  it("after every step of random edits and concurrent conflicts equals evaluating the whole roster, on both peers", () => {
    const seen: Seen = { guardianConflicts: 0, childConflicts: 0, duplicates: 0, relinks: 0 };
    let guardianConflictsShown = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 3, max: 30 }),
        fc.array(stepArb, { minLength: 1, maxLength: 30 }),
        fc.boolean(),
        (seed, count, steps, sliced) => {
          const docA = seededDoc(seed, count);
          const docB = new Y.Doc();
          Y.applyUpdate(docB, Y.encodeStateAsUpdate(docA));
          const peers: Peers = { a: new RosterRecords(docA, { now: NOW }), b: new RosterRecords(docB, { now: NOW }) };
          // The server's way (one engine, passes as the marks run) on `a`; the phone's way
          // (the list read first, then passes in slices of one look at the clock) on `b`.
          const onA = new RosterEngine(peers.a);
          const onB = new RosterEngine(peers.b);
          onB.readChildren();
          const run = (engine: RosterEngine, asOf: string) => {
            if (!sliced) return engine.settle(asOf);
            while (!engine.update(asOf, Number.NEGATIVE_INFINITY));
            if (engine.pending) while (!engine.update(asOf, Number.NEGATIVE_INFINITY));
          };
          run(onA, ASOF);
          run(onB, ASOF);
          for (const [i, step] of steps.entries()) {
            const before = resultsOf(onA);
            onA.takeChanges();
            apply(peers, step, seen);
            const asOf = i === steps.length - 1 ? NEXT_YEAR : ASOF;
            run(onA, asOf);
            run(onB, asOf);
            // A child left out of `reevaluated` kept its results.
            const changes = onA.takeChanges();
            if (!changes.all) {
              for (const [id, result] of resultsOf(onA)) if (!changes.reevaluated.has(id)) expect(result, `a step ${i} ${id}`).toEqual(before.get(id));
            }
            expectWhole(onA, peers.a, asOf, `a step ${i}`);
            expectWhole(onB, peers.b, asOf, `b step ${i}`);
            for (const id of onA.childMap().keys()) {
              if (onA.evaluation(id)?.findings.some((f) => f.code.startsWith("duplicate."))) seen.duplicates++;
              if (onA.evaluation(id)?.findings.some((f) => f.code === "conflict.field" && f.field.includes("."))) guardianConflictsShown++;
            }
          }
          // Once the peers meet, both engines give every child the same results.
          sync(peers);
          run(onA, NEXT_YEAR);
          run(onB, NEXT_YEAR);
          for (const id of onA.childMap().keys()) {
            expect(onB.evaluation(id), id).toEqual(onA.evaluation(id));
            expect(onB.fingerprint(id), id).toBe(onA.fingerprint(id));
          }
          onA.close();
          onB.close();
        },
      ),
      { numRuns: 60, seed: 20_261_204 },
    );
    // The scenarios really happened, guardian conflicts shown on children among them.
    expect(seen.childConflicts).toBeGreaterThan(10);
    expect(seen.guardianConflicts).toBeGreaterThan(10);
    expect(guardianConflictsShown).toBeGreaterThan(10);
    expect(seen.duplicates).toBeGreaterThan(10);
    expect(seen.relinks).toBeGreaterThan(10);
  }, 120_000);
});
