import type { Child } from "@roster/schema";
import { describe, expect, it } from "vitest";
import { aChild, aFather, aMother, guardiansOf } from "./evaluate.fixtures";
import { finding } from "./findings";
import { fingerprint } from "./fingerprint";
import { disputedVerifiedFields, isVerifiedField, VERIFIED_CHILD_FIELDS, verifyRefusal } from "./verified-fields";

describe("verified fields", () => {
  it("are the fields the fingerprint covers", () => {
    const mother = aMother();
    const father = aFather();
    const guardians = guardiansOf(mother, father);
    const child = aChild();
    const base = fingerprint(child, guardians);
    for (const field of VERIFIED_CHILD_FIELDS) {
      const changed = { ...child, [field]: field === "motherId" ? father.id : field.endsWith("Id") ? mother.id : "2001-01-01x" } as Child;
      expect(fingerprint(changed, guardians), field).not.toBe(base);
    }
    for (const field of ["address", "school", "bhyt", "note"] as const) {
      expect(fingerprint({ ...child, [field]: "x" }, guardians), field).toBe(base);
    }
    expect(isVerifiedField("mother.pid")).toBe(true);
    expect(isVerifiedField("mother.fullName")).toBe(true);
    expect(isVerifiedField("mother.phone")).toBe(false);
    expect(isVerifiedField("address")).toBe(false);
    expect(isVerifiedField("uncle.pid")).toBe(false);
  });

  it("refuse verification while a verified field is disputed, not for other fields", () => {
    expect(verifyRefusal([])).toBeNull();
    expect(verifyRefusal([finding("conflict.field", "address")])).toBeNull();
    expect(verifyRefusal([finding("conflict.field", "dob")])).toBe("conflict");
    expect(verifyRefusal([finding("conflict.field", "father.pid")])).toBe("conflict");
    expect(verifyRefusal([finding("conflict.field", "dob"), finding("pid.missing", "pid")])).toBe("conflict");
    expect(verifyRefusal([finding("conflict.field", "note"), finding("pid.missing", "pid")])).toBe("errors");
    expect(disputedVerifiedFields([finding("conflict.field", "note"), finding("conflict.field", "dob")])).toEqual(["dob"]);
  });
});
