import type pg from "pg";

/** Small named values (e.g. the token-signing secret) on PostgreSQL, shared by every instance. */
export class PostgresKv {
  constructor(private readonly pool: pg.Pool) {}

  async get(key: string): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ value: string }>("SELECT value FROM kv WHERE key = $1", [key]);
    return rows[0]?.value;
  }

  /**
   * Two statements on purpose: an insert that loses the race waits for the winner's
   * commit and does nothing, and only a statement started after it sees the winner's
   * value (a read in the same statement would use the snapshot from before).
   */
  async setIfAbsent(key: string, value: string): Promise<string> {
    await this.pool.query("INSERT INTO kv (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING", [key, value]);
    const stored = await this.get(key);
    if (stored === undefined) throw new Error(`kv "${key}" vanished right after it was written`);
    return stored;
  }

  async set(key: string, value: string): Promise<void> {
    await this.pool.query("INSERT INTO kv (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value", [key, value]);
  }
}
