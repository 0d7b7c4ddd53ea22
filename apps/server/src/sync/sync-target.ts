import { ROLE_ABILITIES, RosterIdSchema, type Role } from "@roster/schema";

/** The two Yjs documents of a roster (DESIGN.md "Sync"). */
export type SyncDocKind = "records" | "review";

/** What a sync URL addresses. */
export interface SyncTarget {
  rosterId: string;
  kind: SyncDocKind;
  /** Storage name of the document, e.g. `records:thon-1`. */
  docName: string;
}

/** Storage and room name of one document of a roster: `records:<rosterId>` or `review:<rosterId>`. */
export function syncDocName(kind: SyncDocKind, rosterId: string): string {
  return `${kind}:${rosterId}`;
}

/**
 * Parses a sync URL path: `/sync/<rosterId>` (records) or `/sync/<rosterId>/review`.
 * Pass the path without the query string. `undefined` for any other path or a
 * malformed roster id (answer 4404).
 */
export function parseSyncPath(pathname: string, prefix = "/sync/"): SyncTarget | undefined {
  if (!pathname.startsWith(prefix)) return undefined;
  const parts = pathname.slice(prefix.length).split("/");
  const [rosterId, suffix, ...rest] = parts;
  if (rosterId === undefined || rest.length > 0 || !RosterIdSchema.safeParse(rosterId).success) return undefined;
  if (suffix === undefined) return { rosterId, kind: "records", docName: syncDocName("records", rosterId) };
  if (suffix === "review") return { rosterId, kind: "review", docName: syncDocName("review", rosterId) };
  return undefined;
}

/** Read-only connections: everyone on the review document and on an archived roster, viewers on the records. */
export function isReadOnlySync(kind: SyncDocKind, role: Role, archived = false): boolean {
  return kind === "review" || archived || !ROLE_ABILITIES[role].edits;
}

/** The inverse of `syncDocName`: which roster and document a room holds. */
export function parseDocName(name: string): Omit<SyncTarget, "docName"> | undefined {
  const at = name.indexOf(":");
  const kind = name.slice(0, at);
  const rosterId = name.slice(at + 1);
  if ((kind !== "records" && kind !== "review") || !RosterIdSchema.safeParse(rosterId).success) return undefined;
  return { kind, rosterId };
}
