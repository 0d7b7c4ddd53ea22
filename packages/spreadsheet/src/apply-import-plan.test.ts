import type { Child, ChildFields, Guardian, GuardianFields } from "@roster/schema";
import { describe, expect, it } from "vitest";
import { plan } from "../test/tables";
import { applyImportPlan, type ImportWriter } from "./apply-import-plan";

/** A writer over plain maps, recording every call in order. */
function memoryWriter(children: Child[], guardians: Guardian[]) {
  const calls: string[] = [];
  const kids = new Map(children.map((c) => [c.id, { ...c }]));
  const adults = new Map(guardians.map((g) => [g.id, { ...g }]));
  let next = 0;
  const writer: ImportWriter = {
    createGuardian(fields: GuardianFields) {
      const id = `g${++next}`;
      adults.set(id, { ...fields, id });
      calls.push(`createGuardian ${fields.fullName}`);
      return id;
    },
    updateGuardian(id: string, patch: GuardianFields) {
      Object.assign(adults.get(id)!, patch);
      calls.push(`updateGuardian ${id} ${Object.keys(patch).join(",")}`);
    },
    createChild(fields: ChildFields) {
      const id = `c${++next}`;
      kids.set(id, { ...fields, id });
      calls.push(`createChild ${fields.fullName}`);
      return id;
    },
    updateChild(id: string, patch: ChildFields) {
      Object.assign(kids.get(id)!, patch);
      calls.push(`updateChild ${id} ${Object.keys(patch).join(",")}`);
    },
  };
  return { writer, calls, kids, adults };
}

describe("applyImportPlan", () => {
  const hung: Guardian = { id: "g-hung", fullName: "Nguyễn Văn Hùng" };
  const an: Child = { id: "c-an", fullName: "Nguyễn Văn An", dob: "2015-03-04", fatherId: "g-hung" };
  const rows = [
    ["Họ và tên", "Ngày sinh", "Họ tên cha", "Số định danh cha", "Họ tên mẹ", "Lớp"],
    ["Nguyễn Văn An", "04/03/2015", "Nguyễn Văn Hùng", "001085012345", "Trần Thị Lan", "4A"],
    ["Nguyễn Thị Bình", "10/10/2017", "Nguyễn Văn Hùng", "001085012345", "Trần Thị Lan", "2B"],
    [null, "01/01/2016", null, null, null, "1A"],
  ];

  it("creates guardians before the children that link them, then updates, and reports like the API", () => {
    const imported = plan(rows, { children: [an], guardians: [hung] });
    const { writer, calls, kids, adults } = memoryWriter([an], [hung]);
    const applied = applyImportPlan(imported, writer);

    expect(calls).toEqual([
      "createGuardian Trần Thị Lan",
      "updateGuardian g-hung pid",
      "createChild Nguyễn Thị Bình",
      "updateChild c-an grade,motherId",
    ]);
    expect(applied.result).toEqual({ added: 1, updated: 1, rejected: [{ row: 4, reason: "Không có họ tên trẻ" }] });
    const lanId = applied.guardianIds["new-guardian:1"]!;
    const binh = kids.get(applied.childIds["new-child:3"]!)!;
    expect(binh).toMatchObject({ fullName: "Nguyễn Thị Bình", dob: "2017-10-10", grade: "2B", fatherId: "g-hung", motherId: lanId });
    expect(kids.get("c-an")).toMatchObject({ grade: "4A", motherId: lanId, fatherId: "g-hung" });
    expect(adults.get("g-hung")?.pid).toBe("001085012345");
    expect(applied).toMatchObject({ guardiansAdded: 1, guardiansUpdated: 1 });
  });

  it("changes nothing when the plan finds nothing to change", () => {
    const done = memoryWriter([an], [hung]);
    applyImportPlan(plan(rows, { children: [an], guardians: [hung] }), done.writer);
    const again = memoryWriter([...done.kids.values()], [...done.adults.values()]);
    const replan = plan(rows, { children: [...done.kids.values()], guardians: [...done.adults.values()] });
    const applied = applyImportPlan(replan, again.writer);
    expect(again.calls).toEqual([]);
    expect(applied.result).toEqual({ added: 0, updated: 0, rejected: [{ row: 4, reason: "Không có họ tên trẻ" }] });
    expect(replan.unchanged.map((u) => u.row)).toEqual([2, 3]);
  });
});
