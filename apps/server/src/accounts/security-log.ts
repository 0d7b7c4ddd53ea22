import type { SecurityAction } from "@roster/schema";
import type { SecurityLogStore } from "../storage/store";

/** Records one account action: who (`actor`, a username or null), whom, what, when. */
export function logSecurityEvent(
  store: SecurityLogStore,
  at: Date,
  event: { commune: string; actor: string | null; target: string | null; action: SecurityAction; detail?: string },
): Promise<void> {
  return store.appendSecurityEvent({ ...event, at: at.toISOString(), detail: event.detail ?? "" });
}
