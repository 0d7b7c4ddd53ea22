import { describe, expect, it } from "vitest";
import { CHILD_FIELDS, ChildSchema, GUARDIAN_FIELDS, GuardianSchema } from "./child";

describe("child and guardian schemas", () => {
  it("list exactly the fields of DESIGN.md", () => {
    expect(CHILD_FIELDS).toEqual([
      "fullName", "dob", "gender", "ethnicity", "pid", "birthRegisteredOn", "residenceType",
      "residenceRegisteredOn", "address", "village", "school", "grade", "bhyt", "fatherId",
      "motherId", "guardianId", "guardianRelation", "representative", "idCard", "vneid",
      "healthBook", "appointment", "note", "removed", "removedReason",
    ]);
    expect(GUARDIAN_FIELDS).toEqual(["fullName", "dob", "gender", "pid", "phone", "vneid", "address"]);
  });

  it("accept a partly filled record with nulls", () => {
    const parsed = ChildSchema.parse({ id: "c1", fullName: "Nguyễn Văn An", dob: null, healthBook: false });
    expect(parsed.fullName).toBe("Nguyễn Văn An");
    expect(parsed.dob).toBeNull();
  });

  it("reject values outside the enumerations", () => {
    expect(ChildSchema.safeParse({ id: "c1", gender: "m" }).success).toBe(false);
    expect(ChildSchema.safeParse({ id: "c1", vneid: "level3" }).success).toBe(false);
    expect(ChildSchema.safeParse({ id: "c1", residenceType: "tạm trú" }).success).toBe(false);
    expect(GuardianSchema.safeParse({ id: "g1", gender: "female", vneid: "level2" }).success).toBe(true);
  });

  it("reject a record without an id", () => {
    expect(ChildSchema.safeParse({ fullName: "Lê Thị Hoa" }).success).toBe(false);
  });
});
