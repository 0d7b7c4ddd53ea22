import type { Role } from "@roster/schema";
import { addCommune, addUser } from "../accounts/accounts";
import type { Store } from "../storage/store";
import { seedRosters } from "./seed-rosters";

/** The demo commune (a real commune code of the 2025 list; the children are synthetic). */
export const DEMO_COMMUNE = { code: "17506", name: "Xã Yên Thành (Nghệ An) — dữ liệu mẫu" };
/** Demo accounts share one password: synthetic data only, never a real deployment. */
export const DEMO_PASSWORD = "demo-2026-roster";
const DEMO_USERS: { username: string; role: Role; displayName: string }[] = [
  { username: "quantri", role: "admin", displayName: "Quản trị xã" },
  { username: "congan", role: "police", displayName: "Công an xã — Đại úy Lê Văn Hùng" },
  { username: "vanhoa", role: "social", displayName: "Công chức Văn hóa - Xã hội" },
  { username: "truonghoc", role: "school", displayName: "Trường Tiểu học Yên Thành" },
  { username: "truongthon", role: "hamlet", displayName: "Trưởng thôn" },
  { username: "lanhdao", role: "viewer", displayName: "Lãnh đạo xã" },
];

/**
 * Seeds the demo commune once (villages with a few hundred synthetic children and one
 * account per role) and returns the lines to print. Running it again changes nothing.
 */
export async function ensureDemo(store: Store): Promise<string[]> {
  if (!(await store.getCommune(DEMO_COMMUNE.code))) {
    await addCommune(store, DEMO_COMMUNE.code, DEMO_COMMUNE.name);
    const rosters = await seedRosters(store, { commune: DEMO_COMMUNE.code, villages: 4, children: 90, seed: 2026, idPrefix: "yen-thanh" });
    for (const user of DEMO_USERS) {
      await addUser(store, {
        commune: DEMO_COMMUNE.code,
        username: user.username,
        password: DEMO_PASSWORD,
        role: user.role,
        displayName: user.displayName,
        rosters: user.role === "hamlet" ? [rosters[0]!.id] : [],
      });
    }
  }
  const rosters = await store.listRosters(DEMO_COMMUNE.code);
  return [
    `Xã mẫu / Demo commune: ${DEMO_COMMUNE.name} (${DEMO_COMMUNE.code}), ${rosters.length} thôn / villages`,
    `Tài khoản mẫu / Demo accounts (mật khẩu / password: ${DEMO_PASSWORD}):`,
    ...DEMO_USERS.map((u) => `  ${u.username.padEnd(11)} ${u.role.padEnd(7)} ${u.displayName}`),
  ];
}
