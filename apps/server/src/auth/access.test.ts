import { describe, expect, it } from "vitest";
import { ROLES, type Role } from "@roster/schema";
import type { StoredUser } from "../storage/store";
import { canEdit, canSeeRoster } from "./access";

const user = (role: Role, commune = "26734", rosters: string[] = []): StoredUser => ({
  id: `u-${role}`, username: role, displayName: role, role, commune, passwordHash: "x", rosters,
  createdAt: "2026-01-01T00:00:00Z", disabled: false, lastLoginAt: null,
});
const dong = { id: "thon-dong", name: "Thôn Đông", commune: "26734" };
const tay = { id: "thon-tay", name: "Thôn Tây", commune: "26734" };
const other = { id: "xom-3", name: "Xóm 3", commune: "11111" };

describe("roster scope", () => {
  it.each(ROLES)("%s never sees another commune's roster", (role) => {
    expect(canSeeRoster(user(role, "26734", ["xom-3"]), other)).toBe(false);
  });

  it.each(ROLES.filter((r) => r !== "hamlet" && r !== "province"))("%s sees every roster of its commune", (role) => {
    expect(canSeeRoster(user(role), dong)).toBe(true);
    expect(canSeeRoster(user(role), tay)).toBe(true);
  });

  it("limits a hamlet head to the assigned rosters", () => {
    const head = user("hamlet", "26734", ["thon-dong"]);
    expect(canSeeRoster(head, dong)).toBe(true);
    expect(canSeeRoster(head, tay)).toBe(false);
  });

  it("shuts out disabled accounts", () => {
    expect(canSeeRoster({ ...user("police"), disabled: true }, dong)).toBe(false);
  });

  it("never lets a province account reach a roster, even one of a commune of its province", () => {
    const province: StoredUser = { ...user("province", ""), province: "01" };
    expect(canSeeRoster(province, dong)).toBe(false);
    expect(canSeeRoster(province, { id: "x", name: "X", commune: "" })).toBe(false);
  });

  it("makes viewers and province accounts read-only", () => {
    expect(ROLES.filter((r) => !canEdit(user(r)))).toEqual(["viewer", "province"]);
  });
});
