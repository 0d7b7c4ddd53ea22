import type { Role } from "@roster/schema";
import { addCommune, addRoster, addUser } from "../../src/accounts/accounts";
import { TEST_PASSWORD_COST } from "../../src/auth/passwords";
import { openStore } from "../../src/storage/open-store";
import type { Store } from "../../src/storage/store";
import { syncDocName } from "../../src/sync";
import { seededRoster } from "../roster-doc";

export const BENCH_COMMUNE = "bench-xa";
export const BENCH_PASSWORD = "mat-khau-bench";
export const OBSERVER_USERNAME = "bench-observer";

/** One seeded roster: its records-document update and the ids of its children in it. */
export interface RosterFixture {
  id: string;
  name: string;
  update: Uint8Array;
  childIds: string[];
}

/** One editing account: which roster it edits and with which role. */
export interface EditorAccount {
  username: string;
  role: Role;
  rosterIndex: number;
  /** Its position among the roster's editors: it edits children `slot`, `slot + n`, … */
  slot: number;
}

/** Synthetic village rosters (the same seeds give the same records), as records-doc updates. */
export function makeRosters(count: number, children: number): RosterFixture[] {
  return Array.from({ length: count }, (_, index) => ({
    id: `bench-thon-${index + 1}`,
    name: `Thôn ${index + 1}`,
    ...seededRoster(1000 + index, children),
  }));
}

/**
 * Editors for every roster: the hamlet head (assigned to the roster) and, for a second
 * editor, school staff, then the other commune roles, as agencies share a roster.
 */
export function makeEditors(rosters: number, perRoster: number): EditorAccount[] {
  const roles: Role[] = ["hamlet", "school", "social", "police", "admin"];
  const editors: EditorAccount[] = [];
  for (let slot = 0; slot < perRoster; slot++) {
    for (let rosterIndex = 0; rosterIndex < rosters; rosterIndex++) {
      editors.push({ username: `bench-ed-${rosterIndex + 1}-${slot + 1}`, role: roles[slot % roles.length] as Role, rosterIndex, slot });
    }
  }
  return editors;
}

/**
 * Writes the commune, the rosters (each records document as one stored update, as
 * `roster seed` does) and the accounts into a fresh DATA_DIR, then closes the store.
 */
export async function seedDataDir(dataDir: string, rosters: readonly RosterFixture[], editors: readonly EditorAccount[]): Promise<void> {
  const store = await openStore({ DATA_DIR: dataDir });
  try {
    await seedStore(store, rosters, editors);
  } finally {
    await store.close();
  }
}

/** The same into any store (the scaled benchmarks seed PostgreSQL through it). */
export async function seedStore(store: Store, rosters: readonly RosterFixture[], editors: readonly EditorAccount[]): Promise<void> {
  await addCommune(store, BENCH_COMMUNE, "Xã Thử Tải");
  for (const roster of rosters) {
    await addRoster(store, BENCH_COMMUNE, roster.id, roster.name);
    await store.appendUpdate(syncDocName("records", roster.id), roster.update);
  }
  await Promise.all(
    editors.map((editor) => {
      const roster = rosters[editor.rosterIndex] as RosterFixture;
      const rosterIds = editor.role === "hamlet" ? [roster.id] : [];
      const user = { commune: BENCH_COMMUNE, username: editor.username, password: BENCH_PASSWORD, role: editor.role, rosters: rosterIds };
      return addUser(store, user, TEST_PASSWORD_COST);
    }),
  );
  await addUser(store, { commune: BENCH_COMMUNE, username: OBSERVER_USERNAME, password: BENCH_PASSWORD, role: "viewer" }, TEST_PASSWORD_COST);
}
