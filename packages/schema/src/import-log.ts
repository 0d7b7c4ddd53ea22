import { z } from "zod";

/**
 * One applied import as the records document's `imports` array stores it (plain JSON):
 * which file, who applied it, and what it did. See @roster/doc's import-log.ts.
 */
export const ImportLogEntrySchema = z.object({
  /** Record-id-like unique id of this import. */
  id: z.string(),
  /** The file's name as the user picked it (no path; cleaned on write and read). */
  file: z.string(),
  /** ISO time on the importer's clock (display only). */
  at: z.string(),
  /** Actor id and display name of the person who applied it. */
  by: z.string(),
  byName: z.string(),
  added: z.number().int().nonnegative(),
  updated: z.number().int().nonnegative(),
  rejected: z.number().int().nonnegative(),
});
export type ImportLogEntry = z.infer<typeof ImportLogEntrySchema>;
