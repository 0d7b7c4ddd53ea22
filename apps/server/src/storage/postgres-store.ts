/**
 * The scaled store: PostgreSQL through the `pg` driver's pool, shared by every server
 * instance. PostgreSQL is the truth (DESIGN.md, "Guarantees of the scaled mode").
 *
 * Durability and ordering choices:
 * - A write resolves only after PostgreSQL answered its COMMIT (with the server's default
 *   `synchronous_commit = on`, the WAL is flushed by then): the sync layer relays an
 *   update only after that, so an update anyone has seen is never lost.
 * - Appends of one document go one batch at a time (`keyed-batcher.ts`), each batch one
 *   statement (`postgres-docs.ts`): in submission order within this process, and in
 *   commit order across instances through the document row's lock. Appends of different
 *   documents run side by side on the pool's connections.
 * - Audit entries of one roster likewise go in order, one batch at a time.
 * - Everything else is a single statement or a short transaction on the pool.
 * - Bounds: the pool's size, a `statement_timeout` on every connection, and batches of
 *   at most `maxBatch` updates and `maxBatchBytes` bytes.
 */
import type { AuditEntry, Commune, Roster, SecurityEvent } from "@roster/schema";
import type pg from "pg";
import { StoreClosedError, StoreVersionError } from "./errors";
import { KeyedBatcher } from "./keyed-batcher";
import { PostgresAccounts } from "./postgres-accounts";
import type { AuditRow } from "./audit-rows";
import { PostgresAudit, auditRows } from "./postgres-audit";
import { type AppendJob, PostgresDocs } from "./postgres-docs";
import { PostgresImport } from "./postgres-import";
import { PostgresKv } from "./postgres-kv";
import { PostgresLoginAttempts } from "./postgres-login-attempts";
import { PostgresLeases } from "./postgres-leases";
import { migrate } from "./postgres-migrations";
import {
  type PoolSettings,
  type PostgresLimits,
  answersWithin,
  assertStorableText,
  createPool,
  describeDatabase,
  inTransaction,
  poolSettings,
  toNumber,
} from "./postgres-pool";
import { TABLES, type TableCounts } from "./table-counts";
import { PostgresSecurityLog } from "./postgres-security-log";
import { PostgresSessions } from "./postgres-sessions";
import type {
  LoginAttemptLimits,
  WriteFence,
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
} from "./store";
import { assertSnapshot } from "./stored-doc";

export interface PostgresStoreOptions extends PostgresLimits {
  /** Most updates in one append statement (default 1,000). */
  maxBatch?: number;
  /** Most bytes of updates in one append statement (default 8 MiB; a larger update goes alone). */
  maxBatchBytes?: number;
  /** `healthy()` answers false when `SELECT 1` takes longer (default 2 s). */
  healthTimeoutMs?: number;
}

export class PostgresStore implements Store {
  /** Ownership leases of rosters (scaled mode); their epochs fence `appendUpdate` and `compactDoc`. */
  readonly leases: PostgresLeases;
  readonly #pool: pg.Pool;
  readonly #docs: PostgresDocs;
  readonly #audit: PostgresAudit;
  readonly #accounts: PostgresAccounts;
  readonly #sessions: PostgresSessions;
  readonly #securityLog: PostgresSecurityLog;
  readonly #kv: PostgresKv;
  readonly #loginAttempts: PostgresLoginAttempts;
  readonly #appends: KeyedBatcher<AppendJob, number>;
  readonly #auditAppends: KeyedBatcher<AuditRow[], undefined>;
  readonly #healthTimeoutMs: number;
  /** Calls not settled yet: close() lets them finish before it ends the pool. */
  readonly #inFlight = new Set<Promise<unknown>>();
  #closing: Promise<void> | undefined;
  readonly #commits = { batches: 0, items: 0, failedBatches: 0 };

  /**
   * Connects, migrates the schema (several instances starting at once migrate one after
   * another) and resolves once the store is usable. Fails with a message naming the
   * database (never its credentials) when PostgreSQL cannot be reached.
   */
  static async open(url: string, options: PostgresStoreOptions = {}): Promise<PostgresStore> {
    const pool = createPool(url, options);
    try {
      await migrate(pool);
    } catch (error) {
      await pool.end().catch(() => undefined);
      if (error instanceof StoreVersionError) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      const unreachable = error instanceof Error && "code" in error && typeof error.code === "string" && /^(ECONN|ENOTFOUND|EAI_|ETIMEDOUT|EHOSTUNREACH)/.test(error.code);
      throw new Error(
        unreachable
          ? `Không kết nối được PostgreSQL / PostgreSQL at ${describeDatabase(url)} is unreachable: ${reason}`
          : `Không mở được cơ sở dữ liệu PostgreSQL / Could not open PostgreSQL at ${describeDatabase(url)}: ${reason}`,
        { cause: error },
      );
    }
    return new PostgresStore(pool, options);
  }

  private constructor(pool: pg.Pool, options: PostgresStoreOptions) {
    this.#pool = pool;
    this.#docs = new PostgresDocs(pool);
    this.#audit = new PostgresAudit(pool);
    this.#accounts = new PostgresAccounts(pool);
    this.#sessions = new PostgresSessions(pool);
    this.#securityLog = new PostgresSecurityLog(pool);
    this.#kv = new PostgresKv(pool);
    this.#loginAttempts = new PostgresLoginAttempts(pool);
    this.leases = new PostgresLeases(pool);
    this.#healthTimeoutMs = options.healthTimeoutMs ?? 2_000;
    const maxItems = options.maxBatch ?? 1000;
    const maxBytes = options.maxBatchBytes ?? 8 * 1024 * 1024;
    // Keyed by document and fence: a batch is written under one ownership epoch (or none).
    this.#appends = new KeyedBatcher((key, jobs) => this.#countCommit(jobs.length, this.#docs.append(docOfKey(key), jobs, jobs[0]?.fence)), {
      maxItems,
      maxBytes,
      sizeOf: (job) => job.data.byteLength,
    });
    this.#auditAppends = new KeyedBatcher(
      async (_rosterId, calls) => {
        await this.#audit.append(calls.flat());
        return calls.map(() => undefined);
      },
      { maxItems, maxBytes, sizeOf: (rows) => rows.length * 256 },
    );
  }

  loadStored(name: string): Promise<StoredDoc> {
    return this.#run(() => this.#docs.load(name));
  }

  updatesAfter(name: string, afterSeq: number): Promise<StoredUpdate[] | undefined> {
    return this.#run(async () => {
      if (!Number.isSafeInteger(afterSeq)) throw new RangeError(`afterSeq must be an integer, got ${afterSeq}`);
      return this.#docs.after(name, afterSeq);
    });
  }

  appendUpdate(name: string, update: Uint8Array, audit?: UpdateAudit, fence?: WriteFence): Promise<number> {
    return this.#run(() => {
      // An empty update would make Y.applyUpdate throw when the document is loaded.
      if (!(update instanceof Uint8Array) || update.byteLength === 0) throw new TypeError("update must be a non-empty Uint8Array");
      assertStorableText(name, "document name");
      // Encoded here, so a bad entry fails this call and not the batch it would share.
      const rows = audit && audit.entries.length > 0 ? auditRows(audit.rosterId, audit.entries) : [];
      // A copy: the caller's buffer may be reused before the batch is written.
      const job = { data: new Uint8Array(update), audit: rows, ...(fence ? { fence } : {}) };
      return this.#appends.submit(fence ? `${name}\u0000${fence.lease}\u0000${fence.epoch}` : name, job);
    });
  }

  compactDoc(name: string, snapshot: NewSnapshot, throughSeq: number, fence?: WriteFence): Promise<void> {
    return this.#run(async () => {
      assertSnapshot(snapshot);
      if (!Number.isSafeInteger(throughSeq) || throughSeq < 0) throw new RangeError(`throughSeq must be a non-negative integer, got ${throughSeq}`);
      await this.#docs.compact(name, snapshot, throughSeq, fence);
    });
  }

  docStats(name: string): Promise<{ updates: number; bytes: number; lastSeq: number }> {
    return this.#run(() => this.#docs.stats(name));
  }

  appendAudit(rosterId: string, entries: readonly AuditEntry[]): Promise<void> {
    return this.#run(async () => {
      if (entries.length === 0) return;
      await this.#auditAppends.submit(rosterId, auditRows(rosterId, entries));
    });
  }

  listAudit(rosterId: string, query?: { childId?: string; limit?: number }): Promise<AuditEntry[]> {
    return this.#run(() => this.#audit.list(rosterId, query));
  }

  addCommune(commune: Commune): Promise<void> {
    return this.#run(() => this.#accounts.addCommune(commune));
  }

  getCommune(code: string): Promise<Commune | undefined> {
    return this.#run(() => this.#accounts.getCommune(code));
  }

  listCommunes(): Promise<Commune[]> {
    return this.#run(() => this.#accounts.listCommunes());
  }

  addRoster(roster: Roster): Promise<void> {
    return this.#run(() => this.#accounts.addRoster(roster));
  }

  getRoster(id: string): Promise<Roster | undefined> {
    return this.#run(() => this.#accounts.getRoster(id));
  }

  listRosters(commune: string): Promise<Roster[]> {
    return this.#run(() => this.#accounts.listRosters(commune));
  }

  updateRoster(id: string, patch: { name?: string; archived?: boolean }): Promise<void> {
    return this.#run(() => this.#accounts.updateRoster(id, patch));
  }

  addUser(user: Omit<StoredUser, "rosters" | "lastLoginAt"> & { rosters?: string[]; lastLoginAt?: string | null }): Promise<void> {
    return this.#run(() => this.#accounts.addUser(user));
  }

  getUserByUsername(username: string): Promise<StoredUser | undefined> {
    return this.#run(() => this.#accounts.getUserByUsername(username));
  }

  getUserById(id: string): Promise<StoredUser | undefined> {
    return this.#run(() => this.#accounts.getUserById(id));
  }

  listUsers(commune: string): Promise<StoredUser[]> {
    return this.#run(() => this.#accounts.listUsers(commune));
  }

  updateUser(id: string, patch: UserPatch): Promise<void> {
    return this.#run(() => this.#accounts.updateUser(id, patch));
  }

  assignRoster(userId: string, rosterId: string): Promise<void> {
    return this.#run(() => this.#accounts.assignRoster(userId, rosterId));
  }

  unassignRoster(userId: string, rosterId: string): Promise<void> {
    return this.#run(() => this.#accounts.unassignRoster(userId, rosterId));
  }

  addSession(session: Omit<StoredSession, "revokedAt">): Promise<void> {
    return this.#run(() => this.#sessions.add(session));
  }

  getSession(id: string): Promise<StoredSession | undefined> {
    return this.#run(() => this.#sessions.get(id));
  }

  touchSession(id: string, at: string): Promise<void> {
    return this.#run(() => this.#sessions.touch(id, at));
  }

  revokeSession(id: string, at: string): Promise<boolean> {
    return this.#run(() => this.#sessions.revoke(id, at));
  }

  revokeUserSessions(userId: string, at: string, keep?: string): Promise<string[]> {
    return this.#run(() => this.#sessions.revokeOfUser(userId, at, keep));
  }

  listSessions(userId: string, now: string): Promise<StoredSession[]> {
    return this.#run(() => this.#sessions.list(userId, now));
  }

  addPasswordCode(code: StoredPasswordCode): Promise<void> {
    return this.#run(() => this.#sessions.addCode(code));
  }

  findPasswordCode(codeHash: string, now: string): Promise<string | undefined> {
    return this.#run(() => this.#sessions.findCode(codeHash, now));
  }

  redeemPasswordCode(codeHash: string, now: string, passwordHash: string): Promise<string | undefined> {
    return this.#run(() => this.#sessions.redeemCode(codeHash, now, passwordHash));
  }

  appendSecurityEvent(event: StoredSecurityEvent): Promise<void> {
    return this.#run(() => this.#securityLog.append(event));
  }

  listSecurityEvents(commune: string, limit: number): Promise<SecurityEvent[]> {
    return this.#run(() => this.#securityLog.list(commune, limit));
  }

  getValue(key: string): Promise<string | undefined> {
    return this.#run(() => this.#kv.get(key));
  }

  setValueIfAbsent(key: string, value: string): Promise<string> {
    return this.#run(() => this.#kv.setIfAbsent(key, value));
  }

  setValue(key: string, value: string): Promise<void> {
    return this.#run(() => this.#kv.set(key, value));
  }

  countLoginAttempt(key: string, limits: LoginAttemptLimits): Promise<{ counted: boolean; count: number }> {
    return this.#run(async () => {
      assertStorableText(key, "login throttle key");
      return this.#loginAttempts.count(key, limits);
    });
  }

  loginAttempts(key: string, at: number, windowMs: number): Promise<number> {
    return this.#run(() => this.#loginAttempts.attempts(key, at, windowMs));
  }

  clearLoginAttempts(key: string): Promise<void> {
    return this.#run(() => this.#loginAttempts.clear(key));
  }

  /**
   * PostgreSQL only, for `migrate` (not part of `Store`): runs `fill` in ONE transaction
   * without a statement timeout, after checking that the database holds no roster data
   * (`TargetNotEmptyError`; `serverKey`, a key-value a server writes on its first start,
   * does not count). Committed when `fill` resolves; when anything fails nothing
   * stays, so the migration can simply be run again.
   */
  importAll<T>(database: string, serverKey: string, fill: (target: PostgresImport) => Promise<T>): Promise<T> {
    return this.#run(() =>
      inTransaction(this.#pool, async (client) => {
        await client.query("SET LOCAL statement_timeout = 0");
        const target = new PostgresImport(client, serverKey);
        await target.assertEmpty(database);
        return fill(target);
      }),
    );
  }

  /** Rows per table, to check a migration (PostgreSQL only, not part of `Store`). */
  tableCounts(): Promise<TableCounts> {
    return this.#run(async () => {
      const { rows } = await this.#pool.query<Record<keyof TableCounts, string>>(
        `SELECT (SELECT count(*) FROM communes) AS "communes", (SELECT count(*) FROM rosters) AS "rosters",
                (SELECT count(*) FROM users) AS "users", (SELECT count(*) FROM user_rosters) AS "userRosters",
                (SELECT count(*) FROM sessions) AS "sessions", (SELECT count(*) FROM password_codes) AS "passwordCodes",
                (SELECT count(*) FROM security_log) AS "securityLog", (SELECT count(*) FROM audit) AS "audit",
                (SELECT count(*) FROM kv) AS "kv", (SELECT count(*) FROM docs) AS "docs",
                (SELECT count(*) FROM doc_snapshots) AS "snapshots", (SELECT count(*) FROM doc_updates) AS "updates"`,
      );
      const row = rows[0];
      return Object.fromEntries(TABLES.map((table) => [table, toNumber(row?.[table])])) as unknown as TableCounts;
    });
  }

  /** A `SELECT 1` answered within the health timeout. */
  async healthy(): Promise<boolean> {
    if (this.#closing) return false;
    return answersWithin(this.#pool, this.#healthTimeoutMs);
  }

  /** The timeouts in force on the pool's connections, for the startup log and tests. */
  settings(): Promise<PoolSettings> {
    return this.#run(() => poolSettings(this.#pool));
  }

  /** Append statements run so far and the updates in them. */
  commitStats(): { batches: number; items: number; failedBatches: number } {
    return { ...this.#commits };
  }

  async #countCommit<T>(items: number, committing: Promise<T>): Promise<T> {
    try {
      const result = await committing;
      this.#commits.batches += 1;
      this.#commits.items += items;
      return result;
    } catch (error) {
      this.#commits.failedBatches += 1;
      throw error;
    }
  }

  /** Refuses new calls, lets every call already made finish, then closes the pool (idempotent). */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
      await this.#pool.end();
    })();
    return this.#closing;
  }

  /** Runs one call of the interface: refused once closing, and tracked until it settles. */
  #run<T>(call: () => Promise<T>): Promise<T> {
    if (this.#closing) return Promise.reject(new StoreClosedError());
    let running: Promise<T>;
    try {
      running = call();
    } catch (error) {
      return Promise.reject(error);
    }
    this.#inFlight.add(running);
    const forget = () => this.#inFlight.delete(running);
    running.then(forget, forget);
    return running;
  }
}

/** The document of an append batch's key (`name`, or `name NUL lease NUL epoch` when fenced). */
function docOfKey(key: string): string {
  return key.split("\u0000")[0] ?? key;
}
