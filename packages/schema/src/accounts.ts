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
  /** Read-only for everyone and hidden from field lists; nothing in it is deleted. Absent = active. */
  archived: z.boolean().optional(),
});
export type Roster = z.infer<typeof RosterSchema>;

/** A province code of the 2025 administrative list (`01` Hà Nội, …). */
export const ProvinceCodeSchema = z.string().regex(/^\d{2}$/, "2 digits");

export const UsernameSchema = z.string().regex(/^[a-zA-Z0-9._-]{2,64}$/, "[a-zA-Z0-9._-]{2,64}");

export const DisplayNameSchema = z.string().trim().min(1).max(120);

/**
 * A user as `GET /api/users` shows it. The server's stored user is this plus the password
 * hash, which never leaves the server.
 */
export const UserSchema = z.object({
  id: z.string().min(1),
  username: UsernameSchema,
  /** Display name used in verification stamps, the audit and the history. */
  displayName: z.string(),
  role: RoleSchema,
  /** The user's commune; empty for a `province` user, who belongs to a province instead. */
  commune: z.union([CommuneCodeSchema, z.literal("")]),
  /** The province (2-digit code of the 2025 list) of a `province` user only. */
  province: ProvinceCodeSchema.optional(),
  /** Rosters assigned to a `hamlet` user; ignored for the other roles. */
  rosters: z.array(RosterIdSchema),
  disabled: z.boolean(),
  createdAt: z.string(),
  lastLoginAt: z.string().nullable(),
});
export type User = z.infer<typeof UserSchema>;

/** `GET /api/me`: the session's user, as the app needs it. */
export const MeSchema = UserSchema.pick({ id: true, username: true, displayName: true, role: true, commune: true, province: true, rosters: true });
export type Me = z.infer<typeof MeSchema>;

/** A password a person chooses: the server also refuses the username and common passwords. */
export const NewPasswordSchema = z.string().min(10).max(1024);

/** An admin creates accounts of its own commune: never a `province` account (the operator CLI does). */
const CommuneRoleSchema = RoleSchema.exclude(["province"]);

export const CreateUserRequestSchema = z.object({
  username: UsernameSchema,
  displayName: DisplayNameSchema,
  role: CommuneRoleSchema,
  rosters: z.array(RosterIdSchema).max(500).optional(),
});
export type CreateUserRequest = z.infer<typeof CreateUserRequestSchema>;

export const PatchUserRequestSchema = z
  .object({
    displayName: DisplayNameSchema.optional(),
    role: CommuneRoleSchema.optional(),
    rosters: z.array(RosterIdSchema).max(500).optional(),
    disabled: z.boolean().optional(),
  })
  .strict();
export type PatchUserRequest = z.infer<typeof PatchUserRequestSchema>;

/** A one-time code an admin hands over (as text or QR): 24 h, single use. */
export const PasswordCodeSchema = z.string().regex(/^[A-Z0-9]{4}(-[A-Z0-9]{4}){3}$/, "XXXX-XXXX-XXXX-XXXX");

export const IssuedCodeSchema = z.object({ code: PasswordCodeSchema, expiresAt: z.string() });
export type IssuedCode = z.infer<typeof IssuedCodeSchema>;

export const CreateUserResponseSchema = z.object({ user: UserSchema, code: PasswordCodeSchema, expiresAt: z.string() });
export type CreateUserResponse = z.infer<typeof CreateUserResponseSchema>;

export const RedeemCodeRequestSchema = z.object({ code: z.string().trim().toUpperCase().pipe(PasswordCodeSchema), password: z.string().max(1024) });
export type RedeemCodeRequest = z.infer<typeof RedeemCodeRequestSchema>;

export const ChangePasswordRequestSchema = z.object({ current: z.string().max(1024), next: z.string().max(1024) });
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequestSchema>;

export const CreateRosterRequestSchema = RosterSchema.pick({ id: true, name: true });
export type CreateRosterRequest = z.infer<typeof CreateRosterRequestSchema>;

export const PatchRosterRequestSchema = z
  .object({ name: z.string().trim().min(1).max(200).optional(), archived: z.boolean().optional() })
  .strict();
export type PatchRosterRequest = z.infer<typeof PatchRosterRequestSchema>;

/** One of my sessions (`GET /api/me/sessions`): where and when, never the token. */
export const SessionInfoSchema = z.object({
  id: z.string(),
  device: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string(),
  expiresAt: z.string(),
  current: z.boolean(),
});
export type SessionInfo = z.infer<typeof SessionInfoSchema>;

export const SECURITY_ACTIONS = [
  "user.create",
  "user.rename",
  "user.role",
  "user.rosters",
  "user.disable",
  "user.enable",
  "user.reset",
  "password.set",
  "password.change",
  "login.lockout",
  "roster.create",
  "roster.rename",
  "roster.archive",
  "roster.unarchive",
] as const;
export const SecurityActionSchema = z.enum(SECURITY_ACTIONS);
export type SecurityAction = z.infer<typeof SecurityActionSchema>;

/** One account action (`GET /api/security-log`): who did what to whom, when. */
export const SecurityEventSchema = z.object({
  at: z.string(),
  /** Username of who acted; null when nobody was signed in (a failed login, a code redeemed). */
  actor: z.string().nullable(),
  /** Username (or roster id for roster actions) it was done to. */
  target: z.string().nullable(),
  action: SecurityActionSchema,
  /** What changed, in words a person reads (e.g. `school → social`); never a password or token. */
  detail: z.string(),
});
export type SecurityEvent = z.infer<typeof SecurityEventSchema>;
