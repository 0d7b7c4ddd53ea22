import type Database from "better-sqlite3";

/** Small named values (e.g. the token-signing secret) on SQLite. */
export class SqliteKv {
  readonly #get: Database.Statement<[string], string>;
  readonly #insertIfAbsent: Database.Statement<[string, string]>;
  readonly #upsert: Database.Statement<[string, string]>;

  constructor(db: Database.Database) {
    this.#get = db.prepare<[string], string>("SELECT value FROM kv WHERE key = ?").pluck();
    this.#insertIfAbsent = db.prepare("INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING");
    this.#upsert = db.prepare("INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value");
  }

  get(key: string): string | undefined {
    return this.#get.get(key);
  }

  /** The insert is atomic (ON CONFLICT DO NOTHING): writers racing to create a secret all
   * read back the first one's value. */
  setIfAbsent(key: string, value: string): string {
    this.#insertIfAbsent.run(key, value);
    const stored = this.#get.get(key);
    if (stored === undefined) throw new Error(`kv "${key}" vanished right after it was written`);
    return stored;
  }

  set(key: string, value: string): void {
    this.#upsert.run(key, value);
  }
}
