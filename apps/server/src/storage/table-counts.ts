/** Rows per table (documents counted as documents, snapshots and updates). */
export interface TableCounts {
  communes: number;
  rosters: number;
  users: number;
  userRosters: number;
  sessions: number;
  passwordCodes: number;
  securityLog: number;
  audit: number;
  kv: number;
  docs: number;
  snapshots: number;
  updates: number;
}

export const TABLES: readonly (keyof TableCounts)[] = [
  "communes",
  "rosters",
  "users",
  "userRosters",
  "sessions",
  "passwordCodes",
  "securityLog",
  "audit",
  "kv",
  "docs",
  "snapshots",
  "updates",
];
