import { z } from "zod";
import { IsoDateSchema, RecordIdSchema } from "./primitives";

// Intake sessions (buổi tiếp nhận): the police take ID-card applications and level-2
// VNeID registrations of children who come with their parent, at the commune police
// office or with a mobile team at a village or a school. A session lives in a roster's
// records document (`sessions`, see @roster/doc), one map key per field below, so two
// people editing different fields of one session offline both keep their edits.
//
// A child is assigned to a session by its `appointment` field holding the session id.
// `appointment` is free text in the child schema (DESIGN.md does not type it, and older
// data and outside clients hold dates or notes there); it is deliberately left as text:
// a value that names no session of the roster is a plain note, shown as it is and
// replaced when the child is assigned.

/** Where a session takes place: the commune police office, a village, a school. */
export const PlaceKindSchema = z.enum(["police", "village", "school"]);
export type PlaceKind = z.infer<typeof PlaceKindSchema>;
export const PLACE_KINDS = PlaceKindSchema.options;

/** A wall-clock time `HH:MM` (24 h, Vietnam time). */
export const ClockTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "HH:MM");
export type ClockTime = z.infer<typeof ClockTimeSchema>;

/** `YYYY-MM-DD` that is a real calendar day (a session needs a day people can come on). */
export const SessionDateSchema = IsoDateSchema.refine((s) => {
  const [y, m, d] = s.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}, "not a calendar date");

/** Most children one session can take: a generous bound that still catches typos. */
export const SESSION_CAPACITY_MAX = 1000;

/** One schema per stored field: reads and writes check each field on its own. */
export const IntakeSessionFieldsSchema = z.object({
  date: SessionDateSchema,
  start: ClockTimeSchema,
  end: ClockTimeSchema,
  placeKind: PlaceKindSchema,
  /** The place in words: "Trụ sở Công an xã", "Nhà văn hóa thôn Đông", "Trường TH Kim Đồng". */
  place: z.string().trim().min(1).max(200),
  capacity: z.number().int().min(1).max(SESSION_CAPACITY_MAX),
  note: z.string().trim().max(1000).nullable(),
  cancelled: z.boolean(),
});
export type IntakeSessionFields = z.infer<typeof IntakeSessionFieldsSchema>;
export type IntakeSessionField = keyof IntakeSessionFields;
export const INTAKE_SESSION_FIELDS = Object.keys(IntakeSessionFieldsSchema.shape) as IntakeSessionField[];

/** Times are zero-padded `HH:MM`, so string order is time order. */
const endsAfterStart = (s: { start: string; end: string }) => s.end > s.start;
const END_AFTER_START = { message: "end must be after start", path: ["end"] };

/** What creating a session needs (note and cancelled are optional). */
export const NewIntakeSessionSchema = IntakeSessionFieldsSchema.extend({
  note: IntakeSessionFieldsSchema.shape.note.optional(),
  cancelled: IntakeSessionFieldsSchema.shape.cancelled.optional(),
}).refine(endsAfterStart, END_AFTER_START);
export type NewIntakeSession = z.input<typeof NewIntakeSessionSchema>;

/** A change to some fields of a session. The writer checks the merged result as a whole. */
export const IntakeSessionPatchSchema = IntakeSessionFieldsSchema.partial();
export type IntakeSessionPatch = z.input<typeof IntakeSessionPatchSchema>;

/** A whole session as written by one person: every field valid and the end after the start. */
export const IntakeSessionValuesSchema = IntakeSessionFieldsSchema.refine(endsAfterStart, END_AFTER_START);

/**
 * A session as read. `end` after `start` is checked on write only: two offline edits (one
 * moves the start, the other the end) can merge into a range that no one wrote, and such
 * a session must still be shown so someone can fix it.
 */
export const IntakeSessionSchema = IntakeSessionFieldsSchema.extend({ id: RecordIdSchema });
export type IntakeSession = z.infer<typeof IntakeSessionSchema>;

/** Whether a child came to its session, who ticked it and when (per child, inside the session). */
export const AttendanceSchema = z.object({
  came: z.boolean(),
  /** Actor id and display name of the person who ticked. */
  by: z.string().max(64),
  byName: z.string().max(200),
  /** ISO time on the ticking device's clock. */
  at: z.string().max(40),
});
export type Attendance = z.infer<typeof AttendanceSchema>;
