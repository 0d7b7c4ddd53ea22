import * as Y from "yjs";
import { AttendanceSchema, INTAKE_SESSION_FIELDS, IntakeSessionFieldsSchema } from "@roster/schema";
import type { Attendance, IntakeSession, IntakeSessionField, IntakeSessionFields } from "@roster/schema";

// Reading intake sessions as the records document stores them:
//
//   sessions: Y.Map<sessionId, Y.Map<field, value>>
//     fields:     date, start, end, placeKind, place, capacity, note, cancelled
//     attendance: Y.Map<childId, {came, by, byName, at}>   (created with the session)
//     by, byName, at: who last changed a field, and when (display only)
//
// Outside clients may write anything: values are checked field by field on read.

/** The key of a session's attendance map. */
export const ATTENDANCE_KEY = "attendance";

/** A session's values, or undefined for a slot that holds no map. */
export function sessionMap(sessions: Y.Map<unknown>, id: string): Y.Map<unknown> | undefined {
  const value = sessions.get(id);
  return value instanceof Y.Map ? value : undefined;
}

/** Stored defaults for fields a session may lack (written by an outside client or an older app). */
const DEFAULTS: Partial<IntakeSessionFields> = { note: null, cancelled: false };

/**
 * The session stored in `map`, or undefined when a field it cannot do without (date,
 * times, place, capacity) is missing or fails its schema.
 */
export function readSession(id: string, map: Y.Map<unknown>): IntakeSession | undefined {
  const values: Partial<Record<IntakeSessionField, unknown>> = {};
  for (const field of INTAKE_SESSION_FIELDS) {
    const raw = map.has(field) ? map.get(field) : DEFAULTS[field];
    const parsed = IntakeSessionFieldsSchema.shape[field].safeParse(raw);
    if (parsed.success) values[field] = parsed.data;
    else if (field in DEFAULTS) values[field] = DEFAULTS[field];
    else return undefined;
  }
  return { ...(values as IntakeSessionFields), id };
}

/** The attendance map of a session, if it has one. */
export function attendanceMap(map: Y.Map<unknown>): Y.Map<unknown> | undefined {
  const value = map.get(ATTENDANCE_KEY);
  return value instanceof Y.Map ? value : undefined;
}

/** Every readable attendance entry of a session, by child id. */
export function readAttendance(map: Y.Map<unknown>): Map<string, Attendance> {
  const out = new Map<string, Attendance>();
  const attendance = attendanceMap(map);
  if (attendance === undefined) return out;
  for (const [childId, raw] of attendance.entries()) {
    const parsed = AttendanceSchema.safeParse(raw);
    if (parsed.success) out.set(childId, parsed.data);
  }
  return out;
}

/** Sessions in the order people read a schedule: by day, start, place, then id (identical on every peer). */
export function compareSessions(a: IntakeSession, b: IntakeSession): number {
  return (
    cmp(a.date, b.date) || cmp(a.start, b.start) || cmp(a.end, b.end) || cmp(a.place, b.place) || cmp(a.id, b.id)
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
