import { describe, expect, it } from "vitest";
import { wouldSpoil } from "./keep-valid";

const boy = { dob: "2015-03-04", gender: "male" as const };

describe("wouldSpoil", () => {
  it("keeps a valid ID number, name or BHYT number from an invalid one", () => {
    expect(wouldSpoil("pid", "001215012345", "01215012345", boy)).toBe(true);
    expect(wouldSpoil("pid", "001215012345", "001315012345", boy)).toBe(true);
    expect(wouldSpoil("fullName", "Nguyễn Văn An", "Nguyễn V. An")).toBe(true);
    expect(wouldSpoil("bhyt", "0123456789", "012345678")).toBe(true);
  });

  it("lets a valid value replace an invalid or missing one, and another valid one", () => {
    expect(wouldSpoil("pid", "01215012345", "001215012345", boy)).toBe(false);
    expect(wouldSpoil("pid", null, "01215012345", boy)).toBe(false);
    expect(wouldSpoil("pid", "001215012345", "001215099999", boy)).toBe(false);
    expect(wouldSpoil("fullName", "NguyÔn V¨n An", "Nguyễn Văn An")).toBe(false);
  });

  it("judges only names and numbers", () => {
    expect(wouldSpoil("grade", "4A", "")).toBe(false);
    expect(wouldSpoil("dob", "2015-03-04", "2015-02-30")).toBe(false);
  });
});
