import { ROLE_ABILITIES, type Roster } from "@roster/schema";
import { ForbiddenError } from "../errors";
import type { StoredUser } from "../storage/store";

/**
 * The role and commune scope of DESIGN.md in one place. Every REST route and every
 * sync connection asks these; nothing else decides who may see what.
 */
export function canSeeRoster(user: StoredUser, roster: Roster): boolean {
  // A province account sees counts only: never a roster, a record or a sync document.
  if (user.disabled || ROLE_ABILITIES[user.role].oversees || user.commune !== roster.commune) return false;
  return ROLE_ABILITIES[user.role].seesAllRosters || user.rosters.includes(roster.id);
}

export function assertCanSeeRoster(user: StoredUser, roster: Roster): void {
  if (!canSeeRoster(user, roster)) {
    throw new ForbiddenError("Bạn không được xem danh sách này / You may not see this roster", "roster_forbidden");
  }
}

export function canEdit(user: StoredUser): boolean {
  return ROLE_ABILITIES[user.role].edits;
}

/** An archived roster is read-only for everyone: kept whole, changed by no one. */
export function assertRosterWritable(roster: Roster): void {
  if (roster.archived) throw new ForbiddenError("Danh sách đã lưu trữ, chỉ được xem / This roster is archived and read-only", "archived");
}

export function assertCanEdit(user: StoredUser, roster: Roster): void {
  if (!canEdit(user)) throw new ForbiddenError("Tài khoản chỉ được xem / This account is read-only", "read_only");
  assertRosterWritable(roster);
}

export function assertCanVerify(user: StoredUser, roster: Roster): void {
  if (!ROLE_ABILITIES[user.role].verifies) {
    throw new ForbiddenError("Chỉ công an xã được xác minh / Only commune police may verify", "not_police");
  }
  assertRosterWritable(roster);
}

export function assertCanManage(user: StoredUser): void {
  if (!ROLE_ABILITIES[user.role].manages) {
    throw new ForbiddenError("Chỉ quản trị xã được quản lý tài khoản / Only the commune admin may manage accounts", "not_admin");
  }
}
