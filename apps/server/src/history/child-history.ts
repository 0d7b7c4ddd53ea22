import type { AuditEntry, HistoryEntry, HistorySource } from "@roster/schema";

/** Links from a child to a guardian record, in the order the history names them. */
export const GUARDIAN_LINKS = [
  ["fatherId", "father"],
  ["motherId", "mother"],
  ["guardianId", "guardian"],
] as const;

/**
 * Where an audit entry came from, in the history's words. The audit keeps `source` as it
 * was recorded: absent for a sync edit, `server-repair` for the guard's repairs,
 * `reconcile:<file>` for a national-database reconciliation, and the imported file's name
 * for an import (bare, as older entries have it, or already `import:<file>`); a
 * verification is the `verification` pseudo-field without a source.
 */
export function historySource(entry: AuditEntry): HistorySource {
  const source = entry.source;
  if (source === undefined || source === "") return entry.field === "verification" ? "verify" : "sync";
  if (source === "server-repair" || source === "verify" || source === "sync") return source;
  if (source.startsWith("import:") || source.startsWith("reconcile:")) return source as HistorySource;
  return `import:${source}`;
}

/**
 * The guardians a child is or was linked to: the current links and every id its audit
 * shows in a link field, each with the link's name (`mother`, …).
 */
export function guardianLinks(current: Readonly<Record<string, unknown>>, childAudit: readonly AuditEntry[]): Map<string, string> {
  const links = new Map<string, string>();
  for (const [field, name] of GUARDIAN_LINKS) {
    const id = current[field];
    if (typeof id === "string" && id !== "") links.set(id, name);
  }
  for (const entry of childAudit) {
    const name = GUARDIAN_LINKS.find(([field]) => field === entry.field)?.[1];
    if (!name) continue;
    for (const id of [entry.from, entry.to]) if (typeof id === "string" && id !== "" && !links.has(id)) links.set(id, name);
  }
  return links;
}

/**
 * A child's history: its own audit and its guardians' (field named `mother.phone` etc.),
 * newest first; entries at the same instant keep their recorded order reversed.
 */
export function childHistory(
  childAudit: readonly AuditEntry[],
  guardianAudit: ReadonlyMap<string, { link: string; entries: readonly AuditEntry[] }>,
  displayName: (username: string) => string,
): HistoryEntry[] {
  const rows: { seq: number; entry: HistoryEntry }[] = [];
  const push = (audit: AuditEntry, field: string, guardianId?: string) => {
    const entry: HistoryEntry = {
      at: audit.at,
      user: audit.user,
      userName: displayName(audit.user),
      field,
      from: audit.from,
      to: audit.to,
      source: historySource(audit),
    };
    if (guardianId !== undefined) entry.guardianId = guardianId;
    rows.push({ seq: rows.length, entry });
  };
  for (const audit of childAudit) push(audit, audit.field);
  for (const [guardianId, { link, entries }] of guardianAudit) {
    for (const audit of entries) push(audit, `${link}.${audit.field}`, guardianId);
  }
  rows.sort((a, b) => (a.entry.at < b.entry.at ? 1 : a.entry.at > b.entry.at ? -1 : b.seq - a.seq));
  return rows.map((r) => r.entry);
}
