import { z } from "zod";
import { LocalizedTextSchema, RecordIdSchema } from "./primitives";

// Reconciliation of a roster with an extract of the national population database
// (DESIGN.md "HTTP API", police only). The server answers the preview with these shapes
// and reads the decisions with them; the app parses both with the same schemas.

/** The identity fields compared with the extract: the child's, and its parents' name and ID. */
export const ReconcileFieldSchema = z.enum([
  "fullName",
  "dob",
  "gender",
  "ethnicity",
  "pid",
  "father.fullName",
  "father.pid",
  "mother.fullName",
  "mother.pid",
]);
export type ReconcileField = z.infer<typeof ReconcileFieldSchema>;

export const ReconcileDifferenceSchema = z.object({
  field: ReconcileFieldSchema,
  /** The roster's value (normalised as police compare it), null when empty. */
  roster: z.string().nullable(),
  national: z.string().nullable(),
  /** Who last changed the roster's value, when the server knows it. */
  changedBy: z.string().optional(),
});
export type ReconcileDifference = z.infer<typeof ReconcileDifferenceSchema>;

export const ReconcileMatchSchema = z.object({
  row: z.number().int().positive(),
  childId: RecordIdSchema,
  by: z.enum(["pid", "name-dob"]),
  differences: z.array(ReconcileDifferenceSchema),
  /** Level-2 VNeID status the extract gives, when it has that column. */
  vneid: z.enum(["none", "level1", "level2"]).nullable(),
});
export type ReconcileMatch = z.infer<typeof ReconcileMatchSchema>;

/** A row that looks like a roster child but is never matched silently: a person confirms. */
export const ReconcileLikelySchema = z.object({
  row: z.number().int().positive(),
  childId: RecordIdSchema,
  why: z.enum(["dob-day-month-swapped", "name-one-letter", "same-name-dob-several", "same-name-dob-other-pid"]),
  fullName: z.string(),
  dob: z.string().nullable(),
});
export type ReconcileLikely = z.infer<typeof ReconcileLikelySchema>;

export const ReconcileExtractOnlySchema = z.object({
  row: z.number().int().positive(),
  fullName: z.string(),
  dob: z.string().nullable(),
  reason: LocalizedTextSchema,
});
export type ReconcileExtractOnly = z.infer<typeof ReconcileExtractOnlySchema>;

export const ReconcileRowNoteSchema = z.object({
  row: z.number().int().positive(),
  reason: LocalizedTextSchema,
});
export type ReconcileRowNote = z.infer<typeof ReconcileRowNoteSchema>;

export const ReconcilePreviewSchema = z.object({
  matched: z.array(ReconcileMatchSchema),
  likely: z.array(ReconcileLikelySchema),
  /** Children of campaign age the roster lacks. */
  extractOnly: z.array(ReconcileExtractOnlySchema),
  /** Roster children no row of the extract is (nor likely is). */
  rosterOnly: z.array(RecordIdSchema),
  /** Rows not taken: unreadable, or the same person as an earlier row. */
  rejected: z.array(ReconcileRowNoteSchema),
  /** People of the extract outside the campaign (adults, children too young or too old). */
  outOfCampaign: z.array(ReconcileRowNoteSchema),
});
export type ReconcilePreview = z.infer<typeof ReconcilePreviewSchema>;

export const ReconcileDecisionsSchema = z.object({
  verify: z.array(RecordIdSchema).max(20_000).default([]),
  accept: z.array(z.object({ childId: RecordIdSchema, field: ReconcileFieldSchema })).max(200_000).default([]),
  /** Rows of the extract (its row numbers) to add as new children. */
  add: z.array(z.number().int().positive()).max(20_000).default([]),
  /** Likely matches a person confirmed: treated as matched by name and date of birth. */
  confirm: z.array(z.object({ row: z.number().int().positive(), childId: RecordIdSchema })).max(20_000).default([]),
});
export type ReconcileDecisions = z.infer<typeof ReconcileDecisionsSchema>;

export const ReconcileResultSchema = z.object({
  verified: z.number().int().nonnegative(),
  updated: z.number().int().nonnegative(),
  added: z.number().int().nonnegative(),
  refused: z.array(z.object({ childId: z.string(), reason: LocalizedTextSchema })),
});
export type ReconcileResult = z.infer<typeof ReconcileResultSchema>;
