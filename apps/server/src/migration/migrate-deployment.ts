import { existsSync } from "node:fs";
import path from "node:path";
import { TOKEN_SECRET_KEY, readTokenSecretFile } from "../auth/token-secret";
import type { PostgresStore } from "../storage/postgres-store";
import { NoEmbeddedStoreError, SqliteExport } from "../storage/sqlite-export";
import { SQLITE_FILE_NAME, SqliteStore } from "../storage/sqlite-store";
import type { TableCounts } from "../storage/table-counts";
import { checkMigration } from "./check-migration";

export interface MigrationResult {
  /** Rows copied per table (equal on both sides: checked). */
  counts: TableCounts;
  /** Bytes of document data copied (snapshots, their state vectors and updates). */
  docBytes: number;
  /** DATA_DIR's generated token secret was copied (tokens issued before stay valid). */
  tokenSecretCopied: boolean;
  copyMs: number;
  checkMs: number;
}

/**
 * Copies the embedded store of `dataDir` into the (empty) PostgreSQL store `target` in one
 * transaction, then checks the copy (`checkMigration`). The caller holds the DATA_DIR
 * lock (no server writes meanwhile) and the target's instance lock.
 */
export async function migrateDeployment(dataDir: string, target: PostgresStore, database: string): Promise<MigrationResult> {
  if (!existsSync(path.resolve(dataDir, SQLITE_FILE_NAME))) throw new NoEmbeddedStoreError(dataDir);
  // Opened as the server opens it: an older file's schema is brought up to date first.
  const store = SqliteStore.open(dataDir);
  try {
    const rows = SqliteExport.open(dataDir);
    try {
      const secret = readTokenSecretFile(dataDir);
      const started = performance.now();
      const counts = rows.counts();
      let docBytes = 0;
      await target.importAll(database, TOKEN_SECRET_KEY, async (copy) => {
        await copy.communes(rows.communes());
        await copy.rosters(rows.rosters());
        await copy.users(rows.users());
        await copy.userRosters(rows.userRosters());
        await copy.sessions(rows.sessions());
        await copy.passwordCodes(rows.passwordCodes());
        for (const batch of rows.securityLog()) await copy.securityLog(batch);
        for (const batch of rows.audit()) await copy.audit(batch);
        await copy.continueIdentities();
        await copy.kv([...rows.kv(), ...(secret === undefined ? [] : [{ key: TOKEN_SECRET_KEY, value: secret }])]);
        for (const name of rows.docNames()) {
          const doc = rows.doc(name);
          docBytes += (doc.stored.snapshot?.update.byteLength ?? 0) + (doc.stored.snapshot?.stateVector?.byteLength ?? 0);
          for (const update of doc.stored.updates) docBytes += update.update.byteLength;
          await copy.storedDoc(doc);
        }
      });
      const copied = performance.now();
      // The secret is one more key-value on the PostgreSQL side (unless DATA_DIR's kv already had one).
      const secretRow = secret !== undefined && !rows.kv().some((row) => row.key === TOKEN_SECRET_KEY) ? 1 : 0;
      await checkMigration({ rows, store }, target, {
        counts: { ...counts, kv: counts.kv + secretRow },
        tokenSecret: secret === undefined ? undefined : { key: TOKEN_SECRET_KEY, value: secret },
      });
      return { counts, docBytes, tokenSecretCopied: secret !== undefined, copyMs: copied - started, checkMs: performance.now() - copied };
    } finally {
      rows.close();
    }
  } finally {
    await store.close();
  }
}
