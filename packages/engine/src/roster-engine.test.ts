import { createRecordsDoc, RosterRecords, type Actor } from "@roster/doc";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { evaluateRecords } from "./full-evaluation";
import { RosterEngine } from "./roster-engine";

const ASOF = "2026-06-08";
const NOW = () => new Date("2026-06-08T03:00:00Z");
const school: Actor = { id: "u-school", name: "Cô Lan" };
const hamlet: Actor = { id: "u-hamlet", name: "Lò Văn Páo" };

function family() {
  const records = new RosterRecords(createRecordsDoc(), { now: NOW });
  const mother = records.createGuardian({ fullName: "Trần Thị Hoa", gender: "female", dob: "1988-04-12", pid: "001188004512", phone: "0912000111" });
  const other = records.createGuardian({ fullName: "Lò Văn Pâng", gender: "male", dob: "1985-09-30", pid: "014085001234" });
  const common = { gender: "female", ethnicity: "01", residenceType: "permanent", birthRegisteredOn: "2015-03-10" } as const;
  const an = records.createChild({ ...common, fullName: "Nguyễn Thị An", dob: "2015-03-02", pid: "001315000123", motherId: mother, representative: "mother" });
  // The same woman is this child's legal guardian, not its mother.
  const binh = records.createChild({ ...common, fullName: "Lò Thị Bình", dob: "2016-07-19", pid: "001316000456", guardianId: mother, fatherId: other, representative: "guardian" });
  const chi = records.createChild({ ...common, fullName: "Lò Thị Chi", dob: "2014-11-05", pid: "001314000789", fatherId: other, representative: "father" });
  return { records, mother, other, an, binh, chi };
}

/** Two offline edits of one field of a guardian, met: a conflict in `records`. */
function guardianConflict(records: RosterRecords, guardianId: string, field: "pid" | "phone", values: [string, string]): void {
  const peer = new RosterRecords(new Y.Doc(), { now: NOW });
  Y.applyUpdate(peer.doc, Y.encodeStateAsUpdate(records.doc));
  records.setGuardianField(guardianId, field, values[0], school);
  peer.setGuardianField(guardianId, field, values[1], hamlet);
  Y.applyUpdate(records.doc, Y.encodeStateAsUpdate(peer.doc));
}

const conflictFields = (engine: RosterEngine, id: string) =>
  engine.evaluation(id)?.findings.filter((f) => f.code === "conflict.field").map((f) => f.field) ?? [];

describe("RosterEngine", () => {
  it("puts a guardian's conflict on every child linking to it, in the role it has for each, and takes it off when settled", () => {
    const { records, mother, an, binh, chi } = family();
    const engine = new RosterEngine(records);
    engine.update(ASOF);
    engine.takeChanges();
    guardianConflict(records, mother, "pid", ["001188007777", "001188006666"]);
    expect(records.conflicts()).toHaveLength(1);
    engine.update(ASOF);
    expect(conflictFields(engine, an)).toEqual(["mother.pid"]);
    expect(conflictFields(engine, binh)).toEqual(["guardian.pid"]);
    expect(conflictFields(engine, chi)).toEqual([]);
    expect(engine.takeChanges().children).toEqual(new Set([an, binh]));

    // A child linked afterwards shows it too; one unlinked stops showing it.
    records.setChildField(chi, "motherId", mother, school);
    records.setChildField(an, "motherId", null, school);
    engine.update(ASOF);
    expect(conflictFields(engine, chi)).toEqual(["mother.pid"]);
    expect(conflictFields(engine, an)).toEqual([]);

    records.resolveConflict("guardian", mother, "pid", "001188007777", school);
    engine.update(ASOF);
    expect(conflictFields(engine, binh)).toEqual([]);
    expect(conflictFields(engine, chi)).toEqual([]);
    expectWhole(engine, records);
  });

  it("evaluates only the children an edit concerns, and hashes a fingerprint again only when its input changed", () => {
    const { records, mother, an, binh, chi } = family();
    const engine = new RosterEngine(records);
    engine.update(ASOF);
    expect(engine.takeChanges()).toMatchObject({ all: true, evaluated: 3 });

    records.setChildField(an, "ethnicity", "54", school);
    engine.update(ASOF);
    expect(engine.takeChanges()).toMatchObject({ all: false, evaluated: 1, children: new Set([an]), reevaluated: new Set([an]), renamed: new Set() });

    // A field no rule reads: the child is reported changed (a list shows the note) but the
    // rules do not run again.
    records.setChildField(an, "note", "đã gọi điện cho mẹ", school);
    engine.update(ASOF);
    expect(engine.takeChanges()).toMatchObject({ all: false, evaluated: 0, children: new Set([an]), reevaluated: new Set(), renamed: new Set() });
    expect(engine.childMap().get(an)?.note).toBe("đã gọi điện cho mẹ");
    expectWhole(engine, records);

    const before = [engine.fingerprint(an), engine.fingerprint(binh)];
    records.setGuardianField(mother, "phone", "0987654321", school);
    engine.update(ASOF);
    expect(engine.takeChanges()).toMatchObject({ evaluated: 2, children: new Set([an, binh]), guardiansChanged: true });
    expect([engine.fingerprint(an), engine.fingerprint(binh)]).toEqual(before);

    records.setGuardianField(mother, "fullName", "Trần Thị Hòa", school);
    engine.update(ASOF);
    expect(engine.fingerprint(an)).not.toBe(before[0]);
    expect(engine.takeChanges().children.has(chi)).toBe(false);

    records.setChildField(chi, "fullName", "Lò Thị Chí", school);
    engine.update(ASOF);
    expect(engine.takeChanges().renamed).toEqual(new Set([chi]));
    const nameless = records.createChild({ dob: "2016-02-29" });
    engine.update(ASOF);
    expect(engine.takeChanges().renamed).toEqual(new Set([nameless]));

    // A new day judges ages again: every child.
    engine.update("2027-09-01");
    expect(engine.takeChanges()).toMatchObject({ all: true, evaluated: 4 });
    expectWhole(engine, records, "2027-09-01");
  });

  it("re-evaluates a duplicate partner when the other record changes", () => {
    const { records, an, chi } = family();
    const engine = new RosterEngine(records);
    engine.update(ASOF);
    engine.takeChanges();
    records.setChildField(chi, "pid", "001315000123", school);
    engine.update(ASOF);
    expect(engine.evaluation(an)?.findings.map((f) => f.code)).toContain("duplicate.pid");
    expect(engine.takeChanges().children).toEqual(new Set([an, chi]));
    records.removeChild(chi, "trùng", school);
    engine.update(ASOF);
    expect(engine.evaluation(an)?.findings.map((f) => f.code)).not.toContain("duplicate.pid");
    expect(engine.evaluation(chi)).toBeUndefined();
    expect(engine.fingerprint(chi)).toBeDefined();
    expectWhole(engine, records);
  });

  it("lists the children before evaluating them, then evaluates in slices until the deadline", () => {
    const { records } = family();
    for (let i = 0; i < 100; i++) records.createChild({ fullName: `Trẻ Số ${i}`, dob: "2016-01-01" });
    const engine = new RosterEngine(records);
    expect(engine.readChildren().size).toBe(103);
    expect(engine.evaluation([...engine.childMap().keys()][0]!)).toBeUndefined();
    records.createChild({ fullName: "Trẻ Đến Sau", dob: "2016-01-02" });
    let slices = 0;
    while (!engine.update(ASOF, Number.NEGATIVE_INFINITY)) slices++;
    // Reading, duplicates, then 104 children 16 at a time.
    expect(slices).toBeGreaterThanOrEqual(7);
    expect(engine.isLoaded).toBe(true);
    expectWhole(engine, records);
  });

  it("refuses a day that is not a date", () => {
    const { records } = family();
    expect(() => new RosterEngine(records).update("08/06/2026")).toThrow(RangeError);
  });
});

function expectWhole(engine: RosterEngine, records: RosterRecords, asOf = ASOF): void {
  for (const [id, result] of evaluateRecords(records, asOf)) {
    expect(engine.evaluation(id), id).toEqual(result.evaluation);
    expect(engine.fingerprint(id), id).toBe(result.fingerprint);
  }
}
