import { createMemo, createSignal, onCleanup, type Accessor } from "solid-js";
import { IntakeSessions } from "@roster/doc";
import type { IntakeSession } from "@roster/schema";
import type { RosterWorkspace } from "../roster/roster-workspace";

/** What the intake screens read of one roster's sessions, kept current by the document. */
export interface IntakeState {
  readonly intake: IntakeSessions;
  /** Every session (cancelled too), by day and start time. */
  readonly sessions: Accessor<readonly IntakeSession[]>;
  /** Assigned (not removed) children by session id. */
  readonly assigned: Accessor<ReadonlyMap<string, readonly string[]>>;
  /** Whether a child is in a session that is not cancelled. */
  readonly inLiveSession: (childId: string) => boolean;
  /** Bumped after every change of sessions or assignments (local or from a colleague). */
  readonly version: Accessor<number>;
}

/**
 * Wraps the roster's records document in {@link IntakeSessions} for the life of the
 * calling component (create inside one). Everything is read from the document, so the
 * screens work offline and show colleagues' changes as they arrive.
 */
export function createIntakeState(workspace: RosterWorkspace): IntakeState {
  const intake = new IntakeSessions(workspace.model.records);
  const [version, setVersion] = createSignal(0);
  const stop = intake.onChange(() => setVersion((v) => v + 1));
  onCleanup(() => {
    stop();
    intake.destroy();
  });
  const sessions = createMemo(() => {
    version();
    return intake.listSessions({ includeCancelled: true });
  });
  const assigned = createMemo(() => {
    version();
    return intake.assignedBySession() as ReadonlyMap<string, readonly string[]>;
  });
  const live = createMemo(() => {
    const ids = new Set<string>();
    for (const session of sessions()) {
      if (session.cancelled) continue;
      for (const id of assigned().get(session.id) ?? []) ids.add(id);
    }
    return ids;
  });
  return { intake, sessions, assigned, inLiveSession: (id) => live().has(id), version };
}
