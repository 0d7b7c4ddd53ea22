import { z } from "zod";
import { IsoDateSchema, LocalizedTextSchema, RecordIdSchema, RosterIdSchema } from "./primitives";

// Campaign progress (DOMAIN.md: the level-2 ID campaign for children 6 to under 14, the
// health-book campaign with its daily reports and the ≥10 %-per-week target, residence
// registration). The server computes these from its own evaluation; the apps draw them.

const count = z.number().int().nonnegative();

/**
 * What a commune reports, counted over the children of a roster (or a commune) that are
 * not removed. The three statuses split every child; the campaign figures count only the
 * children in the campaign age range, so a percentage is always `x / inCampaignAge`.
 */
export const CampaignCountsSchema = z.object({
  /** Children not removed. `clean + needsFix + verified = children`. */
  children: count,
  /** Aged 6 to under 14 at `asOf` (DEFAULT_CAMPAIGN): the denominator of the campaign figures. */
  inCampaignAge: count,
  /** In campaign age, with a 12-digit personal ID number that passes every `checkPid` rule. */
  validPid: count,
  /** Status `clean` as the server marks it: no error finding, not (or no longer) verified. */
  clean: count,
  /** Status `needs-fix`: at least one error finding (step 1 of the cleaning procedure). */
  needsFix: count,
  /** Status `verified`: the police checked the current data (step 3). */
  verified: count,
  /** In campaign age, ID card applied for or already issued (`idCard` is `applied` or `issued`). */
  idCardApplied: count,
  /** In campaign age, ID card issued (`idCard` is `issued`). */
  idCardIssued: count,
  /** In campaign age, the child's own VNeID account is level 2 (`vneid` is `level2`). */
  vneidLevel2: count,
  /** In campaign age, electronic health book activated in VNeID (`healthBook` is true). */
  healthBook: count,
  /** In campaign age, residence registered (`residenceType` is `permanent` or `temporary`). */
  residenceRegistered: count,
});
export type CampaignCounts = z.infer<typeof CampaignCountsSchema>;

/** The keys of {@link CampaignCounts}, in display order. */
export const CAMPAIGN_COUNT_KEYS = [
  "children",
  "inCampaignAge",
  "validPid",
  "clean",
  "needsFix",
  "verified",
  "idCardApplied",
  "idCardIssued",
  "vneidLevel2",
  "healthBook",
  "residenceRegistered",
] as const satisfies readonly (keyof CampaignCounts)[];

/** The campaign figures (percent of `inCampaignAge`) a chart draws against the weekly target. */
export const CAMPAIGN_PERCENT_KEYS = [
  "validPid",
  "idCardApplied",
  "idCardIssued",
  "vneidLevel2",
  "healthBook",
  "residenceRegistered",
] as const satisfies readonly (keyof CampaignCounts)[];

/** One day of the series the server keeps: the figures as they stood at the end of that day
 * (today: as they stand now). Past days never change. */
export const DailyProgressPointSchema = z.object({
  date: IsoDateSchema,
  total: CampaignCountsSchema,
});
export type DailyProgressPoint = z.infer<typeof DailyProgressPointSchema>;

export const RosterProgressSchema = z.object({
  rosterId: RosterIdSchema,
  name: z.string(),
  counts: CampaignCountsSchema,
});
export type RosterProgress = z.infer<typeof RosterProgressSchema>;

/**
 * `GET /api/progress` (the user's commune; a hamlet head: its assigned rosters) and
 * `GET /api/rosters/:id/progress` (one roster: `rosters` has one item).
 */
export const ProgressReportSchema = z.object({
  /** The commune's code. */
  commune: z.string(),
  /** The commune's name, e.g. "Phường Ngọc Hà". */
  communeName: z.string().optional(),
  /** Today in Vietnam (`YYYY-MM-DD`), the day ages and findings are computed on. */
  asOf: IsoDateSchema,
  /** Percentage points more per week each campaign figure should gain (DOMAIN.md: ≥10 %). */
  weeklyTargetPercent: z.number().nonnegative(),
  total: CampaignCountsSchema,
  rosters: z.array(RosterProgressSchema),
  /** Oldest first, at most one point per day; the last one is today. Days on which the
   * server kept no figures (it was not running) are absent. */
  daily: z.array(DailyProgressPointSchema),
});
export type ProgressReport = z.infer<typeof ProgressReportSchema>;

/** What a child in campaign age still lacks, as the follow-up list names it. */
export const FollowUpGapSchema = z.enum(["pid", "vneidLevel2", "idCard", "healthBook", "residence"]);
export type FollowUpGap = z.infer<typeof FollowUpGapSchema>;

/** One child of `GET /api/rosters/:id/follow-up?format=json`. */
export const FollowUpEntrySchema = z.object({
  childId: RecordIdSchema,
  fullName: z.string(),
  dob: z.string().optional(),
  village: z.string(),
  missing: z.array(z.object({ gap: FollowUpGapSchema, text: LocalizedTextSchema })),
  representative: z
    .object({
      /** `father`, `mother` or `guardian`: whose name and phone these are. */
      role: z.enum(["father", "mother", "guardian"]),
      fullName: z.string().optional(),
      phone: z.string().optional(),
    })
    .nullable(),
});
export type FollowUpEntry = z.infer<typeof FollowUpEntrySchema>;

export const FollowUpListSchema = z.object({
  rosterId: RosterIdSchema,
  asOf: IsoDateSchema,
  /** By village, then name (class-list order). */
  children: z.array(FollowUpEntrySchema),
});
export type FollowUpList = z.infer<typeof FollowUpListSchema>;

/** One commune as the province sees it: exactly the commune's own report, and how it keeps pace. */
export const CommuneProgressSchema = ProgressReportSchema.extend({
  /** Percentage points of the health-book figure gained over the last 7 kept days; null before a week is kept. */
  weekGainPercent: z.number().nullable(),
  /** True when the commune gained less than the weekly target (and is not done). */
  behindTarget: z.boolean(),
});
export type CommuneProgress = z.infer<typeof CommuneProgressSchema>;

/**
 * `GET /api/province/progress` (`province` role): counts only, never personal data. Each
 * commune of the province the server serves, behind-target communes first; `total` and
 * `daily` add the communes up.
 */
export const ProvinceProgressSchema = z.object({
  province: z.string(),
  provinceName: z.string(),
  asOf: IsoDateSchema,
  weeklyTargetPercent: z.number().nonnegative(),
  total: CampaignCountsSchema,
  daily: z.array(DailyProgressPointSchema),
  communes: z.array(CommuneProgressSchema),
});
export type ProvinceProgress = z.infer<typeof ProvinceProgressSchema>;
