import { z } from "zod";

export const RoleSchema = z.enum(["admin", "police", "social", "school", "hamlet", "viewer"]);
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
}

/** The role table of DESIGN.md, as data, so the server and the apps read one source. */
export const ROLE_ABILITIES: Readonly<Record<Role, RoleAbilities>> = {
  admin: { seesAllRosters: true, edits: true, verifies: false, manages: true },
  police: { seesAllRosters: true, edits: true, verifies: true, manages: false },
  social: { seesAllRosters: true, edits: true, verifies: false, manages: false },
  school: { seesAllRosters: true, edits: true, verifies: false, manages: false },
  hamlet: { seesAllRosters: false, edits: true, verifies: false, manages: false },
  viewer: { seesAllRosters: true, edits: false, verifies: false, manages: false },
};
