import type { ReconcilePreview } from "@roster/schema";
import { describe, expect, it } from "vitest";
import { decisionsOf, initialSelection, withAccept, withAdd, withConfirm, withVerify } from "./reconcile-selection";

const preview: ReconcilePreview = {
  matched: [
    { row: 2, childId: "a", by: "pid", differences: [], vneid: "level2" },
    { row: 3, childId: "b", by: "pid", differences: [{ field: "fullName", roster: "Lê Thị Lan", national: "Lê Thị Lanh" }, { field: "dob", roster: "2015-01-02", national: "2015-02-01" }], vneid: null },
  ],
  likely: [{ row: 4, childId: "c", why: "name-one-letter", fullName: "Vũ Văn Namh", dob: "2015-02-02" }],
  extractOnly: [{ row: 5, fullName: "Bùi Thị Ngân", dob: "2017-11-11", reason: { vi: "", en: "" } }],
  rosterOnly: ["d"],
  rejected: [],
  outOfCampaign: [],
};

describe("reconcile selection", () => {
  it("starts with the agreeing group ticked for verification, nothing else", () => {
    expect(decisionsOf(initialSelection(preview))).toEqual({ verify: ["a"], accept: [], add: [], confirm: [] });
  });

  it("ticks a child for verification once every one of its national values is taken, and unticks it when one is dropped", () => {
    let selection = withAccept(initialSelection(preview), preview, [{ childId: "b", field: "fullName" }], true);
    expect(selection.verify.has("b")).toBe(false);
    selection = withAccept(selection, preview, [{ childId: "b", field: "dob" }], true);
    expect(selection.verify.has("b")).toBe(true);
    selection = withAccept(selection, preview, [{ childId: "b", field: "dob" }], false);
    expect(decisionsOf(selection)).toEqual({ verify: ["a"], accept: [{ childId: "b", field: "fullName" }], add: [], confirm: [] });
  });

  it("adds rows, confirms likely matches and unticks verification", () => {
    let selection = withAdd(initialSelection(preview), [5], true);
    selection = withConfirm(selection, 4, "c", true);
    selection = withVerify(selection, ["a"], false);
    expect(decisionsOf(selection)).toEqual({ verify: [], accept: [], add: [5], confirm: [{ row: 4, childId: "c" }] });
  });
});
