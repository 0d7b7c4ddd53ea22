import { randomUUID } from "node:crypto";
import { CommuneSchema, RoleSchema, RosterSchema, UsernameSchema, type Role } from "@roster/schema";
import { assertPasswordAllowed } from "../auth/password-rules";
import { hashPassword } from "../auth/passwords";
import { PROVINCES_2025 } from "../province/provinces-2025";
import { BadRequestError } from "../errors";
import { StoreConflictError } from "../storage/errors";
import type { Store } from "../storage/store";

// Operator actions on communes, rosters and users, validated with the schema: used by the
// CLI and the demo (and any admin API later), never duplicated.

function check<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const reasons = parsed.error.issues.map((i) => `${i.path.join(".") || "value"}: ${i.message}`).join("; ");
    throw new BadRequestError(`Dữ liệu không hợp lệ / Invalid input: ${reasons}`, "invalid_input");
  }
  return parsed.data;
}

export async function addCommune(store: Store, code: string, name: string): Promise<void> {
  await store.addCommune(check(CommuneSchema, { code, name }));
}

export async function addRoster(store: Store, commune: string, id: string, name: string): Promise<void> {
  const roster = check(RosterSchema, { id, name, commune });
  if (!(await store.getCommune(commune))) throw new BadRequestError(`Không có xã ${commune} / No commune ${commune}`, "unknown_commune");
  await store.addRoster(roster);
}

export interface NewUser {
  /** The commune; for a `province` user, `province` instead. */
  commune?: string;
  province?: string;
  username: string;
  password: string;
  role: Role | string;
  rosters?: string[];
  displayName?: string;
}

/** Creates a user with a scrypt-hashed password; returns its id. */
export async function addUser(store: Store, input: NewUser, passwordCost?: { N: number; r: number; p: number }): Promise<string> {
  const username = check(UsernameSchema, input.username);
  const role = check(RoleSchema, input.role);
  assertPasswordAllowed(input.password, username);
  const home = await homeOf(store, role, input);
  // Checked before hashing (which takes a while) for a quick, clear answer; the store's
  // unique index still decides under a race.
  if (await store.getUserByUsername(username)) throw new StoreConflictError("username", username);
  const id = randomUUID();
  await store.addUser({
    id,
    username,
    displayName: input.displayName?.trim() || username,
    role,
    ...home,
    passwordHash: await hashPassword(input.password, passwordCost),
    rosters: role === "province" ? [] : (input.rosters ?? []),
    createdAt: new Date().toISOString(),
    disabled: false,
  });
  return id;
}

/** Where a new user belongs: a commune of the store, or for a `province` user a province of the 2025 list. */
async function homeOf(store: Store, role: Role, input: NewUser): Promise<{ commune: string; province?: string }> {
  if (role === "province") {
    if (!input.province || !PROVINCES_2025[input.province] || input.commune) {
      throw new BadRequestError(`Tài khoản tỉnh cần --province là mã tỉnh hợp lệ (không kèm --commune) / A province account needs --province with a valid province code (and no --commune): ${input.province ?? "(none)"}`, "unknown_province");
    }
    return { commune: "", province: input.province };
  }
  if (input.province || !input.commune) {
    throw new BadRequestError("Chỉ tài khoản vai trò province dùng --province; các vai trò khác cần --commune / Only the province role takes --province; other roles need --commune", "invalid_input");
  }
  if (!(await store.getCommune(input.commune))) throw new BadRequestError(`Không có xã ${input.commune} / No commune ${input.commune}`, "unknown_commune");
  return { commune: input.commune };
}
