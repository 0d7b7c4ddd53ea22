import * as Y from "yjs";
import { IntakeSessionPatchSchema, IntakeSessionValuesSchema, NewIntakeSessionSchema } from "@roster/schema";
import type { Attendance, Child, IntakeSession, IntakeSessionField, IntakeSessionFields, NewIntakeSession } from "@roster/schema";
import type { IntakeSessionPatch } from "@roster/schema";
import { ChangeFeed } from "./change-feed";
import type { TransactionInfo } from "./change-feed";
import { newRecordId } from "./ids";
import { buildCallList, summarize } from "./intake-sessions-call-list";
import type { CallListEntry, NameComparator, SessionSummary } from "./intake-sessions-call-list";
import { IntakeSessionError } from "./intake-sessions-errors";
import { ATTENDANCE_KEY, attendanceMap, compareSessions, readAttendance, readSession, sessionMap } from "./intake-sessions-read";
import { recordsParts } from "./layout";
import type { Actor, RosterRecords } from "./roster-records";

/** Sessions and children (by id) whose session data one transaction changed. */
export interface IntakeChanges {
  readonly sessions: Set<string>;
  /** Children whose `appointment` or `removed` changed, or that were added. */
  readonly children: Set<string>;
}

/** Options of {@link IntakeSessions}. */
export interface IntakeSessionsOptions {
  /** Clock for the `at` of attendance ticks and session changes; tests pass a fixed one. */
  readonly now?: () => Date;
}

/** Child fields that decide who a session calls. */
const ASSIGNMENT_FIELDS = new Set(["appointment", "removed"]);

/**
 * Typed access to the intake sessions of a roster's records document (`sessions`):
 * when and where the police take ID-card applications and level-2 registrations, who is
 * called, and who came.
 *
 * - Each session is a `Y.Map` with one key per field, so two people changing different
 *   fields offline both keep their change. Two changes of the same field keep one value
 *   (Yjs' rule): sessions are a schedule a few officers keep, not identity data.
 * - A child is assigned by setting its `appointment` field to the session id through
 *   {@link RosterRecords}, so a child is in at most one session, the change is audited
 *   like any field, and two offline assignments of one child to different sessions show
 *   as a `conflict.field` on `appointment` for a person to settle. An `appointment` that
 *   names no session (older data, outside clients: a date or a note) is left as it is
 *   and counts as "not assigned".
 * - Capacity is checked by the writer. Two people filling the last place offline can
 *   take a session past its capacity; {@link summary} then says `over` on every peer.
 * - Attendance is a `Y.Map<childId, Attendance>` created with the session (never
 *   lazily: two peers creating the same nested map offline would lose one of them).
 */
export class IntakeSessions {
  private readonly sessions: Y.Map<unknown>;
  private readonly children: Y.Map<unknown>;
  private readonly feed: ChangeFeed<IntakeChanges>;
  private readonly now: () => Date;
  private readonly stops: Array<() => void> = [];

  constructor(
    readonly records: RosterRecords,
    options: IntakeSessionsOptions = {},
  ) {
    const parts = recordsParts(records.doc);
    this.sessions = parts.sessions;
    this.children = parts.children;
    this.now = options.now ?? (() => new Date());
    this.feed = new ChangeFeed<IntakeChanges>(records.doc, () => ({ sessions: new Set<string>(), children: new Set<string>() }));
    this.watch();
  }

  private get doc(): Y.Doc {
    return this.records.doc;
  }

  /** Adds a session and returns its id. Throws {@link IntakeSessionError} `invalid` before writing. */
  createSession(input: NewIntakeSession, actor: Actor, origin?: unknown): string {
    const values = check(NewIntakeSessionSchema, input, undefined);
    const id = newRecordId();
    this.doc.transact(() => {
      const map = new Y.Map<unknown>();
      const full: IntakeSessionFields = { ...values, note: values.note ?? null, cancelled: values.cancelled ?? false };
      for (const [field, value] of Object.entries(full)) map.set(field, value);
      map.set(ATTENDANCE_KEY, new Y.Map<unknown>());
      this.stamp(map, actor);
      this.sessions.set(id, map);
    }, origin);
    return id;
  }

  /**
   * Changes some fields of a session; returns the fields actually changed. The session
   * as it would be afterwards must be valid (end after start), and the capacity may not
   * drop below the children already assigned (move them first).
   */
  updateSession(id: string, patch: IntakeSessionPatch, actor: Actor, origin?: unknown): IntakeSessionField[] {
    const { map, session } = this.existing(id);
    const changes = check(IntakeSessionPatchSchema, patch, id);
    const merged: Partial<IntakeSession> = { ...session, ...changes };
    delete merged.id;
    check(IntakeSessionValuesSchema, merged, id);
    if (changes.capacity !== undefined) {
      const assigned = this.assignedIds(id).length;
      if (changes.capacity < assigned) {
        throw new IntakeSessionError("capacity-below-assigned", id, { assigned, capacity: changes.capacity });
      }
    }
    const written: IntakeSessionField[] = [];
    this.doc.transact(() => {
      for (const [field, value] of Object.entries(changes) as Array<[IntakeSessionField, unknown]>) {
        if (value === undefined || map.get(field) === value) continue;
        map.set(field, value);
        written.push(field);
      }
      if (written.length > 0) this.stamp(map, actor);
    }, origin);
    return written;
  }

  /**
   * Cancels a session (nothing is deleted). Its children stay listed so that someone can
   * tell their families and assign them elsewhere; no one new can be assigned.
   */
  cancelSession(id: string, actor: Actor, origin?: unknown): boolean {
    return this.updateSession(id, { cancelled: true }, actor, origin).length > 0;
  }

  /** The session, or undefined when unknown or unreadable. */
  getSession(id: string): IntakeSession | undefined {
    const map = sessionMap(this.sessions, id);
    return map && readSession(id, map);
  }

  /** Sessions by day and start time; cancelled ones only when asked. */
  listSessions(options: { includeCancelled?: boolean } = {}): IntakeSession[] {
    const list: IntakeSession[] = [];
    for (const [id, raw] of this.sessions.entries()) {
      if (!(raw instanceof Y.Map)) continue;
      const session = readSession(id, raw);
      if (session !== undefined && (options.includeCancelled === true || !session.cancelled)) list.push(session);
    }
    return list.sort(compareSessions);
  }

  /** The session a child is assigned to, or undefined (also when `appointment` is a plain note). */
  sessionOf(childId: string): string | undefined {
    const child = this.children.get(childId);
    if (!(child instanceof Y.Map)) return undefined;
    const appointment = child.get("appointment");
    return typeof appointment === "string" && this.getSession(appointment) !== undefined ? appointment : undefined;
  }

  /** Ids of the children (not removed) a session calls, in document order. */
  assignedIds(sessionId: string): string[] {
    return this.assignedBySession().get(sessionId) ?? [];
  }

  /**
   * Assigns a child to a session (moving it from any other). Refused when the session is
   * unknown, cancelled or full, or the child is unknown or removed. False when the child
   * was already there.
   */
  assign(childId: string, sessionId: string, actor: Actor, origin?: unknown): boolean {
    const { session } = this.existing(sessionId);
    if (session.cancelled) throw new IntakeSessionError("cancelled", sessionId, { childId });
    const child = this.records.getChild(childId);
    if (child === undefined) throw new IntakeSessionError("child-not-found", sessionId, { childId });
    if (child.removed === true) throw new IntakeSessionError("child-removed", sessionId, { childId });
    if (child.appointment === sessionId && this.records.conflictsOf("child", childId).every((c) => c.field !== "appointment")) {
      return false;
    }
    const assigned = this.assignedIds(sessionId).filter((id) => id !== childId).length;
    if (assigned >= session.capacity) {
      throw new IntakeSessionError("full", sessionId, { childId, assigned, capacity: session.capacity });
    }
    return this.records.setChildField(childId, "appointment", sessionId, actor, origin);
  }

  /** Takes a child out of its session; false when it was in none (a plain-note appointment stays). */
  unassign(childId: string, actor: Actor, origin?: unknown): boolean {
    if (this.sessionOf(childId) === undefined) return false;
    return this.records.setChildField(childId, "appointment", null, actor, origin);
  }

  /**
   * Ticks whether a child of the session came (`true`), did not come (`false`), or clears
   * the tick (`null`). Only for children the session calls.
   */
  markAttendance(sessionId: string, childId: string, came: boolean | null, actor: Actor, origin?: unknown): void {
    const { map } = this.existing(sessionId);
    if (!this.assignedIds(sessionId).includes(childId)) throw new IntakeSessionError("not-assigned", sessionId, { childId });
    this.doc.transact(() => {
      let attendance = attendanceMap(map);
      if (attendance === undefined) {
        // Only a session written by an outside client lacks the map; creating it here can
        // race with another peer doing the same, and then one peer's ticks are lost.
        attendance = new Y.Map<unknown>();
        map.set(ATTENDANCE_KEY, attendance);
      }
      if (came === null) attendance.delete(childId);
      else attendance.set(childId, { came, by: actor.id, byName: actor.name, at: this.now().toISOString() } satisfies Attendance);
    }, origin);
  }

  /** The ticks of a session by child id (children moved away since keep theirs, unused). */
  attendance(sessionId: string): Map<string, Attendance> {
    const map = sessionMap(this.sessions, sessionId);
    return map ? readAttendance(map) : new Map();
  }

  /**
   * The numbered call list of a session: its children (not removed) sorted with
   * `compareNames` (pass `compareVietnameseNames` of @roster/rules; this package does not
   * depend on the rules), each with the adult to call and the tick.
   */
  callList(sessionId: string, compareNames: NameComparator): CallListEntry[] {
    this.existing(sessionId);
    const children = this.assignedIds(sessionId)
      .map((id) => this.records.getChild(id))
      .filter((c): c is Child => c !== undefined);
    return buildCallList(children, (id) => this.records.getGuardian(id), this.attendance(sessionId), compareNames);
  }

  /** Capacity, assigned, came, absent, not yet ticked, places left, and whether it is over. */
  summary(sessionId: string): SessionSummary {
    const { session } = this.existing(sessionId);
    return summarize(session.capacity, this.assignedIds(sessionId), this.attendance(sessionId));
  }

  /** Assigned (not removed) children of every session, in one pass over the children. */
  assignedBySession(): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const [childId, child] of this.children.entries()) {
      if (!(child instanceof Y.Map) || child.get("removed") === true) continue;
      const appointment = child.get("appointment");
      if (typeof appointment !== "string" || !(this.sessions.get(appointment) instanceof Y.Map)) continue;
      const list = out.get(appointment);
      if (list) list.push(childId);
      else out.set(appointment, [childId]);
    }
    return out;
  }

  /**
   * Calls `listener` after every transaction, local or remote, that changed a session or
   * a child's assignment. Returns the function that unsubscribes.
   */
  onChange(listener: (changes: IntakeChanges & TransactionInfo) => void): () => void {
    return this.feed.subscribe(listener);
  }

  /** Removes this wrapper's observers. */
  destroy(): void {
    for (const stop of this.stops) stop();
    this.feed.destroy();
  }

  private existing(id: string): { map: Y.Map<unknown>; session: IntakeSession } {
    const map = sessionMap(this.sessions, id);
    const session = map && readSession(id, map);
    if (map === undefined || session === undefined) throw new IntakeSessionError("session-not-found", id);
    return { map, session };
  }

  private stamp(map: Y.Map<unknown>, actor: Actor): void {
    map.set("by", actor.id);
    map.set("byName", actor.name);
    map.set("at", this.now().toISOString());
  }

  private watch(): void {
    const onSessions = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>, transaction: Y.Transaction) => {
      const ids = this.feed.touch(transaction).sessions;
      for (const event of events) {
        if (event.target === this.sessions) for (const key of (event as Y.YMapEvent<unknown>).keysChanged) ids.add(key);
        else if (typeof event.path[0] === "string") ids.add(event.path[0]);
      }
    };
    const onChildren = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>, transaction: Y.Transaction) => {
      for (const event of events) {
        const keys = (event as Y.YMapEvent<unknown>).keysChanged;
        if (event.target === this.children) {
          for (const key of keys) this.feed.touch(transaction).children.add(key);
        } else if (typeof event.path[0] === "string" && [...keys].some((k) => ASSIGNMENT_FIELDS.has(k))) {
          this.feed.touch(transaction).children.add(event.path[0]);
        }
      }
    };
    this.sessions.observeDeep(onSessions);
    this.children.observeDeep(onChildren);
    this.stops.push(
      () => this.sessions.unobserveDeep(onSessions),
      () => this.children.unobserveDeep(onChildren),
    );
  }
}

/** What this file needs of a zod schema (the package does not depend on zod itself). */
interface Parser<T> {
  safeParse(value: unknown):
    | { success: true; data: T }
    | { success: false; error: { issues: ReadonlyArray<{ path: readonly PropertyKey[]; message: string }> } };
}

/** The parsed value, or an `invalid` error naming each failing field. */
function check<T>(schema: Parser<T>, value: unknown, sessionId: string | undefined): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => ({ field: String(i.path[0] ?? ""), message: i.message }));
  throw new IntakeSessionError("invalid", sessionId, { issues });
}
