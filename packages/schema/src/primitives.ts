import { z } from "zod";

/** A calendar date as the document stores it. Rules, not the schema, judge whether a
 * stored string is a real date (`dob.invalid`), so stored values are plain strings. */
export const IsoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "YYYY-MM-DD");
export type IsoDate = z.infer<typeof IsoDateSchema>;

/** Text shown to a person: Vietnamese first, English second. */
export const LocalizedTextSchema = z.object({ vi: z.string(), en: z.string() });
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

/** Ids of children and guardians are opaque strings (nanoid in practice). */
export const RecordIdSchema = z.string().min(1).max(64);
export type RecordId = z.infer<typeof RecordIdSchema>;

/** Roster ids appear in URLs and file names, so they are kept to a safe alphabet. */
export const RosterIdSchema = z.string().regex(/^[a-z0-9-]{1,64}$/, "[a-z0-9-]{1,64}");
export type RosterId = z.infer<typeof RosterIdSchema>;

/** Commune codes of the 2025 administrative list are 5 digits; tests and demos may use
 * other short codes, so the schema only keeps them URL-safe. */
export const CommuneCodeSchema = z.string().regex(/^[A-Za-z0-9-]{1,32}$/, "[A-Za-z0-9-]{1,32}");
export type CommuneCode = z.infer<typeof CommuneCodeSchema>;

/** A value a record field may hold in the Yjs document. */
export const FieldValueSchema = z.union([z.string(), z.boolean(), z.null()]);
export type FieldValue = z.infer<typeof FieldValueSchema>;
