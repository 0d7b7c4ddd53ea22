// The inputs of the three lists, from what the roster screen already computed: the
// records, and the status and findings each child shows (server mark when current, else
// the device's own evaluation with the same rules).
import type { ExportList, Status } from "@roster/schema";
import type { Evaluation } from "@roster/rules";
import type { RosterSnapshot } from "../roster/roster-model";
import type { ListData } from "../import/worker-protocol";

type Snapshot = Pick<RosterSnapshot, "rows" | "guardians">;

/** Children (removed ones too: the lists leave them out), guardians and evaluations. */
export function listData(snapshot: Snapshot): ListData {
  const evaluations: [string, Evaluation][] = snapshot.rows.map((row) => [
    row.child.id,
    { status: row.status === "needs-fix" ? "needs-fix" : "clean", findings: [...row.findings] },
  ]);
  return { children: snapshot.rows.map((r) => r.child), guardians: { ...snapshot.guardians }, evaluations };
}

/** Ids of the children shown as verified (only they go on the handover list). */
export function verifiedIds(snapshot: Snapshot): string[] {
  return snapshot.rows.filter((r) => r.status === "verified" && r.child.removed !== true).map((r) => r.child.id);
}

/** How many children not removed have `status` (all of them when undefined). */
export function countWith(snapshot: Snapshot, status?: Status): number {
  return snapshot.rows.filter((r) => r.child.removed !== true && (status === undefined || r.status === status)).length;
}

/** A file name people can read and sort: `<kind>-<roster>-<YYYY-MM-DD>.<ext>`. */
export function listFileName(kind: ExportList, rosterId: string, date: string, ext: "xlsx" | "csv"): string {
  const stem = { problems: "danh-sach-can-bo-sung", handover: "danh-sach-ban-giao", cleaned: "du-lieu-lam-sach" }[kind];
  return `${stem}-${rosterId}-${date}.${ext}`;
}
