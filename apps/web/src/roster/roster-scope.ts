import type { RoleAbilities, RosterListItem } from "@roster/schema";
import type { MessageKey } from "../i18n/messages";
import type { ConnectionStatus } from "../sync/connection-status";

/** Whether this person may change a roster here, and if not, the reason to show them. */
export type RosterScope = { readonly edits: true } | { readonly edits: false; readonly reason: MessageKey | null };

/**
 * The client's side of DESIGN "Accounts, roles, scope", decided before anything is
 * written: a read-only role never edits (the app's banner says so); a roster missing from
 * the person's list (kept on the device, so this holds offline too) or refused by the
 * server (4403, 4404) is read-only with its reason, so no edit is made that the server
 * would refuse and leave waiting forever.
 */
export function rosterScope(input: {
  abilities: RoleAbilities;
  rosterId: string;
  /** The rosters the person may see; empty while never fetched. */
  rosters: readonly RosterListItem[];
  status: ConnectionStatus;
}): RosterScope {
  if (!input.abilities.edits) return { edits: false, reason: null };
  if (input.status === "forbidden") return { edits: false, reason: "scope.refused" };
  if (input.status === "not-found") return { edits: false, reason: "scope.notFound" };
  const known = input.rosters.length > 0;
  if (known && !input.rosters.some((r) => r.id === input.rosterId)) return { edits: false, reason: "scope.notAssigned" };
  return { edits: true };
}
