import { describe, expect, it } from "vitest";
import { ROLE_ABILITIES, type RosterListItem } from "@roster/schema";
import { rosterScope } from "./roster-scope";

const mine: RosterListItem[] = [{ id: "thon-dong", name: "Thôn Đông", commune: "26734" }];

describe("rosterScope", () => {
  it("lets an editor change an assigned roster, online or not", () => {
    for (const status of ["online", "offline", "connecting"] as const) {
      expect(rosterScope({ abilities: ROLE_ABILITIES.hamlet, rosterId: "thon-dong", rosters: mine, status })).toEqual({ edits: true });
    }
  });

  it("refuses a roster the person is not assigned, offline too, with the reason", () => {
    expect(rosterScope({ abilities: ROLE_ABILITIES.hamlet, rosterId: "thon-tay", rosters: mine, status: "offline" })).toEqual({
      edits: false,
      reason: "scope.notAssigned",
    });
  });

  it("follows the server's refusal even when the device's list is out of date", () => {
    expect(rosterScope({ abilities: ROLE_ABILITIES.hamlet, rosterId: "thon-dong", rosters: mine, status: "forbidden" })).toEqual({
      edits: false,
      reason: "scope.refused",
    });
  });

  it("never lets a read-only role edit", () => {
    expect(rosterScope({ abilities: ROLE_ABILITIES.viewer, rosterId: "thon-dong", rosters: mine, status: "online" }).edits).toBe(false);
  });
});
