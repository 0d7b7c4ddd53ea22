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

/** Why the Verify button is disabled, or null when it may be pressed. */
export function verifyBlocker(row: ChildRow, online: boolean, pending: number): "offline" | "errors" | "not-synced" | null {
  if (!online) return "offline";
  if (row.findings.some((f) => f.severity === "error")) return "errors";
  if (pending > 0) return "not-synced";
  return null;
}
