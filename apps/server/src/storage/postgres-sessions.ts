import type pg from "pg";
import type { StoredPasswordCode, StoredSession } from "./store";

interface SessionRow {
  id: string;
  user_id: string;
  device: string;
  created_at: Date;
  last_used_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
}

/** The code's user while it is unused and not expired. */
const VALID_CODE = "code_hash = $1 AND used_at IS NULL AND expires_at > $2";

/**
 * Sessions and one-time password codes on PostgreSQL, shared by every instance: a session
 * revoked through one is refused by all. Times are `timestamptz`, compared as times, and
 * read back as ISO strings.
 */
export class PostgresSessions {
  constructor(private readonly pool: pg.Pool) {}

  async add(session: Omit<StoredSession, "revokedAt">): Promise<void> {
    // Sessions that ended long ago say nothing useful; they go once they are a month past.
    await this.pool.query(
      `WITH pruned AS (DELETE FROM sessions WHERE expires_at < $5::timestamptz - interval '30 days')
       INSERT INTO sessions (id, user_id, device, created_at, last_used_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)`,
      [session.id, session.userId, session.device, session.createdAt, session.lastUsedAt, session.expiresAt],
    );
  }

  async get(id: string): Promise<StoredSession | undefined> {
    const { rows } = await this.pool.query<SessionRow>("SELECT * FROM sessions WHERE id = $1", [id]);
    return rows[0] && toSession(rows[0]);
  }

  async touch(id: string, at: string): Promise<void> {
    await this.pool.query("UPDATE sessions SET last_used_at = $2 WHERE id = $1 AND revoked_at IS NULL", [id, at]);
  }

  async revoke(id: string, at: string): Promise<boolean> {
    const { rowCount } = await this.pool.query("UPDATE sessions SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL", [id, at]);
    return rowCount === 1;
  }

  /** One statement: a session opened meanwhile is either revoked here or not listed. */
  async revokeOfUser(userId: string, at: string, keep?: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ id: string }>(
      `WITH revoked AS (
         UPDATE sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL AND id IS DISTINCT FROM $3 RETURNING id
       ) SELECT id FROM revoked ORDER BY id`,
      [userId, at, keep ?? null],
    );
    return rows.map((row) => row.id);
  }

  async list(userId: string, now: string): Promise<StoredSession[]> {
    const { rows } = await this.pool.query<SessionRow>(
      `SELECT * FROM sessions WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > $2
       ORDER BY last_used_at DESC, id`,
      [userId, now],
    );
    return rows.map(toSession);
  }

  /** Stores a code and, in the same statement, retires every earlier unused code of the user. */
  async addCode(code: StoredPasswordCode): Promise<void> {
    await this.pool.query(
      `WITH retired AS (UPDATE password_codes SET used_at = $3 WHERE user_id = $2 AND used_at IS NULL)
       INSERT INTO password_codes (code_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)`,
      [code.codeHash, code.userId, code.createdAt, code.expiresAt],
    );
  }

  async findCode(codeHash: string, now: string): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ user_id: string }>(`SELECT user_id FROM password_codes WHERE ${VALID_CODE}`, [codeHash, now]);
    return rows[0]?.user_id;
  }

  /**
   * Uses the code and sets the password in one statement. Two instances redeeming the
   * same code at once: the second waits for the first's row lock, then finds the code used.
   */
  async redeemCode(codeHash: string, now: string, passwordHash: string): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ id: string }>(
      `WITH used AS (UPDATE password_codes SET used_at = $2 WHERE ${VALID_CODE} RETURNING user_id)
       UPDATE users SET password_hash = $3 FROM used WHERE users.id = used.user_id RETURNING users.id`,
      [codeHash, now, passwordHash],
    );
    return rows[0]?.id;
  }
}

function toSession(row: SessionRow): StoredSession {
  return {
    id: row.id,
    userId: row.user_id,
    device: row.device,
    createdAt: row.created_at.toISOString(),
    lastUsedAt: row.last_used_at.toISOString(),
    expiresAt: row.expires_at.toISOString(),
    revokedAt: row.revoked_at?.toISOString() ?? null,
  };
}
