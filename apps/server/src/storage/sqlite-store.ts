/**
 * The embedded store: one SQLite file, `<DATA_DIR>/roster.db`, through better-sqlite3.
 *
 * Durability choices:
 * - `journal_mode=WAL`: a commit appends to the write-ahead log (sequential I/O) and
 *   readers never block the writer. The log is folded into the database by automatic
 *   checkpoints; a crash at any moment leaves a consistent database.
 * - `synchronous=FULL`: the WAL is fsynced at every commit. With the default NORMAL a
 *   committed transaction can still be lost on power failure, and the sync layer relays an
 *   update to other clients as soon as `appendUpdate` resolves; FULL makes "resolved"
 *   mean "on disk", so a server that is killed never forgets an update someone has seen.
 * - Group commit in a writer thread: document updates, audit entries and compactions are
 *   committed by a second connection in a worker thread (`sqlite-writer.ts`), so the fsync
 *   never blocks the event loop that serves every socket. An fsync per update would bound
 *   the whole server to what the disk can sync per second, so the writes of one turn travel
 *   together (`turn-batcher.ts`) and the thread folds every batch that queued up while it
 *   committed into its next transaction: one fsync, and all their promises resolve after
 *   it. Reads and the rare account and key-value writes stay on this thread's connection;
 *   WAL lets it read whatever the writer has committed.
 * - `foreign_keys=ON`, and a `busy_timeout` so a second process (the operator CLI) or the
 *   other connection holding the write lock briefly makes writes wait instead of fail.
 */
import path from "node:path";
import type { AuditEntry, Commune, Roster, SecurityEvent } from "@roster/schema";
import Database from "better-sqlite3";
import { StoreClosedError } from "./errors";
import { SqliteAccounts } from "./sqlite-accounts";
import { auditRows } from "./audit-rows";
import { AUDIT_INSERT_SQL, SqliteAudit, auditJob } from "./sqlite-audit";
import { DOC_WRITE_SQL, SqliteDocs } from "./sqlite-docs";
import { SqliteKv } from "./sqlite-kv";
import { SqliteLoginAttempts } from "./sqlite-login-attempts";
import { SqliteSecurityLog } from "./sqlite-security-log";
import { SqliteSessions } from "./sqlite-sessions";
import { migrate } from "./sqlite-migrations";
import { SqliteWriter, type WriteJob, type WriterStats } from "./sqlite-writer";
import { TurnBatcher } from "./turn-batcher";
import type {
  LoginAttemptLimits,
  NewSnapshot,
  Store,
  StoredDoc,
  StoredPasswordCode,
  StoredSecurityEvent,
  StoredSession,
  StoredUpdate,
  StoredUser,
  UpdateAudit,
  UserPatch,
  WriteFence,
} from "./store";
import { assertSnapshot } from "./stored-doc";
import { privateDataDir, privateFile } from "./private-files";

export interface SqliteStoreOptions {
  /** How long a write waits for another process's lock before failing (default 5 s). */
  busyTimeoutMs?: number;
  /** Most writes in one transaction of the writer thread (default 1,000). */
  maxBatch?: number;
}

/** The database file inside the data folder. */
export const SQLITE_FILE_NAME = "roster.db";

export class SqliteStore implements Store {
  /** Absolute path of the database file. */
  readonly file: string;
  readonly #db: Database.Database;
  readonly #docs: SqliteDocs;
  readonly #audit: SqliteAudit;
  readonly #accounts: SqliteAccounts;
  readonly #kv: SqliteKv;
  readonly #loginAttempts: SqliteLoginAttempts;
  readonly #sessions: SqliteSessions;
  readonly #securityLog: SqliteSecurityLog;
  readonly #writer: SqliteWriter;
  readonly #writes: TurnBatcher<WriteJob, number>;
  /** Compactions sent to the writer and not answered yet (close waits for them). */
  readonly #compactions = new Set<Promise<void>>();
  readonly #ping: Database.Statement<[], number>;
  #closing: Promise<void> | undefined;

  /** Opens (creating the folder and the database if needed) and migrates the schema. */
  static open(dir: string, options: SqliteStoreOptions = {}): SqliteStore {
    privateDataDir(dir);
    privateFile(path.resolve(dir, SQLITE_FILE_NAME));
    const db = new Database(path.resolve(dir, SQLITE_FILE_NAME));
    try {
      db.pragma("journal_mode = WAL");
      db.pragma("synchronous = FULL");
      db.pragma("foreign_keys = ON");
      db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? 5000))}`);
      migrate(db);
      return new SqliteStore(db, options.busyTimeoutMs ?? 5000, options);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  private constructor(db: Database.Database, busyTimeoutMs: number, options: SqliteStoreOptions) {
    this.file = db.name;
    this.#db = db;
    this.#docs = new SqliteDocs(db);
    this.#audit = new SqliteAudit(db);
    this.#accounts = new SqliteAccounts(db);
    this.#kv = new SqliteKv(db);
    this.#loginAttempts = new SqliteLoginAttempts(db);
    this.#sessions = new SqliteSessions(db);
    this.#securityLog = new SqliteSecurityLog(db);
    this.#ping = db.prepare<[], number>("SELECT 1").pluck();
    this.#writer = new SqliteWriter({
      file: db.name,
      busyTimeoutMs: Math.max(0, Math.trunc(busyTimeoutMs)),
      sql: { ...DOC_WRITE_SQL, insertAudit: AUDIT_INSERT_SQL },
      maxJobs: options.maxBatch ?? 1000,
    });
    // Writes of one turn travel together; the writer thread groups whatever queued up while
    // it committed into one transaction. It takes the write lock up front (BEGIN
    // IMMEDIATE), so a busy database fails the batch at BEGIN (nothing half done).
    this.#writes = new TurnBatcher((jobs) => this.#writer.commit(jobs), options.maxBatch ?? 1000);
  }

  async loadStored(name: string): Promise<StoredDoc> {
    this.#assertOpen();
    return this.#docs.load(name);
  }

  async updatesAfter(name: string, afterSeq: number): Promise<StoredUpdate[] | undefined> {
    this.#assertOpen();
    return this.#docs.after(name, afterSeq);
  }

  async appendUpdate(name: string, update: Uint8Array, audit?: UpdateAudit, fence?: WriteFence): Promise<number> {
    this.#assertOpen();
    refuseFence(fence);
    // An empty update would make Y.applyUpdate throw when the document is loaded.
    if (!(update instanceof Uint8Array) || update.byteLength === 0) throw new TypeError("update must be a non-empty Uint8Array");
    // Encoded here, so a bad entry fails this call and not the shared transaction.
    const rows = audit && audit.entries.length > 0 ? auditRows(audit.rosterId, audit.entries) : undefined;
    // A copy: the caller's buffer may be reused before the batch is written, and the copy's
    // own ArrayBuffer is handed over to the writer thread rather than copied again.
    return this.#writes.submit({ kind: "update", doc: name, data: new Uint8Array(update), ...(rows ? { audit: rows } : {}) });
  }

  async compactDoc(name: string, snapshot: NewSnapshot, throughSeq: number, fence?: WriteFence): Promise<void> {
    this.#assertOpen();
    refuseFence(fence);
    assertSnapshot(snapshot);
    if (!Number.isSafeInteger(throughSeq) || throughSeq < 0) {
      throw new RangeError(`throughSeq must be a non-negative integer, got ${throughSeq}`);
    }
    const done = this.#writer.compact(
      name,
      { update: new Uint8Array(snapshot.update), stateVector: new Uint8Array(snapshot.stateVector), witnessed: snapshot.witnessed },
      throughSeq,
    );
    const settled = done.then(
      () => undefined,
      () => undefined,
    );
    this.#compactions.add(settled);
    void settled.finally(() => this.#compactions.delete(settled));
    return done;
  }

  async docStats(name: string): Promise<{ updates: number; bytes: number; lastSeq: number }> {
    this.#assertOpen();
    return this.#docs.stats(name);
  }

  async appendAudit(rosterId: string, entries: readonly AuditEntry[]): Promise<void> {
    this.#assertOpen();
    if (entries.length === 0) return;
    await this.#writes.submit(auditJob(rosterId, entries));
  }

  async listAudit(rosterId: string, query?: { childId?: string; limit?: number }): Promise<AuditEntry[]> {
    this.#assertOpen();
    return this.#audit.list(rosterId, query);
  }

  async addCommune(commune: Commune): Promise<void> {
    this.#assertOpen();
    this.#accounts.addCommune(commune);
  }

  async getCommune(code: string): Promise<Commune | undefined> {
    this.#assertOpen();
    return this.#accounts.getCommune(code);
  }

  async listCommunes(): Promise<Commune[]> {
    this.#assertOpen();
    return this.#accounts.listCommunes();
  }

  async addRoster(roster: Roster): Promise<void> {
    this.#assertOpen();
    this.#accounts.addRoster(roster);
  }

  async getRoster(id: string): Promise<Roster | undefined> {
    this.#assertOpen();
    return this.#accounts.getRoster(id);
  }

  async listRosters(commune: string): Promise<Roster[]> {
    this.#assertOpen();
    return this.#accounts.listRosters(commune);
  }

  async updateRoster(id: string, patch: { name?: string; archived?: boolean }): Promise<void> {
    this.#assertOpen();
    this.#accounts.updateRoster(id, patch);
  }

  async addUser(user: Omit<StoredUser, "rosters" | "lastLoginAt"> & { rosters?: string[]; lastLoginAt?: string | null }): Promise<void> {
    this.#assertOpen();
    this.#accounts.addUser(user);
  }

  async getUserByUsername(username: string): Promise<StoredUser | undefined> {
    this.#assertOpen();
    return this.#accounts.getUserByUsername(username);
  }

  async getUserById(id: string): Promise<StoredUser | undefined> {
    this.#assertOpen();
    return this.#accounts.getUserById(id);
  }

  async listUsers(commune: string): Promise<StoredUser[]> {
    this.#assertOpen();
    return this.#accounts.listUsers(commune);
  }

  async updateUser(id: string, patch: UserPatch): Promise<void> {
    this.#assertOpen();
    this.#accounts.updateUser(id, patch);
  }

  async assignRoster(userId: string, rosterId: string): Promise<void> {
    this.#assertOpen();
    this.#accounts.assignRoster(userId, rosterId);
  }

  async unassignRoster(userId: string, rosterId: string): Promise<void> {
    this.#assertOpen();
    this.#accounts.unassignRoster(userId, rosterId);
  }

  async addSession(session: Omit<StoredSession, "revokedAt">): Promise<void> {
    this.#assertOpen();
    this.#sessions.add(session);
  }

  async getSession(id: string): Promise<StoredSession | undefined> {
    this.#assertOpen();
    return this.#sessions.get(id);
  }

  async touchSession(id: string, at: string): Promise<void> {
    this.#assertOpen();
    this.#sessions.touch(id, at);
  }

  async revokeSession(id: string, at: string): Promise<boolean> {
    this.#assertOpen();
    return this.#sessions.revoke(id, at);
  }

  async revokeUserSessions(userId: string, at: string, keep?: string): Promise<string[]> {
    this.#assertOpen();
    return this.#sessions.revokeOfUser(userId, at, keep);
  }

  async listSessions(userId: string, now: string): Promise<StoredSession[]> {
    this.#assertOpen();
    return this.#sessions.list(userId, now);
  }

  async addPasswordCode(code: StoredPasswordCode): Promise<void> {
    this.#assertOpen();
    this.#sessions.addCode(code);
  }

  async findPasswordCode(codeHash: string, now: string): Promise<string | undefined> {
    this.#assertOpen();
    return this.#sessions.findCode(codeHash, now);
  }

  async redeemPasswordCode(codeHash: string, now: string, passwordHash: string): Promise<string | undefined> {
    this.#assertOpen();
    return this.#sessions.redeemCode(codeHash, now, passwordHash);
  }

  async appendSecurityEvent(event: StoredSecurityEvent): Promise<void> {
    this.#assertOpen();
    this.#securityLog.append(event);
  }

  async listSecurityEvents(commune: string, limit: number): Promise<SecurityEvent[]> {
    this.#assertOpen();
    return this.#securityLog.list(commune, limit);
  }

  async getValue(key: string): Promise<string | undefined> {
    this.#assertOpen();
    return this.#kv.get(key);
  }

  async setValueIfAbsent(key: string, value: string): Promise<string> {
    this.#assertOpen();
    return this.#kv.setIfAbsent(key, value);
  }

  async setValue(key: string, value: string): Promise<void> {
    this.#assertOpen();
    this.#kv.set(key, value);
  }

  async countLoginAttempt(key: string, limits: LoginAttemptLimits): Promise<{ counted: boolean; count: number }> {
    this.#assertOpen();
    return this.#loginAttempts.count(key, limits);
  }

  async loginAttempts(key: string, at: number, windowMs: number): Promise<number> {
    this.#assertOpen();
    return this.#loginAttempts.attempts(key, at, windowMs);
  }

  async clearLoginAttempts(key: string): Promise<void> {
    this.#assertOpen();
    this.#loginAttempts.clear(key);
  }

  async healthy(): Promise<boolean> {
    if (this.#closing) return false;
    try {
      return this.#ping.get() === 1;
    } catch {
      return false;
    }
  }

  /** Waits for queued writes to commit, then closes the database (idempotent). */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      await this.#writes.idle();
      await Promise.all(this.#compactions);
      await this.#writer.close();
      this.#db.close();
    })();
    return this.#closing;
  }

  /** The durability settings in force on this connection, for the startup log and tests. */
  settings(): { journalMode: string; synchronous: "OFF" | "NORMAL" | "FULL" | "EXTRA"; foreignKeys: boolean; busyTimeoutMs: number } {
    const read = (pragma: string): unknown => this.#db.pragma(pragma, { simple: true });
    const synchronous = (["OFF", "NORMAL", "FULL", "EXTRA"] as const)[Number(read("synchronous"))] ?? "OFF";
    return {
      journalMode: String(read("journal_mode")),
      synchronous,
      foreignKeys: read("foreign_keys") === 1,
      busyTimeoutMs: Number(read("busy_timeout")),
    };
  }

  /** Transactions the writer thread has run so far and the writes in them. */
  commitStats(): WriterStats {
    return this.#writer.stats();
  }

  #assertOpen(): void {
    if (this.#closing) throw new StoreClosedError();
  }
}

/** One process owns an embedded store: a write fenced by a lease is a wiring mistake. */
function refuseFence(fence: WriteFence | undefined): void {
  if (fence !== undefined) throw new TypeError("the embedded store has no ownership leases: a fenced write belongs to PostgreSQL");
}
