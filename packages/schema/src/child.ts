import { z } from "zod";
import { RecordIdSchema } from "./primitives";

export const GenderSchema = z.enum(["male", "female"]);
export type Gender = z.infer<typeof GenderSchema>;

export const ResidenceTypeSchema = z.enum(["permanent", "temporary", "none"]);
export type ResidenceType = z.infer<typeof ResidenceTypeSchema>;

export const RepresentativeSchema = z.enum(["father", "mother", "guardian"]);
export type Representative = z.infer<typeof RepresentativeSchema>;

export const IdCardStateSchema = z.enum(["none", "applied", "issued"]);
export type IdCardState = z.infer<typeof IdCardStateSchema>;

export const VneidLevelSchema = z.enum(["none", "level1", "level2"]);
export type VneidLevel = z.infer<typeof VneidLevelSchema>;

/**
 * The longest text a field may hold. The server repairs a longer value a client pushes
 * (DESIGN.md "the server guard"), so clients refuse it before writing.
 */
export const MAX_TEXT_LENGTH = 2000;

// Every field may be absent or null: a record is filled in over weeks by several
// agencies, and the rules (not the schema) say what is still missing.
const text = z.string().max(MAX_TEXT_LENGTH).nullable().optional();
const oneOf = <T extends z.ZodType>(s: T) => s.nullable().optional();

/** The fields of a child record, exactly as DESIGN.md lists them. Dates are `YYYY-MM-DD`. */
export const ChildFieldsSchema = z.object({
  fullName: text,
  dob: text,
  gender: oneOf(GenderSchema),
  /** Two-digit official ethnic code `01`..`54` (55 = foreigner, a health-software convention). */
  ethnicity: text,
  /** 12-digit personal ID number (số định danh cá nhân). */
  pid: text,
  birthRegisteredOn: text,
  residenceType: oneOf(ResidenceTypeSchema),
  residenceRegisteredOn: text,
  address: text,
  village: text,
  school: text,
  grade: text,
  /** Health-insurance card number (10 digits, or the older 15 characters). */
  bhyt: text,
  fatherId: text,
  motherId: text,
  guardianId: text,
  guardianRelation: text,
  representative: oneOf(RepresentativeSchema),
  idCard: oneOf(IdCardStateSchema),
  vneid: oneOf(VneidLevelSchema),
  healthBook: z.boolean().nullable().optional(),
  appointment: text,
  note: text,
  removed: z.boolean().nullable().optional(),
  removedReason: text,
});
export type ChildFields = z.infer<typeof ChildFieldsSchema>;

/** A child record with its id, as rules, the API and the apps handle it. */
export const ChildSchema = ChildFieldsSchema.extend({ id: RecordIdSchema });
export type Child = z.infer<typeof ChildSchema>;

export type ChildField = keyof ChildFields;
export const CHILD_FIELDS = Object.keys(ChildFieldsSchema.shape) as ChildField[];

/**
 * Fields holding a calendar date: `YYYY-MM-DD` or empty. The rules judge whether such a
 * date exists (`dob.invalid`); the server guard refuses any other shape.
 */
export const CHILD_DATE_FIELDS: readonly ChildField[] = ["dob", "birthRegisteredOn", "residenceRegisteredOn"];

/** The fields of a guardian (father, mother or legal guardian). */
export const GuardianFieldsSchema = z.object({
  fullName: text,
  dob: text,
  gender: oneOf(GenderSchema),
  pid: text,
  phone: text,
  vneid: oneOf(VneidLevelSchema),
  address: text,
});
export type GuardianFields = z.infer<typeof GuardianFieldsSchema>;

export const GuardianSchema = GuardianFieldsSchema.extend({ id: RecordIdSchema });
export type Guardian = z.infer<typeof GuardianSchema>;

export type GuardianField = keyof GuardianFields;
export const GUARDIAN_FIELDS = Object.keys(GuardianFieldsSchema.shape) as GuardianField[];
/** Guardian fields holding a date (see `CHILD_DATE_FIELDS`). */
export const GUARDIAN_DATE_FIELDS: readonly GuardianField[] = ["dob"];

/** Which collection of the records document a record lives in. */
export const RecordKindSchema = z.enum(["child", "guardian"]);
export type RecordKind = z.infer<typeof RecordKindSchema>;
