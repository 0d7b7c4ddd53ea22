import { SecurityActionSchema, type SecurityEvent } from "@roster/schema";
import type pg from "pg";
import type { StoredSecurityEvent } from "./store";

interface EventRow {
  at: Date;
  actor: string | null;
  target: string | null;
  action: string;
  detail: string;
}

/** The security log on PostgreSQL: append-only, read newest first per commune. */
export class PostgresSecurityLog {
  constructor(private readonly pool: pg.Pool) {}

  async append(event: StoredSecurityEvent): Promise<void> {
    await this.pool.query("INSERT INTO security_log (commune, at, actor, target, action, detail) VALUES ($1, $2, $3, $4, $5, $6)", [
      event.commune,
      event.at,
      event.actor,
      event.target,
      SecurityActionSchema.parse(event.action),
      event.detail,
    ]);
  }

  async list(commune: string, limit: number): Promise<SecurityEvent[]> {
    if (!Number.isSafeInteger(limit) || limit < 0) throw new RangeError(`limit must be a non-negative integer, got ${limit}`);
    const { rows } = await this.pool.query<EventRow>(
      "SELECT at, actor, target, action, detail FROM security_log WHERE commune = $1 ORDER BY id DESC LIMIT $2",
      [commune, limit],
    );
    return rows.map((row) => ({ ...row, at: row.at.toISOString(), action: SecurityActionSchema.parse(row.action) }));
  }
}
