// Realistic children of one village for the list tests (not shipped: only tests import it).
import { evaluateWhole, type ChildResult } from "@roster/engine";
import { foldName, nameSortKey } from "@roster/rules";
import type { Child, Guardian, Mark, Verification } from "@roster/schema";
import { rowOf, type ChildRow } from "./child-row";

export const AS_OF = "2026-06-08";

export const GUARDIANS: Record<string, Guardian> = {
  g1: { id: "g1", fullName: "Trần Thị Hoa", gender: "female", dob: "1988-04-12", pid: "001188004512", vneid: "level2" },
  g2: { id: "g2", fullName: "Lò Văn Pâng", gender: "male", dob: "1985-09-30", pid: "014085001234", vneid: "level1" },
};

const complete = {
  gender: "female",
  ethnicity: "01",
  residenceType: "permanent",
  birthRegisteredOn: "2015-03-10",
  residenceRegisteredOn: "2015-04-01",
  motherId: "g1",
  representative: "mother",
} as const;

export const CHILDREN: Child[] = [
  { id: "c1", fullName: "Nguyễn Văn An", dob: "2015-03-02", ...complete, gender: "male", pid: "001215000123", school: "TH Kim Đồng", grade: "5A" },
  { id: "c2", fullName: "Trần Thị Ánh", dob: "2016-07-19", ...complete, pid: "001316000456", school: "TH Kim Đồng", grade: "4B" },
  { id: "c3", fullName: "Lò Thị Mai", dob: "2014-11-05", ...complete, ethnicity: "03", pid: null, school: "THCS Chiềng Sinh", grade: "6A", fatherId: "g2", representative: "father" },
  { id: "c4", fullName: "Đặng Minh Đức", dob: "2017-01-23", ...complete, gender: "male", pid: "001217000789", school: "TH Kim Đồng", grade: "3A" },
  { id: "c5", fullName: "Hoàng Văn Bình", dob: "2013-05-14", ...complete, gender: "male", pid: "001213000321", removed: true, removedReason: "trùng với c1" },
  { id: "c6", fullName: "nguyễn  thị  hoà", dob: "2015-12-01", ...complete, pid: "001315001111", school: "THCS Chiềng Sinh", grade: "6A" },
];

/** What a row is built from when the whole roster is evaluated from scratch. */
export interface RowInputs {
  /** `evaluateWhole` of the roster (the packages' full evaluation). */
  readonly results: ReadonlyMap<string, ChildResult>;
  readonly marks: ReadonlyMap<string, Mark>;
  readonly verifications: ReadonlyMap<string, Verification>;
  readonly inSync: boolean;
}

/** The row of one child from the whole roster's evaluation and the review document. */
export function buildRow(child: Child, inputs: RowInputs): ChildRow {
  const result = inputs.results.get(child.id);
  const name = child.fullName ?? "";
  return rowOf(child, {
    evaluation: result?.evaluation,
    fingerprint: result?.fingerprint ?? "",
    folded: foldName(name),
    sortKey: nameSortKey(name),
    mark: inputs.marks.get(child.id),
    verification: inputs.verifications.get(child.id),
    inSync: inputs.inSync,
  });
}

/** The fixture roster evaluated by the packages' full evaluation. */
export function fixtureResults(): Map<string, ChildResult> {
  return evaluateWhole({ children: CHILDREN, guardians: GUARDIANS, conflicts: [] }, AS_OF);
}

/** Rows of the fixture roster, evaluated by the real rules. */
export function fixtureRows(inSync = false): ChildRow[] {
  const results = fixtureResults();
  return CHILDREN.map((child) => buildRow(child, { results, marks: new Map(), verifications: new Map(), inSync }));
}
