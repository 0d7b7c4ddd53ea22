import { isDeepStrictEqual } from "node:util";
import type { PostgresStore } from "../storage/postgres-store";
import type { SqliteExport } from "../storage/sqlite-export";
import type { Store } from "../storage/store";
import { TABLES, type TableCounts } from "../storage/table-counts";

/** The copy differs from the embedded store: `difference` names the first thing found. */
export class MigrationCheckError extends Error {
  override readonly name = "MigrationCheckError";
  constructor(readonly difference: string) {
    super(`Bản sao khác bản gốc / The copy differs from the original: ${difference}`);
  }
}

export interface CheckSource {
  /** The embedded store's rows, read directly. */
  rows: SqliteExport;
  /** The embedded store, read through the interface the server uses. */
  store: Store;
}

/**
 * Checks a finished copy against the embedded store it came from: every table holds as
 * many rows, every document's stored bytes (snapshot, state vector, witnessed flag,
 * updates and their numbers, counter) are identical, and everything the server reads
 * through `Store` — communes, rosters, users, sessions, password codes, audit, security
 * log, key-values — reads back the same. Throws `MigrationCheckError` at the first
 * difference. Resolves to the target's counts.
 */
export async function checkMigration(source: CheckSource, target: PostgresStore, expected: { counts: TableCounts; tokenSecret: { key: string; value: string } | undefined }): Promise<TableCounts> {
  const counts = await target.tableCounts();
  for (const table of TABLES) {
    if (counts[table] !== expected.counts[table]) throw new MigrationCheckError(`${table}: ${expected.counts[table]} → ${counts[table]} rows`);
  }
  const same = async <T>(what: string, read: (store: Store) => Promise<T>) => {
    const [before, after] = [await read(source.store), await read(target)];
    if (!isDeepStrictEqual(before, after)) throw new MigrationCheckError(what);
  };

  for (const name of source.rows.docNames()) {
    const before = source.rows.doc(name).stored;
    const after = await target.loadStored(name);
    if (!isDeepStrictEqual(comparable(before), comparable(after))) throw new MigrationCheckError(`tài liệu / document ${name}`);
  }

  const communes = source.rows.communes();
  await same("xã / communes", (store) => store.listCommunes());
  for (const commune of communes) {
    await same(`danh sách của xã / rosters of commune ${commune.code}`, (store) => store.listRosters(commune.code));
    await same(`tài khoản của xã / users of commune ${commune.code}`, (store) => store.listUsers(commune.code));
  }
  for (const user of source.rows.users()) await same(`tài khoản / user ${user.id}`, (store) => store.getUserById(user.id));
  for (const session of source.rows.sessions()) await same(`phiên / session ${session.id}`, (store) => store.getSession(session.id));
  const now = new Date().toISOString();
  for (const code of source.rows.passwordCodes()) {
    await same(`mã đặt lại mật khẩu của / password code of user ${code.user_id}`, (store) => store.findPasswordCode(code.code_hash, now));
  }
  for (const rosterId of source.rows.auditRosters()) await same(`nhật ký / audit of roster ${rosterId}`, (store) => store.listAudit(rosterId));
  for (const commune of source.rows.securityLogCommunes()) {
    await same(`nhật ký bảo mật / security log of commune ${commune}`, (store) => store.listSecurityEvents(commune, expected.counts.securityLog));
  }
  for (const { key } of source.rows.kv()) await same(`giá trị / key-value ${key}`, (store) => store.getValue(key));
  if (expected.tokenSecret && (await target.getValue(expected.tokenSecret.key)) !== expected.tokenSecret.value) {
    throw new MigrationCheckError("khóa ký token / the token-signing secret");
  }
  return counts;
}

/** A stored document as plain arrays of numbers, so bytes compare whatever buffer holds them. */
function comparable(stored: Awaited<ReturnType<Store["loadStored"]>>): unknown {
  const bytes = (b: Uint8Array | null) => (b === null ? null : Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("base64"));
  return {
    lastSeq: stored.lastSeq,
    snapshot: stored.snapshot && { seq: stored.snapshot.seq, update: bytes(stored.snapshot.update), stateVector: bytes(stored.snapshot.stateVector), witnessed: stored.snapshot.witnessed },
    updates: stored.updates.map((u) => ({ seq: u.seq, update: bytes(u.update) })),
  };
}
