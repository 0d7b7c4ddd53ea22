import type { Child } from "@roster/schema";
import { describe, expect, it } from "vitest";
import { daysBetween } from "./dates";
import { AS_OF, aChild } from "./evaluate.fixtures";
import { checkResidence } from "./residence";

const check = (child: Partial<Child>, asOf = AS_OF) => checkResidence(aChild(child), asOf).map((f) => [f.field, f.code]);

describe("checkResidence", () => {
  it("counts the days the way the table below assumes", () => {
    expect(daysBetween("2026-04-09", AS_OF)).toBe(60);
    expect(daysBetween("2026-04-08", AS_OF)).toBe(61);
    expect(daysBetween("2015-03-20", "2015-05-19")).toBe(60);
    expect(daysBetween("2015-03-20", "2015-05-20")).toBe(61);
  });

  it.each<[string, Partial<Child>, string[][]]>([
    ["permanent residence 21 days after birth registration", {}, []],
    ["temporary residence in time", { residenceType: "temporary" }, []],
    ["no residence type", { residenceType: null }, [["residenceType", "residence.missing"]]],
    ["an empty residence type", { residenceType: "" as Child["residenceType"] }, [["residenceType", "residence.missing"]]],
    ["none, birth registered exactly 60 days before asOf",
      { residenceType: "none", birthRegisteredOn: "2026-04-09", residenceRegisteredOn: null }, []],
    ["none, birth registered 61 days before asOf",
      { residenceType: "none", birthRegisteredOn: "2026-04-08", residenceRegisteredOn: null },
      [["residenceType", "residence.overdue"]]],
    ["none, birth registered in 2015", { residenceType: "none", residenceRegisteredOn: null },
      [["residenceType", "residence.overdue"]]],
    ["registered exactly 60 days after birth registration", { residenceRegisteredOn: "2015-05-19" }, []],
    ["registered 61 days after birth registration", { residenceRegisteredOn: "2015-05-20" },
      [["residenceRegisteredOn", "residence.late"]]],
    ["temporary residence registered a year late", { residenceType: "temporary", residenceRegisteredOn: "2016-03-25" },
      [["residenceRegisteredOn", "residence.late"]]],
    // Dates this module cannot read give no finding (see the TSDoc of checkResidence).
    ["none, with no birth registration date", { residenceType: "none", birthRegisteredOn: null }, []],
    ["none, with an impossible birth registration date", { residenceType: "none", birthRegisteredOn: "2015-02-30" }, []],
    ["permanent, with no registration date", { residenceRegisteredOn: "" }, []],
    ["permanent, with a registration date typed day first", { residenceRegisteredOn: "20/05/2016" }, []],
  ])("%s", (_label, child, expected) => {
    expect(check(child)).toEqual(expected);
  });

  it("makes overdue an error and late a warning", () => {
    const [overdue] = checkResidence(aChild({ residenceType: "none" }), AS_OF);
    const [late] = checkResidence(aChild({ residenceRegisteredOn: "2016-01-01" }), AS_OF);
    expect(overdue?.severity).toBe("error");
    expect(late?.severity).toBe("warning");
  });
});
