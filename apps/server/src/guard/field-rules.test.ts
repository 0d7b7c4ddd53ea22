import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { isStorableValue } from "./field-rules";

describe("isStorableValue", () => {
  it.each<[string, unknown]>([
    ["fullName", "Nguyễn Văn An"],
    ["fullName", null],
    ["note", "x".repeat(2000)],
    ["dob", "2015-03-14"],
    ["dob", ""],
    ["dob", "2015-02-30"], // the shape is right; rules report the impossible date
    ["healthBook", true],
    ["removed", false],
    ["gender", "Nam"], // a data-quality problem, reported by the rules
    ["someFutureField", true],
    ["someFutureField", "text"],
  ])("keeps %s = %j", (field, value) => {
    expect(isStorableValue("child", field, value)).toBe(true);
  });

  it.each<[string, unknown]>([
    ["fullName", 5],
    ["fullName", { a: 1 }],
    ["fullName", ["An"]],
    ["fullName", new Y.Map()],
    ["fullName", undefined],
    ["fullName", new Uint8Array(2)],
    ["note", "x".repeat(2001)],
    ["dob", "10/03/2015"],
    ["birthRegisteredOn", "2015-3-1"],
    ["residenceRegisteredOn", "20150301"],
    ["healthBook", "true"],
    ["fullName", true],
    ["someFutureField", 1],
  ])("repairs %s = %j", (field, value) => {
    expect(isStorableValue("child", field, value)).toBe(false);
  });

  it("knows the guardian's date and its fields", () => {
    expect(isStorableValue("guardian", "dob", "02/07/1988")).toBe(false);
    expect(isStorableValue("guardian", "dob", "1988-07-02")).toBe(true);
    expect(isStorableValue("guardian", "phone", 912345678)).toBe(false);
    // `healthBook` is a child field: for a guardian it is an unknown key.
    expect(isStorableValue("guardian", "healthBook", "yes")).toBe(true);
  });
});
