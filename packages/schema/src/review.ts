import { z } from "zod";

export const SeveritySchema = z.enum(["error", "warning"]);
export type Severity = z.infer<typeof SeveritySchema>;

/** A problem the rules found in one field of a record. `code` is one of the codes in
 * DESIGN.md (e.g. `pid.century_gender`); codes are never renamed. */
export const FindingSchema = z.object({
  code: z.string().min(1),
  field: z.string(),
  severity: SeveritySchema,
  message: z.object({ vi: z.string(), en: z.string() }),
});
export type Finding = z.infer<typeof FindingSchema>;

/** A finding as the API lists it (the message can be looked up from the code). */
export const FindingRefSchema = FindingSchema.pick({ code: true, field: true, severity: true });
export type FindingRef = z.infer<typeof FindingRefSchema>;

/** What the rules alone can say of a record. */
export const EvaluationStatusSchema = z.enum(["clean", "needs-fix"]);
export type EvaluationStatus = z.infer<typeof EvaluationStatusSchema>;

/** The status of a record once police verification is taken into account. */
export const StatusSchema = z.enum(["clean", "needs-fix", "verified"]);
export type Status = z.infer<typeof StatusSchema>;
export const STATUSES = StatusSchema.options;

/** SHA-256 as 64 lowercase hex characters. */
export const FingerprintSchema = z.string().regex(/^[0-9a-f]{64}$/, "64 lowercase hex characters");
export type Fingerprint = z.infer<typeof FingerprintSchema>;

/** The server's mark of one child in the review document. */
export const MarkSchema = z.object({
  status: StatusSchema,
  codes: z.array(z.string()),
  fingerprint: FingerprintSchema,
  /** ISO timestamp of the evaluation. */
  at: z.string(),
});
export type Mark = z.infer<typeof MarkSchema>;

/** A police verification stamp in the review document. */
export const VerificationSchema = z.object({
  /** User id of the police officer. */
  by: z.string(),
  byName: z.string(),
  /** ISO timestamp. */
  at: z.string(),
  fingerprint: FingerprintSchema,
  /** Where the officer compared the record, when not at the desk (`reconcile:<file>`). */
  source: z.string().optional(),
});
export type Verification = z.infer<typeof VerificationSchema>;
