import { describe, expect, it } from "vitest";
import { ROLE_ABILITIES, ROLES } from "./roles";

describe("role table", () => {
  it("lets only police verify", () => {
    expect(ROLES.filter((r) => ROLE_ABILITIES[r].verifies)).toEqual(["police"]);
  });
  it("makes viewer the only read-only role and admin the only manager", () => {
    expect(ROLES.filter((r) => !ROLE_ABILITIES[r].edits)).toEqual(["viewer"]);
    expect(ROLES.filter((r) => ROLE_ABILITIES[r].manages)).toEqual(["admin"]);
  });
  it("limits only hamlet heads to assigned rosters", () => {
    expect(ROLES.filter((r) => !ROLE_ABILITIES[r].seesAllRosters)).toEqual(["hamlet"]);
  });
});
