import { z } from "zod";
import { CommuneCodeSchema, RosterIdSchema } from "./primitives";
import { RoleSchema } from "./roles";

export const CommuneSchema = z.object({
  code: CommuneCodeSchema,
  name: z.string().min(1).max(200),
});
export type Commune = z.infer<typeof CommuneSchema>;

/** One village roster (thôn / xóm / bản / ấp / tổ dân phố) of one commune. */
export const RosterSchema = z.object({
  id: RosterIdSchema,
  name: z.string().min(1).max(200),
  commune: CommuneCodeSchema,
});
export type Roster = z.infer<typeof RosterSchema>;

export const UsernameSchema = z.string().regex(/^[a-zA-Z0-9._-]{2,64}$/, "[a-zA-Z0-9._-]{2,64}");

/** A user as the API shows it (never with a password hash). */
export const UserSchema = z.object({
  id: z.string().min(1),
  username: UsernameSchema,
  role: RoleSchema,
  commune: CommuneCodeSchema,
  /** Display name used in verification stamps and the audit. */
  displayName: z.string().optional(),
  /** Rosters assigned to a `hamlet` user; ignored for the other roles. */
  rosters: z.array(RosterIdSchema).optional(),
});
export type User = z.infer<typeof UserSchema>;
