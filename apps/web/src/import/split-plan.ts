// An import is one change up to PART_ROWS rows (the issue asks for one change). Only a
// bigger file is written as a few changes: the server refuses a WebSocket message above
// MAX_MESSAGE_BYTES (32 MiB by default, close code 4413), and a 10,000-row import is one
// ≈8.5 MB Yjs update, so parts of at most PART_ROWS rows stay well below it.
// Every part is still one transaction with its own import-log entry naming the file, and
// all parts are written in the same task, so nothing else can come between them here.
import type { GuardianRef, ImportPlan } from "@roster/spreadsheet";

/** Rows (children added or updated) per change: ≈0.9 kB per row, so under 9 MB. */
export const PART_ROWS = 10_000;

function refsOf(links: readonly GuardianRef[]): string[] {
  return links.flatMap((ref) => (ref.kind === "new" ? [ref.key] : []));
}

/**
 * Splits `plan` into parts of at most `maxRows` added or updated children, in the plan's
 * order (additions first). A new guardian goes with the first part that links to it; the
 * guardian changes, rejected and skipped rows and notes go with the first part. Later parts
 * still name guardians of earlier parts by their `new` key: see `bindCreatedGuardians`.
 */
export function splitPlan(plan: ImportPlan, maxRows: number = PART_ROWS): ImportPlan[] {
  const total = plan.add.length + plan.update.length;
  if (total <= maxRows) return [plan];
  const parts: ImportPlan[] = [];
  const placed = new Set<string>();
  const guardianByKey = new Map(plan.guardianAdd.map((g) => [g.key, g]));
  for (let start = 0; start < total; start += maxRows) {
    const first = parts.length === 0;
    const add = plan.add.slice(start, start + maxRows);
    const updateStart = Math.max(0, start - plan.add.length);
    const update = plan.update.slice(updateStart, Math.max(updateStart, start + maxRows - plan.add.length));
    const keys = [...add.flatMap((a) => refsOf(Object.values(a.links))), ...update.flatMap((u) => refsOf(u.links.map((l) => l.to)))];
    const guardianAdd = [];
    for (const key of keys) {
      const guardian = guardianByKey.get(key);
      if (!guardian || placed.has(key)) continue;
      placed.add(key);
      guardianAdd.push(guardian);
    }
    parts.push({
      ...plan,
      add,
      update,
      guardianAdd,
      guardianUpdate: first ? plan.guardianUpdate : [],
      rejected: first ? plan.rejected : [],
      skipped: first ? plan.skipped : [],
      unchanged: first ? plan.unchanged : [],
      issues: first ? plan.issues : [],
      notes: first ? plan.notes : [],
    });
  }
  // Guardians no child links to (none in practice) still get written, with the first part.
  const unplaced = plan.guardianAdd.filter((g) => !placed.has(g.key));
  if (unplaced.length > 0 && parts[0]) parts[0] = { ...parts[0], guardianAdd: [...unplaced, ...parts[0].guardianAdd] };
  return parts;
}

/** `part` with its links to guardians created by earlier parts turned into links to their ids. */
export function bindCreatedGuardians(part: ImportPlan, created: Readonly<Record<string, string>>): ImportPlan {
  const bind = (ref: GuardianRef): GuardianRef => {
    const id = ref.kind === "new" ? created[ref.key] : undefined;
    return id === undefined ? ref : { kind: "existing", id };
  };
  return {
    ...part,
    add: part.add.map((a) => ({ ...a, links: Object.fromEntries(Object.entries(a.links).map(([field, ref]) => [field, bind(ref)])) })),
    update: part.update.map((u) => ({ ...u, links: u.links.map((l) => ({ ...l, to: bind(l.to) })) })),
  };
}
