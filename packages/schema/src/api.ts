import { z } from "zod";
import { ChildSchema } from "./child";
import { CommuneCodeSchema, RecordIdSchema } from "./primitives";
import { FindingRefSchema, FingerprintSchema, StatusSchema } from "./review";
import { UserSchema, UsernameSchema } from "./accounts";

// Payloads of the HTTP API in DESIGN.md. The server validates requests with these;
// the apps parse responses with them.

export const LoginRequestSchema = z.object({
  username: UsernameSchema,
  password: z.string().min(1).max(1024),
});
export type LoginRequest = z.infer<typeof LoginRequestSchema>;

/** The user a login answers with (a subset of `UserSchema`). */
export const SessionUserSchema = UserSchema.pick({ id: true, username: true, role: true, commune: true, province: true }).extend({
  displayName: z.string().optional(),
});
export type SessionUser = z.infer<typeof SessionUserSchema>;

export const LoginResponseSchema = z.object({
  token: z.string(),
  user: SessionUserSchema,
  /** ISO timestamp after which the token is refused. */
  expiresAt: z.string().optional(),
});
export type LoginResponse = z.infer<typeof LoginResponseSchema>;

export const RosterListItemSchema = z.object({
  id: z.string(),
  name: z.string(),
  commune: CommuneCodeSchema,
  /** Only in the admin's list (`?archived=include`): field lists never show an archived roster. */
  archived: z.boolean().optional(),
});
export type RosterListItem = z.infer<typeof RosterListItemSchema>;

export const ChildrenQuerySchema = z.object({
  status: StatusSchema.optional(),
});
export type ChildrenQuery = z.infer<typeof ChildrenQuerySchema>;

/** One child as `GET /api/rosters/:id/children` returns it, evaluated by the server. */
export const ChildViewSchema = ChildSchema.extend({
  status: StatusSchema,
  findings: z.array(FindingRefSchema),
  fingerprint: FingerprintSchema.optional(),
});
export type ChildView = z.infer<typeof ChildViewSchema>;

export const VerifyRequestSchema = z.object({
  fingerprint: FingerprintSchema,
});
export type VerifyRequest = z.infer<typeof VerifyRequestSchema>;

/** The lists of the cleaning procedure: `problems` (step 1), `handover` (step 3), `cleaned` (step 4). */
export const ExportListSchema = z.enum(["cleaned", "problems", "handover"]);
export type ExportList = z.infer<typeof ExportListSchema>;

/** File formats of a list; `html` is the printable handover list only. */
export const ExportFormatSchema = z.enum(["xlsx", "csv", "html"]);
export type ExportFormat = z.infer<typeof ExportFormatSchema>;

/**
 * `GET /api/rosters/:id/export?format=…[&status=…][&list=…]` (and the CLI's `export`).
 * `list` defaults to `handover` for `html` and to `cleaned` otherwise; `status` keeps only
 * children with that server status.
 */
export const ExportQuerySchema = z
  .object({
    format: ExportFormatSchema.default("xlsx"),
    status: StatusSchema.optional(),
    list: ExportListSchema.optional(),
  })
  .transform(({ list, ...query }) => ({ ...query, list: list ?? (query.format === "html" ? "handover" : "cleaned") }))
  .refine((query) => query.format !== "html" || query.list === "handover", {
    path: ["list"],
    message: "Chỉ danh sách bàn giao có bản in HTML / Only the handover list has a printable HTML form",
  });
export type ExportQuery = z.infer<typeof ExportQuerySchema>;

export const ImportResultSchema = z.object({
  added: z.number().int().nonnegative(),
  updated: z.number().int().nonnegative(),
  rejected: z.array(z.object({ row: z.number().int(), reason: z.string() })),
});
export type ImportResult = z.infer<typeof ImportResultSchema>;

export const AuditQuerySchema = z.object({
  childId: RecordIdSchema.optional(),
});
export type AuditQuery = z.infer<typeof AuditQuerySchema>;

/** One accepted change of one field, as the audit log keeps it. */
export const AuditEntrySchema = z.object({
  at: z.string(),
  /** Username of whoever made the change (as the server authenticated the connection). */
  user: z.string(),
  childId: z.string(),
  field: z.string(),
  from: z.union([z.string(), z.boolean(), z.null()]),
  to: z.union([z.string(), z.boolean(), z.null()]),
  /** `child` or `guardian`: guardians' changes are logged with the guardian id as childId. */
  kind: z.enum(["child", "guardian"]).optional(),
  /** Where the change came from, e.g. an imported file's name. */
  source: z.string().optional(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

const counts = z.record(z.string(), z.number().int().nonnegative());

/** `GET /api/rosters/:id/report`: counts by status and by campaign field. */
export const RosterReportSchema = z.object({
  rosterId: z.string(),
  asOf: z.string(),
  total: z.number().int().nonnegative(),
  /** Children aged 6 to under 14 at `asOf` (the campaign range). */
  inCampaignAge: z.number().int().nonnegative(),
  byStatus: z.object({
    clean: z.number().int().nonnegative(),
    "needs-fix": z.number().int().nonnegative(),
    verified: z.number().int().nonnegative(),
  }),
  /** e.g. `{idCard: {none: 3, applied: 2, issued: 9}, vneid: {...}, healthBook: {true: 5, false: 9}}` */
  byField: z.record(z.string(), counts),
  /** How many children carry each finding code. */
  byFinding: counts,
});
export type RosterReport = z.infer<typeof RosterReportSchema>;

export const ErrorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

/** Where a change came from, as the history shows it. */
export const HistorySourceSchema = z.union([
  z.literal("sync"),
  z.literal("verify"),
  z.literal("server-repair"),
  z.string().regex(/^(import|reconcile):.+/),
]);
export type HistorySource = z.infer<typeof HistorySourceSchema>;

/**
 * One change of a child's field or of one of its guardians' fields
 * (`GET /api/rosters/:id/children/:childId/history`, newest first). A guardian's field is
 * named by its link, e.g. `mother.phone`.
 */
export const HistoryEntrySchema = z.object({
  at: z.string(),
  /** Username of who made the change. */
  user: z.string(),
  /** Their display name (the username when the account is gone or is the CLI). */
  userName: z.string(),
  field: z.string(),
  from: z.union([z.string(), z.boolean(), z.null()]),
  to: z.union([z.string(), z.boolean(), z.null()]),
  source: HistorySourceSchema,
  /** Set for a guardian's field: which guardian record. */
  guardianId: z.string().optional(),
});
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;
