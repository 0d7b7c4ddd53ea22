import { RoleSchema, type Commune, type Roster } from "@roster/schema";
import type pg from "pg";
import { StoreConflictError, StoreNotFoundError } from "./errors";
import { conflictOf, constraintOf, inTransaction, type Queryable } from "./postgres-pool";
import type { StoredUser, UserPatch } from "./store";

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: string;
  commune: string | null;
  province: string | null;
  password_hash: string;
  created_at: Date;
  disabled: boolean;
  last_login_at: Date | null;
  rosters: string[];
}

interface RosterRow {
  id: string;
  name: string;
  commune: string;
  archived: boolean;
}

type NewUser = Omit<StoredUser, "rosters" | "lastLoginAt"> & { rosters?: string[]; lastLoginAt?: string | null };

/** A user with its roster ids (by id), in one statement. */
const USER_SQL = `SELECT u.*, ARRAY(SELECT roster_id FROM user_rosters WHERE user_id = u.id ORDER BY roster_id) AS rosters
                  FROM users u`;

/**
 * Communes, rosters, users and their roster assignments on PostgreSQL. A write that
 * checks before it writes does so in a transaction that locks what it checked; a unique
 * key taken by a racing writer (another instance) still ends as the same named error.
 */
export class PostgresAccounts {
  constructor(private readonly pool: pg.Pool) {}

  async addCommune(commune: Commune): Promise<void> {
    const { rowCount } = await this.pool.query("INSERT INTO communes (code, name) VALUES ($1, $2) ON CONFLICT DO NOTHING", [commune.code, commune.name]);
    if (rowCount !== 1) throw new StoreConflictError("commune", commune.code);
  }

  async getCommune(code: string): Promise<Commune | undefined> {
    const { rows } = await this.pool.query<Commune>("SELECT code, name FROM communes WHERE code = $1", [code]);
    return rows[0];
  }

  async listCommunes(): Promise<Commune[]> {
    return (await this.pool.query<Commune>("SELECT code, name FROM communes ORDER BY code")).rows;
  }

  async addRoster(roster: Roster): Promise<void> {
    const { rowCount } = await this.pool.query(
      `INSERT INTO rosters (id, name, commune) SELECT $1, $2, code FROM communes WHERE code = $3 ON CONFLICT DO NOTHING`,
      [roster.id, roster.name, roster.commune],
    );
    if (rowCount === 1) return;
    if (await this.getRoster(roster.id)) throw new StoreConflictError("roster", roster.id);
    throw new StoreNotFoundError("commune", roster.commune);
  }

  async getRoster(id: string): Promise<Roster | undefined> {
    const { rows } = await this.pool.query<RosterRow>("SELECT id, name, commune, archived FROM rosters WHERE id = $1", [id]);
    return rows[0] && toRoster(rows[0]);
  }

  async listRosters(commune: string): Promise<Roster[]> {
    const { rows } = await this.pool.query<RosterRow>("SELECT id, name, commune, archived FROM rosters WHERE commune = $1 ORDER BY id", [commune]);
    return rows.map(toRoster);
  }

  async updateRoster(id: string, patch: { name?: string; archived?: boolean }): Promise<void> {
    const { rowCount } = await this.pool.query(
      "UPDATE rosters SET name = COALESCE($2, name), archived = COALESCE($3, archived) WHERE id = $1",
      [id, patch.name ?? null, patch.archived ?? null],
    );
    if (rowCount !== 1) throw new StoreNotFoundError("roster", id);
  }

  async addUser(user: NewUser): Promise<void> {
    const province = user.role === "province" ? user.province : undefined;
    const role = RoleSchema.parse(user.role);
    await inTransaction(this.pool, async (client) => {
      if ((await client.query("SELECT 1 FROM users WHERE id = $1", [user.id])).rowCount) throw new StoreConflictError("user", user.id);
      if ((await client.query("SELECT 1 FROM users WHERE lower(username) = lower($1)", [user.username])).rowCount) {
        throw new StoreConflictError("username", user.username);
      }
      // FOR KEY SHARE: the commune cannot go away before this commits.
      if (province === undefined && !(await client.query("SELECT 1 FROM communes WHERE code = $1 FOR KEY SHARE", [user.commune])).rowCount) {
        throw new StoreNotFoundError("commune", user.commune);
      }
      await client
        .query(
          `INSERT INTO users (id, username, display_name, role, commune, province, password_hash, created_at, disabled, last_login_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
          [user.id, user.username, user.displayName, role, province === undefined ? user.commune : null, province ?? null,
            user.passwordHash, user.createdAt, user.disabled, user.lastLoginAt ?? null],
        )
        .catch((error: unknown) => {
          // Lost a race with another writer: say which key.
          throw constraintOf(error) === "users_username" ? conflictOf(error, "username", user.username) : conflictOf(error, "user", user.id);
        });
      for (const rosterId of user.rosters ?? []) await assign(client, user.id, user.commune, rosterId);
    });
  }

  async getUserByUsername(username: string): Promise<StoredUser | undefined> {
    const { rows } = await this.pool.query<UserRow>(`${USER_SQL} WHERE lower(u.username) = lower($1)`, [username]);
    return rows[0] && toUser(rows[0]);
  }

  async getUserById(id: string): Promise<StoredUser | undefined> {
    const { rows } = await this.pool.query<UserRow>(`${USER_SQL} WHERE u.id = $1`, [id]);
    return rows[0] && toUser(rows[0]);
  }

  async listUsers(commune: string): Promise<StoredUser[]> {
    // By username regardless of case, as SQLite's NOCASE orders them.
    const { rows } = await this.pool.query<UserRow>(`${USER_SQL} WHERE u.commune = $1 ORDER BY lower(u.username), u.username`, [commune]);
    return rows.map(toUser);
  }

  async updateUser(id: string, patch: UserPatch): Promise<void> {
    const role = patch.role === undefined ? null : RoleSchema.parse(patch.role);
    await inTransaction(this.pool, async (client) => {
      const { rows } = await client.query<{ role: string; commune: string | null }>("SELECT role, commune FROM users WHERE id = $1 FOR UPDATE", [id]);
      const user = rows[0];
      if (!user) throw new StoreNotFoundError("user", id);
      // A province account and a commune account differ in where they belong, not only in role.
      if (role !== null && (role === "province") !== (user.role === "province")) throw new StoreConflictError("user", id);
      await client.query(
        `UPDATE users SET display_name = COALESCE($2, display_name), role = COALESCE($3, role), disabled = COALESCE($4, disabled),
           password_hash = COALESCE($5, password_hash), last_login_at = COALESCE($6, last_login_at) WHERE id = $1`,
        [id, patch.displayName ?? null, role, patch.disabled ?? null, patch.passwordHash ?? null, patch.lastLoginAt ?? null],
      );
      if (patch.rosters !== undefined) {
        await client.query("DELETE FROM user_rosters WHERE user_id = $1", [id]);
        for (const rosterId of patch.rosters) await assign(client, id, user.commune ?? "", rosterId);
      }
    });
  }

  async assignRoster(userId: string, rosterId: string): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      const { rows } = await client.query<{ commune: string | null }>("SELECT commune FROM users WHERE id = $1 FOR KEY SHARE", [userId]);
      if (!rows[0]) throw new StoreNotFoundError("user", userId);
      await assign(client, userId, rows[0].commune ?? "", rosterId);
    });
  }

  async unassignRoster(userId: string, rosterId: string): Promise<void> {
    await this.pool.query("DELETE FROM user_rosters WHERE user_id = $1 AND roster_id = $2", [userId, rosterId]);
  }
}

/** No user may ever reach a roster of another commune, so such an assignment is refused
 * too, as if the roster did not exist (its commune is not the user's). */
async function assign(client: Queryable, userId: string, commune: string, rosterId: string): Promise<void> {
  const { rowCount } = await client.query(
    `INSERT INTO user_rosters (user_id, roster_id) SELECT $1, id FROM rosters WHERE id = $2 AND commune = $3
     ON CONFLICT DO NOTHING`,
    [userId, rosterId, commune],
  );
  if (rowCount === 1) return;
  const { rowCount: assigned } = await client.query("SELECT 1 FROM user_rosters WHERE user_id = $1 AND roster_id = $2", [userId, rosterId]);
  if (!assigned) throw new StoreNotFoundError("roster", rosterId);
}

function toUser(row: UserRow): StoredUser {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: RoleSchema.parse(row.role),
    commune: row.commune ?? "",
    ...(row.province === null ? {} : { province: row.province }),
    passwordHash: row.password_hash,
    rosters: row.rosters,
    createdAt: row.created_at.toISOString(),
    disabled: row.disabled,
    lastLoginAt: row.last_login_at?.toISOString() ?? null,
  };
}

/** `archived` only when set, so an active roster reads exactly as it was added. */
function toRoster(row: RosterRow): Roster {
  const roster: Roster = { id: row.id, name: row.name, commune: row.commune };
  if (row.archived) roster.archived = true;
  return roster;
}
