// IndexedDB database names of one roster's two documents (each has a database of its
// own, `doc-persistence.ts`). The logout wipe deletes them by these names when the
// browser cannot list its databases.

const PREFIX = "roster-doc:";

/** The database holding the records document of `rosterId`. */
export function recordsDbName(rosterId: string): string {
  return `${PREFIX}${rosterId}:records`;
}

/** The database holding the (server-written) review document of `rosterId`. */
export function reviewDbName(rosterId: string): string {
  return `${PREFIX}${rosterId}:review`;
}

/** Both databases of every roster in `rosterIds`. */
export function rosterDbNames(rosterIds: readonly string[]): string[] {
  return rosterIds.flatMap((id) => [recordsDbName(id), reviewDbName(id)]);
}
