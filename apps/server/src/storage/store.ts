import type { AuditEntry, Commune, Role, Roster } from "@roster/schema";

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

export interface DocStore {
  /**
   * Everything persisted for a document, oldest first: the latest snapshot (if any)
   * followed by every update appended after it. Applying them in order with
   * `Y.applyUpdate` restores the document exactly. Empty for an unknown document.
   */
  loadDoc(name: string): Promise<Uint8Array[]>;
  /**
   * Appends one update. The promise resolves only once the update is durably
   * committed (fsynced): the sync layer relays an update to other clients only after
   * that. Concurrent calls are group-committed (one transaction, one fsync).
   * Resolves to the update's sequence number within the document. `audit`, when given,
   * is committed in the same transaction as the update: both are stored or neither is.
   */
  appendUpdate(name: string, update: Uint8Array, audit?: UpdateAudit): Promise<number>;
  /**
   * Replaces every update up to and including `throughSeq` with `snapshot` (an update
   * encoding the merged state of those updates), atomically. Updates appended after
   * `throughSeq` are kept.
   */
  compactDoc(name: string, snapshot: Uint8Array, throughSeq: number): Promise<void>;
  /** Counts of what is stored for a document, to decide when to compact. */
  docStats(name: string): Promise<{ updates: number; bytes: number; lastSeq: number }>;
}

export interface AuditStore {
  /** Appends entries of one roster, durably, in one transaction. */
  appendAudit(rosterId: string, entries: readonly AuditEntry[]): Promise<void>;
  /** Entries of a roster, oldest first, optionally for one child (or guardian) id. */
  listAudit(rosterId: string, query?: { childId?: string; limit?: number }): Promise<AuditEntry[]>;
}

/** A user as stored, with the password hash (never leaves the server). */
export interface StoredUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  commune: string;
  passwordHash: string;
  /** Rosters assigned to the user (meaningful for `hamlet`). */
  rosters: string[];
  createdAt: string;
  disabled: boolean;
}

export interface AccountStore {
  addCommune(commune: Commune): Promise<void>;
  getCommune(code: string): Promise<Commune | undefined>;
  listCommunes(): Promise<Commune[]>;
  addRoster(roster: Roster): Promise<void>;
  getRoster(id: string): Promise<Roster | undefined>;
  listRosters(commune: string): Promise<Roster[]>;
  addUser(user: Omit<StoredUser, "rosters"> & { rosters?: string[] }): Promise<void>;
  getUserByUsername(username: string): Promise<StoredUser | undefined>;
  getUserById(id: string): Promise<StoredUser | undefined>;
  listUsers(commune: string): Promise<StoredUser[]>;
  assignRoster(userId: string, rosterId: string): Promise<void>;
  unassignRoster(userId: string, rosterId: string): Promise<void>;
}

/** Small named values the server keeps (e.g. the token-signing secret, daily series). */
export interface KeyValueStore {
  getValue(key: string): Promise<string | undefined>;
  /** Sets the value only when the key is absent; resolves to the value now stored. */
  setValueIfAbsent(key: string, value: string): Promise<string>;
  setValue(key: string, value: string): Promise<void>;
}

export interface Store extends DocStore, AuditStore, AccountStore, KeyValueStore {
  /** True when the storage answers (for /healthz). */
  healthy(): Promise<boolean>;
  /** Finishes pending writes and closes. */
  close(): Promise<void>;
}
