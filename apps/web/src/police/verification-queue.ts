import { matchesQuery, prepareQuery } from "../roster/search";
import type { ChildRow } from "../roster/child-row";

/** The lists of the police view. */
export type QueueTab = "to-verify" | "stale" | "needs-fix" | "verified";
export const QUEUE_TABS: readonly QueueTab[] = ["to-verify", "stale", "needs-fix", "verified"];

function isStale(row: ChildRow): boolean {
  return row.findings.some((f) => f.code === "verification.stale");
}

/**
 * Which list a record belongs to: `stale` (verified once, edited since, no errors now),
 * `to-verify` (clean and never verified), `needs-fix` (errors), `verified`.
 * Removed children belong to none.
 */
export function queueTabOf(row: ChildRow): QueueTab | null {
  if (row.child.removed === true) return null;
  if (row.status === "verified") return "verified";
  if (row.status === "needs-fix") return "needs-fix";
  return isStale(row) ? "stale" : "to-verify";
}

/** The rows of one list; `code` narrows `needs-fix` to one finding code. */
export function queueRows(rows: readonly ChildRow[], tab: QueueTab, code = ""): ChildRow[] {
  return rows.filter(
    (row) => queueTabOf(row) === tab && (tab !== "needs-fix" || code === "" || row.findings.some((f) => f.code === code)),
  );
}

/** How many rows each list has. */
export function queueCounts(rows: readonly ChildRow[]): Record<QueueTab, number> {
  const counts: Record<QueueTab, number> = { "to-verify": 0, stale: 0, "needs-fix": 0, verified: 0 };
  for (const row of rows) {
    const tab = queueTabOf(row);
    if (tab) counts[tab] += 1;
  }
  return counts;
}

export type VerifyBlocker = "offline" | "errors" | "conflict" | "not-synced";

/**
 * Why the Verify button is disabled, or null when it may be pressed. `disputed` counts
 * the open conflicts on fields police verify (the child's and its linked guardians'):
 * the server refuses those too (409 `verify.conflict`).
 */
export function verifyBlocker(row: ChildRow, online: boolean, pending: number, disputed = 0): VerifyBlocker | null {
  if (!online) return "offline";
  if (row.findings.some((f) => f.severity === "error")) return "errors";
  if (disputed > 0) return "conflict";
  if (pending > 0) return "not-synced";
  return null;
}

/** The rows a search keeps: folded name words (no diacritics needed) or 3+ digits of the ID number. */
export function searchRows(rows: readonly ChildRow[], query: string): ChildRow[] {
  const prepared = prepareQuery(query);
  if (prepared.digits === null && prepared.words.length === 0) return [...rows];
  return rows.filter((row) => matchesQuery({ folded: row.folded, numbers: [row.child.pid] }, prepared));
}

/** The record to open after `id` was verified: the one after it in `before` (the list as it was), else the one before. */
export function nextAfter(before: readonly ChildRow[], after: readonly ChildRow[], id: string): ChildRow | undefined {
  const still = new Set(after.map((r) => r.child.id));
  const index = before.findIndex((r) => r.child.id === id);
  const later = before.slice(index + 1).find((r) => still.has(r.child.id) && r.child.id !== id);
  return later ?? [...before.slice(0, Math.max(index, 0))].reverse().find((r) => still.has(r.child.id) && r.child.id !== id);
}
