import { z } from "zod";

export const RoleSchema = z.enum(["admin", "police", "social", "school", "hamlet", "viewer", "province"]);
export type Role = z.infer<typeof RoleSchema>;
export const ROLES = RoleSchema.options;

export interface RoleAbilities {
  /** Sees every roster of its commune (otherwise only the rosters assigned to it). */
  readonly seesAllRosters: boolean;
  /** May change records (read-write sync connection, imports). */
  readonly edits: boolean;
  /** May verify records against the national population database. */
  readonly verifies: boolean;
  /** May manage users and rosters of its own commune. */
  readonly manages: boolean;
  /** Sees the counts of every commune of its province, and never a record nor a roster. */
  readonly oversees: boolean;
}

/** The role table of DESIGN.md, as data, so the server and the apps read one source. */
export const ROLE_ABILITIES: Readonly<Record<Role, RoleAbilities>> = {
  admin: { seesAllRosters: true, edits: true, verifies: false, manages: true, oversees: false },
  police: { seesAllRosters: true, edits: true, verifies: true, manages: false, oversees: false },
  social: { seesAllRosters: true, edits: true, verifies: false, manages: false, oversees: false },
  school: { seesAllRosters: true, edits: true, verifies: false, manages: false, oversees: false },
  hamlet: { seesAllRosters: false, edits: true, verifies: false, manages: false, oversees: false },
  viewer: { seesAllRosters: true, edits: false, verifies: false, manages: false, oversees: false },
  province: { seesAllRosters: false, edits: false, verifies: false, manages: false, oversees: true },
};
