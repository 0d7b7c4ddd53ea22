import { describe, expect, it } from "vitest";
import { ROLE_ABILITIES, ROLES } from "./roles";

describe("role table", () => {
  it("lets only police verify", () => {
    expect(ROLES.filter((r) => ROLE_ABILITIES[r].verifies)).toEqual(["police"]);
  });
  it("makes viewer and province the read-only roles and admin the only manager", () => {
    expect(ROLES.filter((r) => !ROLE_ABILITIES[r].edits)).toEqual(["viewer", "province"]);
    expect(ROLES.filter((r) => ROLE_ABILITIES[r].manages)).toEqual(["admin"]);
  });
  it("limits hamlet heads to assigned rosters, and province accounts to none", () => {
    expect(ROLES.filter((r) => !ROLE_ABILITIES[r].seesAllRosters)).toEqual(["hamlet", "province"]);
  });
  it("gives only the province role the oversight of counts", () => {
    expect(ROLES.filter((r) => ROLE_ABILITIES[r].oversees)).toEqual(["province"]);
  });
});
