import type { AuditEntry, Commune, Roster, SecurityEvent, User } from "@roster/schema";

/**
 * The narrow storage interface of the server. Two implementations pass one contract
 * suite (`store-contract.ts`): `SqliteStore` (embedded, default) and, later,
 * `PostgresStore` (scaled mode). Everything the server keeps durably goes through here:
 * Yjs document updates, the audit log, accounts, and small server state.
 *
 * Document names are opaque strings chosen by the sync layer, e.g. `records:<rosterId>`
 * and `review:<rosterId>`.
 */
/**
 * Audit entries that describe one document update: stored in the same commit as the
 * update, so a crash can never keep a change without its audit (or the reverse).
 */
export interface UpdateAudit {
  rosterId: string;
  entries: readonly AuditEntry[];
}

/** One stored update of a document and its sequence number (given in commit order). */
export interface StoredUpdate {
  seq: number;
  update: Uint8Array;
  /**
   * False for an update stored before deletion witnesses existed (its deletions may not be
   * covered by its structs, see `sync/deletion-witness.ts`): a sync answer never leaves it
   * out. Absent means true.
   */
  witnessed?: boolean;
}

/** A document's snapshot: the merged state of every update through `seq`. */
export interface StoredSnapshot extends StoredUpdate {
  /**
   * `Y.encodeStateVector` of the snapshot, computed when it was made and kept beside it, so
   * answering a sync never scans the snapshot. Null for a snapshot stored before they were kept.
   */
  stateVector: Uint8Array | null;
  /**
   * Every deletion merged into it came with a struct of the same update (see
   * `sync/deletion-witness.ts`): a client whose state vector covers the snapshot's holds
   * its deletions too, and needs nothing of it. False for a snapshot stored before.
   */
  witnessed: boolean;
}

/** Everything stored for a document, as it is stored: no Yjs decoding involved. */
export interface StoredDoc {
  snapshot: StoredSnapshot | undefined;
  /** The updates appended after the snapshot, oldest first. */
  updates: StoredUpdate[];
  /** The last sequence number given (0 for a new document); never reused. */
  lastSeq: number;
}

/** A snapshot to store (see `StoredSnapshot`). */
export interface NewSnapshot {
  update: Uint8Array;
  stateVector: Uint8Array;
  witnessed: boolean;
}

/**
 * Scaled mode: the ownership (lease name and epoch, `postgres-leases.ts`) a write is made
 * under. The store refuses the write (`StoreFencedError`) once the lease has another epoch.
 * The embedded store has no leases (one process owns everything) and refuses a fence.
 */
export interface WriteFence {
  lease: string;
  epoch: number;
}

export interface DocStore {
  /**
   * Everything persisted for a document: the latest snapshot (if any) and every update
   * appended after it. Applying the snapshot then the updates in order with
   * `Y.applyUpdate` restores the document exactly. Empty for an unknown document.
   */
  loadStored(name: string): Promise<StoredDoc>;
  /**
   * The updates appended after `afterSeq`, oldest first, for a reader that missed some (a
   * relay gap). Undefined when some of them were compacted into the snapshot since: the
   * reader must load the document again.
   */
  updatesAfter(name: string, afterSeq: number): Promise<StoredUpdate[] | undefined>;
  /**
   * Appends one update. The promise resolves only once the update is durably
   * committed (fsynced): the sync layer relays an update to other clients only after
   * that. Concurrent calls are group-committed (one transaction, one fsync).
   * Resolves to the update's sequence number within the document. `audit`, when given,
   * is committed in the same transaction as the update: both are stored or neither is.
   * With `fence`, nothing is stored unless the lease still holds (`WriteFence`).
   */
  appendUpdate(name: string, update: Uint8Array, audit?: UpdateAudit, fence?: WriteFence): Promise<number>;
  /**
   * Replaces every update up to and including `throughSeq` with `snapshot` (the merged
   * state of exactly those updates), atomically: updates appended after `throughSeq`,
   * even while the snapshot was being made, are kept. A compaction that an earlier one
   * already covers changes nothing; one past the last update is a `RangeError`. With
   * `fence`, nothing changes unless the lease still holds.
   */
  compactDoc(name: string, snapshot: NewSnapshot, throughSeq: number, fence?: WriteFence): Promise<void>;
  /** Counts of what is stored for a document, to decide when to compact. */
  docStats(name: string): Promise<{ updates: number; bytes: number; lastSeq: number }>;
}

export interface AuditStore {
  /** Appends entries of one roster, durably, in one transaction. */
  appendAudit(rosterId: string, entries: readonly AuditEntry[]): Promise<void>;
  /** Entries of a roster, oldest first, optionally for one child (or guardian) id. */
  listAudit(rosterId: string, query?: { childId?: string; limit?: number }): Promise<AuditEntry[]>;
}

/** A user as stored: the API's user plus the password hash (which never leaves the server). */
export type StoredUser = User & { passwordHash: string };

/** What an admin (or the owner, or a redeemed code) may change of a user. */
export interface UserPatch {
  displayName?: string;
  role?: User["role"];
  disabled?: boolean;
  passwordHash?: string;
  /** Replaces the user's roster assignments (each must be a roster of the user's commune). */
  rosters?: string[];
  lastLoginAt?: string;
}

export interface AccountStore {
  addCommune(commune: Commune): Promise<void>;
  getCommune(code: string): Promise<Commune | undefined>;
  listCommunes(): Promise<Commune[]>;
  addRoster(roster: Roster): Promise<void>;
  getRoster(id: string): Promise<Roster | undefined>;
  /** Every roster of a commune, archived ones included (with `archived: true`), by id. */
  listRosters(commune: string): Promise<Roster[]>;
  /** `StoreNotFoundError` for an unknown roster. */
  updateRoster(id: string, patch: { name?: string; archived?: boolean }): Promise<void>;
  addUser(user: Omit<StoredUser, "rosters" | "lastLoginAt"> & { rosters?: string[]; lastLoginAt?: string | null }): Promise<void>;
  getUserByUsername(username: string): Promise<StoredUser | undefined>;
  getUserById(id: string): Promise<StoredUser | undefined>;
  listUsers(commune: string): Promise<StoredUser[]>;
  /** All or nothing; `StoreNotFoundError` for an unknown user or a roster outside its commune. */
  updateUser(id: string, patch: UserPatch): Promise<void>;
  assignRoster(userId: string, rosterId: string): Promise<void>;
  unassignRoster(userId: string, rosterId: string): Promise<void>;
}

/** A login: the token names it (`sid`), so the server can end it before the token expires. */
export interface StoredSession {
  id: string;
  userId: string;
  /** The browser or client that logged in (User-Agent, shortened), shown in "my sessions". */
  device: string;
  createdAt: string;
  lastUsedAt: string;
  expiresAt: string;
  revokedAt: string | null;
}

export interface SessionStore {
  addSession(session: Omit<StoredSession, "revokedAt">): Promise<void>;
  getSession(id: string): Promise<StoredSession | undefined>;
  touchSession(id: string, at: string): Promise<void>;
  /** Revokes one session; false when it was unknown or already revoked. */
  revokeSession(id: string, at: string): Promise<boolean>;
  /** Revokes every open session of a user except `keep`; resolves to the ids it revoked. */
  revokeUserSessions(userId: string, at: string, keep?: string): Promise<string[]>;
  /** The user's sessions not revoked and not expired at `now`, most recently used first. */
  listSessions(userId: string, now: string): Promise<StoredSession[]>;
}

/** A one-time code an admin issued; only its hash is stored. */
export interface StoredPasswordCode {
  codeHash: string;
  userId: string;
  createdAt: string;
  expiresAt: string;
}

export interface PasswordCodeStore {
  /** Stores a new code for a user; every earlier unused code of that user stops working. */
  addPasswordCode(code: StoredPasswordCode): Promise<void>;
  /** The user a code is for while it is unused and not expired at `now`. */
  findPasswordCode(codeHash: string, now: string): Promise<string | undefined>;
  /**
   * Uses the code and sets the user's password in one transaction; resolves to the user id,
   * or undefined when the code is unknown, used or expired (then nothing changes).
   */
  redeemPasswordCode(codeHash: string, now: string, passwordHash: string): Promise<string | undefined>;
}

/** A security-log entry as stored: the event plus the commune it belongs to. */
export type StoredSecurityEvent = SecurityEvent & { commune: string };

export interface SecurityLogStore {
  appendSecurityEvent(event: StoredSecurityEvent): Promise<void>;
  /** Newest first, at most `limit`. */
  listSecurityEvents(commune: string, limit: number): Promise<SecurityEvent[]>;
}

/** Small named values the server keeps (e.g. the token-signing secret, daily series). */
export interface KeyValueStore {
  getValue(key: string): Promise<string | undefined>;
  /** Sets the value only when the key is absent; resolves to the value now stored. */
  setValueIfAbsent(key: string, value: string): Promise<string>;
  setValue(key: string, value: string): Promise<void>;
}

/** What `countLoginAttempt` is asked to apply: the policy is the caller's, the mechanism the store's. */
export interface LoginAttemptLimits {
  /** Now, in epoch milliseconds. */
  at: number;
  /** Attempts older than this (at or before `at - windowMs`) no longer count. */
  windowMs: number;
  /** Attempts a key may have in the window; the one past it is refused and not counted. */
  max: number;
  /**
   * Keys kept at most: beyond it the least recently counted keys are forgotten, so a flood
   * of distinct usernames cannot grow the table without bound.
   */
  maxKeys: number;
}

/**
 * Failed-login counters (the login throttle), kept in the store so that every instance of
 * the scaled mode counts the same attempts and a restart does not clear them.
 */
export interface ThrottleStore {
  /**
   * Counts an attempt of `key` unless it already has `max` in the window, atomically (two
   * instances racing never both take the last attempt). `count` is the number in the
   * window after this call.
   */
  countLoginAttempt(key: string, limits: LoginAttemptLimits): Promise<{ counted: boolean; count: number }>;
  /** Attempts of `key` in the window ending at `at`. */
  loginAttempts(key: string, at: number, windowMs: number): Promise<number>;
  /** The password was right: the key's attempts are forgotten. */
  clearLoginAttempts(key: string): Promise<void>;
}

export interface Store extends DocStore, AuditStore, AccountStore, SessionStore, PasswordCodeStore, SecurityLogStore, KeyValueStore, ThrottleStore {
  /** True when the storage answers (for /healthz). */
  healthy(): Promise<boolean>;
  /** Finishes pending writes and closes. */
  close(): Promise<void>;
}
