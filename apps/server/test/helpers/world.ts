import type { Role } from "@roster/schema";
import { addCommune, addRoster, addUser } from "../../src/accounts/accounts";
import { TEST_PASSWORD_COST } from "../../src/auth/passwords";
import type { Store } from "../../src/storage/store";
import { login } from "./http";

/**
 * Two communes, as a deployment serving several would have them: Phường Ngọc Hà (A) with
 * two village rosters and one account per role, and Xã Tân Phú (B) with one roster and
 * two accounts. The `hamlet` account of A is assigned to `ngoc-ha-to-5` only.
 */
export const COMMUNE_A = { code: "00097", name: "Phường Ngọc Hà" } as const;
export const COMMUNE_B = { code: "26734", name: "Xã Tân Phú" } as const;

export const ROSTERS = {
  /** Assigned to A's hamlet head. */
  a5: { id: "ngoc-ha-to-5", name: "Tổ dân phố số 5", commune: COMMUNE_A.code },
  /** Not assigned to A's hamlet head. */
  a7: { id: "ngoc-ha-to-7", name: "Tổ dân phố số 7", commune: COMMUNE_A.code },
  b2: { id: "tan-phu-ap-2", name: "Ấp Phú Hòa 2", commune: COMMUNE_B.code },
} as const;

export const PASSWORD = "mat-khau-thu-nghiem-2026";

export const USERS = {
  admin: { username: "a.admin", role: "admin", commune: COMMUNE_A.code, displayName: "Lê Thị Thu (quản trị)" },
  police: { username: "a.police", role: "police", commune: COMMUNE_A.code, displayName: "Đại úy Phạm Văn Đức" },
  social: { username: "a.social", role: "social", commune: COMMUNE_A.code, displayName: "Hoàng Thị Lan" },
  school: { username: "a.school", role: "school", commune: COMMUNE_A.code, displayName: "Cô Vũ Thị Hạnh" },
  hamlet: { username: "a.hamlet", role: "hamlet", commune: COMMUNE_A.code, displayName: "Ông Đỗ Văn Bình", rosters: [ROSTERS.a5.id] },
  viewer: { username: "a.viewer", role: "viewer", commune: COMMUNE_A.code, displayName: "Chủ tịch UBND phường" },
  bPolice: { username: "b.police", role: "police", commune: COMMUNE_B.code, displayName: "Thiếu tá Trịnh Văn Sơn" },
  bSchool: { username: "b.school", role: "school", commune: COMMUNE_B.code, displayName: "Thầy Lý Văn Tài" },
} as const satisfies Record<string, { username: string; role: Role; commune: string; displayName: string; rosters?: readonly string[] }>;

export type UserKey = keyof typeof USERS;

/** Each account's id and a valid token, from a real `POST /api/login`. */
export type Sessions = Record<UserKey, { id: string; token: string }>;

/** Creates the communes, rosters and accounts in `store`; returns each account's id. */
export async function createAccounts(store: Store): Promise<Record<UserKey, string>> {
  for (const commune of [COMMUNE_A, COMMUNE_B]) await addCommune(store, commune.code, commune.name);
  for (const roster of Object.values(ROSTERS)) await addRoster(store, roster.commune, roster.id, roster.name);
  const ids = await Promise.all(
    (Object.keys(USERS) as UserKey[]).map(async (key) => {
      const user = USERS[key];
      const rosters = "rosters" in user ? [...user.rosters] : [];
      return [key, await addUser(store, { ...user, rosters, password: PASSWORD }, TEST_PASSWORD_COST)] as const;
    }),
  );
  return Object.fromEntries(ids) as Record<UserKey, string>;
}

/** Logs the given accounts in over HTTP (`POST /api/login`). */
export async function loginAll(baseUrl: string, keys: readonly UserKey[] = Object.keys(USERS) as UserKey[]): Promise<Partial<Sessions>> {
  const entries = await Promise.all(
    keys.map(async (key) => {
      const answer = await login(baseUrl, USERS[key].username, PASSWORD);
      return [key, { id: answer.user.id, token: answer.token }] as const;
    }),
  );
  return Object.fromEntries(entries);
}

/** Creates the communes, rosters and accounts in `store` and logs every account in over HTTP. */
export async function createWorld(store: Store, baseUrl: string): Promise<Sessions> {
  await createAccounts(store);
  return (await loginAll(baseUrl)) as Sessions;
}
