import type Database from "better-sqlite3";
import type { StoredPasswordCode, StoredSession } from "./store";

interface SessionRow {
  id: string;
  user_id: string;
  device: string;
  created_at: string;
  last_used_at: string;
  expires_at: string;
  revoked_at: string | null;
}

function prepareStatements(db: Database.Database) {
  return {
    insert: db.prepare<[StoredSessionRowInput]>(
      `INSERT INTO sessions (id, user_id, device, created_at, last_used_at, expires_at)
       VALUES (@id, @user_id, @device, @created_at, @last_used_at, @expires_at)`,
    ),
    byId: db.prepare<[string], SessionRow>("SELECT * FROM sessions WHERE id = ?"),
    touch: db.prepare<[string, string]>("UPDATE sessions SET last_used_at = ? WHERE id = ? AND revoked_at IS NULL"),
    revoke: db.prepare<[string, string]>("UPDATE sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL"),
    openOfUser: db
      .prepare<[string], string>("SELECT id FROM sessions WHERE user_id = ? AND revoked_at IS NULL ORDER BY id")
      .pluck(),
    listOfUser: db.prepare<[string, string], SessionRow>(
      `SELECT * FROM sessions WHERE user_id = ? AND revoked_at IS NULL AND expires_at > ?
       ORDER BY last_used_at DESC, id`,
    ),
    // Sessions that ended long ago say nothing useful; they go once they are a month past.
    prune: db.prepare<[string]>("DELETE FROM sessions WHERE expires_at < ?"),
    insertCode: db.prepare<[string, string, string, string]>(
      "INSERT INTO password_codes (code_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
    ),
    retireCodes: db.prepare<[string, string]>("UPDATE password_codes SET used_at = ? WHERE user_id = ? AND used_at IS NULL"),
    validCode: db
      .prepare<[string, string], string>("SELECT user_id FROM password_codes WHERE code_hash = ? AND used_at IS NULL AND expires_at > ?")
      .pluck(),
    useCode: db.prepare<[string, string]>("UPDATE password_codes SET used_at = ? WHERE code_hash = ?"),
    setPassword: db.prepare<[string, string]>("UPDATE users SET password_hash = ? WHERE id = ?"),
  };
}

interface StoredSessionRowInput {
  id: string;
  user_id: string;
  device: string;
  created_at: string;
  last_used_at: string;
  expires_at: string;
}

/** Sessions and one-time password codes on SQLite (small, rare writes on the main connection). */
export class SqliteSessions {
  readonly #db: Database.Database;
  readonly #s: ReturnType<typeof prepareStatements>;

  constructor(db: Database.Database) {
    this.#db = db;
    this.#s = prepareStatements(db);
  }

  add(session: Omit<StoredSession, "revokedAt">): void {
    this.#s.insert.run({
      id: session.id,
      user_id: session.userId,
      device: session.device,
      created_at: session.createdAt,
      last_used_at: session.lastUsedAt,
      expires_at: session.expiresAt,
    });
    const monthAgo = new Date(Date.parse(session.createdAt) - 30 * 86_400_000).toISOString();
    this.#s.prune.run(monthAgo);
  }

  get(id: string): StoredSession | undefined {
    const row = this.#s.byId.get(id);
    return row && toSession(row);
  }

  touch(id: string, at: string): void {
    this.#s.touch.run(at, id);
  }

  revoke(id: string, at: string): boolean {
    return this.#s.revoke.run(at, id).changes === 1;
  }

  revokeOfUser(userId: string, at: string, keep?: string): string[] {
    return this.#db
      .transaction(() => {
        const ids = this.#s.openOfUser.all(userId).filter((id) => id !== keep);
        for (const id of ids) this.#s.revoke.run(at, id);
        return ids;
      })
      .immediate();
  }

  list(userId: string, now: string): StoredSession[] {
    return this.#s.listOfUser.all(userId, now).map(toSession);
  }

  addCode(code: StoredPasswordCode): void {
    this.#db
      .transaction(() => {
        this.#s.retireCodes.run(code.createdAt, code.userId);
        this.#s.insertCode.run(code.codeHash, code.userId, code.createdAt, code.expiresAt);
      })
      .immediate();
  }

  findCode(codeHash: string, now: string): string | undefined {
    return this.#s.validCode.get(codeHash, now);
  }

  redeemCode(codeHash: string, now: string, passwordHash: string): string | undefined {
    return this.#db
      .transaction(() => {
        const userId = this.#s.validCode.get(codeHash, now);
        if (userId === undefined) return undefined;
        this.#s.useCode.run(now, codeHash);
        this.#s.setPassword.run(passwordHash, userId);
        return userId;
      })
      .immediate();
  }
}

function toSession(row: SessionRow): StoredSession {
  return {
    id: row.id,
    userId: row.user_id,
    device: row.device,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
  };
}
