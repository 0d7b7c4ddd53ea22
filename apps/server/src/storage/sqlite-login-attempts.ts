import type Database from "better-sqlite3";
import { assertLimits, inWindow, nextAttempt } from "./login-attempts";
import type { LoginAttemptLimits } from "./store";

/**
 * The login throttle's counters on SQLite, on the main connection: one short immediate
 * transaction per attempt (a refused attempt writes nothing, so it costs no fsync). Kept
 * on disk, so restarting the server does not give an attacker a fresh set of guesses.
 */
export class SqliteLoginAttempts {
  readonly #db: Database.Database;
  readonly #get: Database.Statement<[string], string>;
  readonly #put: Database.Statement<[string, string, number]>;
  readonly #clear: Database.Statement<[string]>;
  readonly #expire: Database.Statement<[number]>;
  readonly #cap: Database.Statement<[number]>;

  constructor(db: Database.Database) {
    this.#db = db;
    this.#get = db.prepare<[string], string>("SELECT times FROM login_attempts WHERE key = ?").pluck();
    this.#put = db.prepare(
      "INSERT INTO login_attempts (key, times, touched) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET times = excluded.times, touched = excluded.touched",
    );
    this.#clear = db.prepare("DELETE FROM login_attempts WHERE key = ?");
    this.#expire = db.prepare("DELETE FROM login_attempts WHERE touched <= ?");
    this.#cap = db.prepare("DELETE FROM login_attempts WHERE key IN (SELECT key FROM login_attempts ORDER BY touched DESC, key LIMIT -1 OFFSET ?)");
  }

  count(key: string, limits: LoginAttemptLimits): { counted: boolean; count: number } {
    assertLimits(limits);
    return this.#db
      .transaction(() => {
        const stored = this.#get.get(key);
        const next = nextAttempt(stored === undefined ? [] : parseTimes(stored), limits);
        if (!next.counted) return { counted: false, count: next.times.length };
        this.#put.run(key, JSON.stringify(next.times), limits.at);
        // Only a new key can grow the table: keys whose every attempt is out of the window
        // go, then the least recently counted beyond the cap.
        if (stored === undefined) {
          this.#expire.run(limits.at - limits.windowMs);
          this.#cap.run(limits.maxKeys);
        }
        return { counted: true, count: next.times.length };
      })
      .immediate();
  }

  attempts(key: string, at: number, windowMs: number): number {
    const stored = this.#get.get(key);
    return stored === undefined ? 0 : inWindow(parseTimes(stored), at, windowMs).length;
  }

  clear(key: string): void {
    this.#clear.run(key);
  }
}

function parseTimes(text: string): number[] {
  const value: unknown = JSON.parse(text);
  return Array.isArray(value) ? value.filter((t): t is number => typeof t === "number") : [];
}
