import type pg from "pg";
import { toNumber } from "./postgres-pool";

/** An ownership held: the epoch fences every write made under it. */
export interface Lease {
  name: string;
  holder: string;
  epoch: number;
}

/** Who holds a lease now (for forwarding to the owner, and for /metrics). */
export interface LeaseHolder extends Lease {
  url: string | null;
  expiresAt: string;
  expired: boolean;
}

/**
 * Ownership leases in PostgreSQL (scaled mode: one owner per roster builds its document,
 * derives marks and audit and compacts). A lease is taken when it is free or expired, and
 * each taking raises its epoch; the holder renews it well within its time to live. The
 * epoch is the fencing token of `FencedWrite`: PostgreSQL itself refuses the writes of a
 * holder whose epoch is not the row's any more, whatever that holder believes.
 */
export class PostgresLeases {
  constructor(private readonly pool: pg.Pool) {}

  /** Takes the lease if it is free, expired, or already ours; undefined when another holds it. */
  async acquire(name: string, holder: string, ttlMs: number, url?: string): Promise<Lease | undefined> {
    const { rows } = await this.pool.query<{ epoch: string }>(
      `INSERT INTO roster_leases AS l (name, holder, epoch, url, expires_at)
       VALUES ($1, $2, 1, $3, now() + $4 * interval '1 millisecond')
       ON CONFLICT (name) DO UPDATE
         SET holder = EXCLUDED.holder, url = EXCLUDED.url, expires_at = EXCLUDED.expires_at,
             epoch = CASE WHEN l.holder = EXCLUDED.holder AND l.expires_at > now() THEN l.epoch ELSE l.epoch + 1 END
         WHERE l.expires_at <= now() OR l.holder = EXCLUDED.holder
       RETURNING epoch`,
      [name, holder, url ?? null, ttlMs],
    );
    const epoch = rows[0] ? toNumber(rows[0].epoch) : 0;
    return epoch > 0 ? { name, holder, epoch } : undefined;
  }

  /**
   * Extends the leases, in one statement; answers the names still ours (a lease another
   * instance took over is not among them). A lease that expired and nobody took is renewed:
   * no one else can have written meanwhile. One statement per round, not one per roster: a
   * province's rosters renewed one by one filled the pool and outlasted the TTL.
   */
  async renewAll(leases: readonly Lease[], ttlMs: number): Promise<Set<string>> {
    if (leases.length === 0) return new Set();
    const { rows } = await this.pool.query<{ name: string }>(
      `UPDATE roster_leases AS l SET expires_at = now() + $4 * interval '1 millisecond'
       FROM unnest($1::text[], $2::text[], $3::bigint[]) AS t(name, holder, epoch)
       WHERE l.name = t.name AND l.holder = t.holder AND l.epoch = t.epoch
       RETURNING l.name`,
      [leases.map((l) => l.name), leases.map((l) => l.holder), leases.map((l) => l.epoch), ttlMs],
    );
    return new Set(rows.map((row) => row.name));
  }

  /** Gives the lease up at once (on a clean shutdown), so another instance takes over without waiting. */
  async release(lease: Lease): Promise<void> {
    await this.pool.query(`UPDATE roster_leases SET expires_at = now() WHERE name = $1 AND holder = $2 AND epoch = $3`, [
      lease.name,
      lease.holder,
      lease.epoch,
    ]);
  }

  async holder(name: string): Promise<LeaseHolder | undefined> {
    return (await this.holders([name])).get(name);
  }

  /** Who holds each of these leases (a name nobody ever took is absent), in one query. */
  async holders(names: readonly string[]): Promise<Map<string, LeaseHolder>> {
    if (names.length === 0) return new Map();
    const { rows } = await this.pool.query<{ name: string; holder: string; epoch: string; url: string | null; expires_at: Date; expired: boolean }>(
      `SELECT name, holder, epoch, url, expires_at, expires_at <= now() AS expired FROM roster_leases WHERE name = ANY($1::text[])`,
      [names],
    );
    return new Map(
      rows.map((row) => [row.name, { name: row.name, holder: row.holder, epoch: toNumber(row.epoch), url: row.url, expiresAt: row.expires_at.toISOString(), expired: row.expired }]),
    );
  }
}

/** Checks, inside a write's transaction, that `lease` still holds: SHARE-locks the row until the commit. */
export async function holdsLease(client: pg.PoolClient, lease: { name: string; epoch: number }): Promise<boolean> {
  const { rowCount } = await client.query(`SELECT 1 FROM roster_leases WHERE name = $1 AND epoch = $2 FOR SHARE`, [lease.name, lease.epoch]);
  return rowCount === 1;
}
