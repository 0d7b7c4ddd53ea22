import { RoleSchema, type Commune, type Roster } from "@roster/schema";
import type Database from "better-sqlite3";
import { StoreConflictError, StoreNotFoundError } from "./errors";
import type { StoredUser, UserPatch } from "./store";

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: string;
  commune: string | null;
  province: string | null;
  password_hash: string;
  created_at: string;
  disabled: number;
  last_login_at: string | null;
}

interface RosterRow {
  id: string;
  name: string;
  commune: string;
  archived: number;
}

type NewUser = Omit<StoredUser, "rosters" | "lastLoginAt"> & { rosters?: string[]; lastLoginAt?: string | null };

function prepareStatements(db: Database.Database) {
  return {
    insertCommune: db.prepare<[string, string]>("INSERT INTO communes (code, name) VALUES (?, ?)"),
    commune: db.prepare<[string], Commune>("SELECT code, name FROM communes WHERE code = ?"),
    communes: db.prepare<[], Commune>("SELECT code, name FROM communes ORDER BY code"),
    insertRoster: db.prepare<[string, string, string]>("INSERT INTO rosters (id, name, commune) VALUES (?, ?, ?)"),
    roster: db.prepare<[string], RosterRow>("SELECT id, name, commune, archived FROM rosters WHERE id = ?"),
    rosters: db.prepare<[string], RosterRow>("SELECT id, name, commune, archived FROM rosters WHERE commune = ? ORDER BY id"),
    renameRoster: db.prepare<[string, string]>("UPDATE rosters SET name = ? WHERE id = ?"),
    archiveRoster: db.prepare<[number, string]>("UPDATE rosters SET archived = ? WHERE id = ?"),
    insertUser: db.prepare<[UserRow]>(
      `INSERT INTO users (id, username, display_name, role, commune, province, password_hash, created_at, disabled, last_login_at)
       VALUES (@id, @username, @display_name, @role, @commune, @province, @password_hash, @created_at, @disabled, @last_login_at)`,
    ),
    setDisplayName: db.prepare<[string, string]>("UPDATE users SET display_name = ? WHERE id = ?"),
    setRole: db.prepare<[string, string]>("UPDATE users SET role = ? WHERE id = ?"),
    setDisabled: db.prepare<[number, string]>("UPDATE users SET disabled = ? WHERE id = ?"),
    setPasswordHash: db.prepare<[string, string]>("UPDATE users SET password_hash = ? WHERE id = ?"),
    setLastLogin: db.prepare<[string, string]>("UPDATE users SET last_login_at = ? WHERE id = ?"),
    unassignAll: db.prepare<[string]>("DELETE FROM user_rosters WHERE user_id = ?"),
    // `username` is declared COLLATE NOCASE, so this lookup ignores case and uses the index.
    userByName: db.prepare<[string], UserRow>("SELECT * FROM users WHERE username = ?"),
    userById: db.prepare<[string], UserRow>("SELECT * FROM users WHERE id = ?"),
    users: db.prepare<[string], UserRow>("SELECT * FROM users WHERE commune = ? ORDER BY username"),
    assign: db.prepare<[string, string]>("INSERT OR IGNORE INTO user_rosters (user_id, roster_id) VALUES (?, ?)"),
    unassign: db.prepare<[string, string]>("DELETE FROM user_rosters WHERE user_id = ? AND roster_id = ?"),
    userRosters: db
      .prepare<[string], string>("SELECT roster_id FROM user_rosters WHERE user_id = ? ORDER BY roster_id")
      .pluck(),
    communeAssignments: db.prepare<[string], { user_id: string; roster_id: string }>(
      `SELECT ur.user_id, ur.roster_id FROM user_rosters ur JOIN users u ON u.id = ur.user_id
       WHERE u.commune = ? ORDER BY ur.roster_id`,
    ),
  };
}

/**
 * Communes, rosters, users and their roster assignments on SQLite. Each write is its own
 * transaction; existence checks run inside it, so the named errors are exact (SQLite
 * constraint errors do not say which key failed).
 */
export class SqliteAccounts {
  readonly #db: Database.Database;
  readonly #s: ReturnType<typeof prepareStatements>;

  constructor(db: Database.Database) {
    this.#db = db;
    this.#s = prepareStatements(db);
  }

  addCommune(commune: Commune): void {
    this.#db
      .transaction(() => {
        if (this.#s.commune.get(commune.code)) throw new StoreConflictError("commune", commune.code);
        this.#s.insertCommune.run(commune.code, commune.name);
      })
      .immediate();
  }

  getCommune(code: string): Commune | undefined {
    return this.#s.commune.get(code);
  }

  listCommunes(): Commune[] {
    return this.#s.communes.all();
  }

  addRoster(roster: Roster): void {
    this.#db
      .transaction(() => {
        if (this.#s.roster.get(roster.id)) throw new StoreConflictError("roster", roster.id);
        if (!this.#s.commune.get(roster.commune)) throw new StoreNotFoundError("commune", roster.commune);
        this.#s.insertRoster.run(roster.id, roster.name, roster.commune);
      })
      .immediate();
  }

  getRoster(id: string): Roster | undefined {
    const row = this.#s.roster.get(id);
    return row && toRoster(row);
  }

  listRosters(commune: string): Roster[] {
    return this.#s.rosters.all(commune).map(toRoster);
  }

  updateRoster(id: string, patch: { name?: string; archived?: boolean }): void {
    this.#db
      .transaction(() => {
        if (!this.#s.roster.get(id)) throw new StoreNotFoundError("roster", id);
        if (patch.name !== undefined) this.#s.renameRoster.run(patch.name, id);
        if (patch.archived !== undefined) this.#s.archiveRoster.run(patch.archived ? 1 : 0, id);
      })
      .immediate();
  }

  addUser(user: NewUser): void {
    this.#db
      .transaction(() => {
        if (this.#s.userById.get(user.id)) throw new StoreConflictError("user", user.id);
        if (this.#s.userByName.get(user.username)) throw new StoreConflictError("username", user.username);
        const province = user.role === "province" ? user.province : undefined;
        if (province === undefined && !this.#s.commune.get(user.commune)) throw new StoreNotFoundError("commune", user.commune);
        this.#s.insertUser.run({
          id: user.id,
          username: user.username,
          display_name: user.displayName,
          role: RoleSchema.parse(user.role),
          commune: province === undefined ? user.commune : null,
          province: province ?? null,
          password_hash: user.passwordHash,
          created_at: user.createdAt,
          disabled: user.disabled ? 1 : 0,
          last_login_at: user.lastLoginAt ?? null,
        });
        for (const rosterId of user.rosters ?? []) this.#assign(user.id, user.commune, rosterId);
      })
      .immediate();
  }

  getUserByUsername(username: string): StoredUser | undefined {
    const row = this.#s.userByName.get(username);
    return row && toUser(row, this.#s.userRosters.all(row.id));
  }

  getUserById(id: string): StoredUser | undefined {
    const row = this.#s.userById.get(id);
    return row && toUser(row, this.#s.userRosters.all(row.id));
  }

  listUsers(commune: string): StoredUser[] {
    const assigned = new Map<string, string[]>();
    for (const { user_id, roster_id } of this.#s.communeAssignments.all(commune)) {
      assigned.set(user_id, [...(assigned.get(user_id) ?? []), roster_id]);
    }
    return this.#s.users.all(commune).map((row) => toUser(row, assigned.get(row.id) ?? []));
  }

  updateUser(id: string, patch: UserPatch): void {
    this.#db
      .transaction(() => {
        const user = this.#s.userById.get(id);
        if (!user) throw new StoreNotFoundError("user", id);
        if (patch.displayName !== undefined) this.#s.setDisplayName.run(patch.displayName, id);
        if (patch.role !== undefined) {
          // A province account and a commune account differ in where they belong, not only in role.
          if ((patch.role === "province") !== (user.role === "province")) throw new StoreConflictError("user", id);
          this.#s.setRole.run(RoleSchema.parse(patch.role), id);
        }
        if (patch.disabled !== undefined) this.#s.setDisabled.run(patch.disabled ? 1 : 0, id);
        if (patch.passwordHash !== undefined) this.#s.setPasswordHash.run(patch.passwordHash, id);
        if (patch.lastLoginAt !== undefined) this.#s.setLastLogin.run(patch.lastLoginAt, id);
        if (patch.rosters !== undefined) {
          this.#s.unassignAll.run(id);
          for (const rosterId of patch.rosters) this.#assign(id, user.commune ?? "", rosterId);
        }
      })
      .immediate();
  }

  assignRoster(userId: string, rosterId: string): void {
    this.#db
      .transaction(() => {
        const user = this.#s.userById.get(userId);
        if (!user) throw new StoreNotFoundError("user", userId);
        this.#assign(userId, user.commune ?? "", rosterId);
      })
      .immediate();
  }

  unassignRoster(userId: string, rosterId: string): void {
    this.#s.unassign.run(userId, rosterId);
  }

  /** No user may ever reach a roster of another commune, so such an assignment is refused
   * here too, as if the roster did not exist (its commune is not the user's). */
  #assign(userId: string, commune: string, rosterId: string): void {
    if (this.#s.roster.get(rosterId)?.commune !== commune) throw new StoreNotFoundError("roster", rosterId);
    this.#s.assign.run(userId, rosterId);
  }
}

function toUser(row: UserRow, rosters: string[]): StoredUser {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: RoleSchema.parse(row.role),
    commune: row.commune ?? "",
    ...(row.province === null ? {} : { province: row.province }),
    passwordHash: row.password_hash,
    rosters,
    createdAt: row.created_at,
    disabled: row.disabled === 1,
    lastLoginAt: row.last_login_at,
  };
}

/** `archived` only when set, so an active roster reads exactly as it was added. */
function toRoster(row: RosterRow): Roster {
  const roster: Roster = { id: row.id, name: row.name, commune: row.commune };
  if (row.archived === 1) roster.archived = true;
  return roster;
}
