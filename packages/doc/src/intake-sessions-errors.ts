// Why an intake-session write was refused. One error class with a reason, so the app
// maps each reason to one readable message (Vietnamese first) in one place.

/** The reasons a session write can be refused. */
export type IntakeSessionErrorReason =
  /** The values fail their schema (see `issues`). */
  | "invalid"
  | "session-not-found"
  | "child-not-found"
  | "child-removed"
  /** Assigning would take the session past its capacity. */
  | "full"
  /** The session is cancelled: nobody is assigned to it any more. */
  | "cancelled"
  /** Attendance for a child the session does not call. */
  | "not-assigned"
  /** A new capacity below the number of children already assigned. */
  | "capacity-below-assigned";

/** One problem with one field of a refused session write. */
export interface IntakeSessionIssue {
  readonly field: string;
  readonly message: string;
}

/** An intake-session write refused before anything was written. */
export class IntakeSessionError extends Error {
  override readonly name = "IntakeSessionError";
  constructor(
    readonly reason: IntakeSessionErrorReason,
    readonly sessionId: string | undefined,
    readonly details: { childId?: string; issues?: readonly IntakeSessionIssue[]; assigned?: number; capacity?: number } = {},
  ) {
    super(
      `intake session ${sessionId ?? "(new)"}: ${reason}` +
        (details.childId === undefined ? "" : ` (child ${details.childId})`) +
        (details.issues === undefined ? "" : `: ${details.issues.map((i) => `${i.field} ${i.message}`).join("; ")}`),
    );
  }
}
