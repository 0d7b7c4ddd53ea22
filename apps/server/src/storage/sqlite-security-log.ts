import { SecurityActionSchema, type SecurityEvent } from "@roster/schema";
import type Database from "better-sqlite3";
import type { StoredSecurityEvent } from "./store";

interface EventRow {
  at: string;
  actor: string | null;
  target: string | null;
  action: string;
  detail: string;
}

/** The security log on SQLite: append-only, read newest first per commune. */
export class SqliteSecurityLog {
  readonly #insert: Database.Statement<[StoredSecurityEvent]>;
  readonly #list: Database.Statement<[string, number], EventRow>;

  constructor(db: Database.Database) {
    this.#insert = db.prepare(
      "INSERT INTO security_log (commune, at, actor, target, action, detail) VALUES (@commune, @at, @actor, @target, @action, @detail)",
    );
    this.#list = db.prepare("SELECT at, actor, target, action, detail FROM security_log WHERE commune = ? ORDER BY id DESC LIMIT ?");
  }

  append(event: StoredSecurityEvent): void {
    this.#insert.run({ ...event, action: SecurityActionSchema.parse(event.action) });
  }

  list(commune: string, limit: number): SecurityEvent[] {
    return this.#list.all(commune, limit).map((row) => ({ ...row, action: SecurityActionSchema.parse(row.action) }));
  }
}
