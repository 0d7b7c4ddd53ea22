import type { Lease, LeaseHolder } from "../storage/postgres-leases";

/** What ownership needs of the store (`PostgresStore.leases`). */
export interface LeaseService {
  acquire(name: string, holder: string, ttlMs: number, url?: string): Promise<Lease | undefined>;
  /** The names of the leases still ours after extending them all (one round trip). */
  renewAll(leases: readonly Lease[], ttlMs: number): Promise<Set<string>>;
  release(lease: Lease): Promise<void>;
  holder(name: string): Promise<LeaseHolder | undefined>;
  /** Who holds each lease named (absent: never taken), in one round trip. */
  holders(names: readonly string[]): Promise<Map<string, LeaseHolder>>;
}

export interface RosterOwnershipOptions {
  leases: LeaseService;
  /** This instance's name (unique per process: a restarted process is a new instance). */
  instance: string;
  /** Where other instances reach this one (kept in the lease, for forwarding); known once listening. */
  url?: () => string | undefined;
  /** A lease not renewed for this long can be taken over (DESIGN: takeover within 10 s). */
  ttlMs?: number;
  /** Renewals and takeover attempts, this often (well within `ttlMs`). */
  tickMs?: number;
  /** This instance stopped owning a roster (a takeover, or renewals failed): reload its rooms. */
  onLost(rosterId: string): void;
  /** This instance took over a roster it watched as a replica: reload its rooms as owner. */
  onGained(rosterId: string): void;
  /** Another instance became the owner of a watched roster: ask clients again, catch up. */
  onOwnerChanged(rosterId: string): void;
  /** Every tick, for each watched roster this instance does not own (catch up from the store). */
  onReplicaTick?(rosterId: string): void;
  logger?: { warn(message: string, fields?: Record<string, unknown>): void };
}

/** The lease of a roster's two documents (records and review): one owner for both. */
export function leaseName(rosterId: string): string {
  return `roster:${rosterId}`;
}

/**
 * Which rosters this instance owns (scaled mode): it claims a roster when it first opens it,
 * renews what it owns every tick, and takes over a roster whose owner stopped renewing (died)
 * when it has the roster open itself. Losing a lease (another instance took it over while this
 * one was paused, say) is reported at once; the store's fencing refuses that instance's writes
 * anyway, this only lets it stop trying sooner.
 */
export class RosterOwnership {
  private readonly owned = new Map<string, Lease>();
  /** Rosters open here, with the epoch of the owner last seen (0: none seen yet). */
  private readonly watched = new Map<string, number>();
  private readonly ttlMs: number;
  private timer: ReturnType<typeof setInterval> | undefined;
  private ticking = false;
  private closed = false;
  readonly stats = { claims: 0, takeovers: 0, lost: 0 };

  constructor(private readonly options: RosterOwnershipOptions) {
    this.ttlMs = options.ttlMs ?? 6_000;
    const tickMs = options.tickMs ?? Math.max(100, Math.floor(this.ttlMs / 3));
    this.timer = setInterval(() => void this.tick(), tickMs);
    this.timer.unref();
  }

  /** The lease this instance holds on a roster, if any. */
  lease(rosterId: string): Lease | undefined {
    return this.owned.get(rosterId);
  }

  ownedCount(): number {
    return this.owned.size;
  }

  /** Opens a roster here: owns it if nobody else does. Resolves to the lease, or undefined (a replica). */
  async open(rosterId: string): Promise<Lease | undefined> {
    if (!this.watched.has(rosterId)) this.watched.set(rosterId, 0);
    const held = this.owned.get(rosterId);
    if (held || this.closed) return held;
    const lease = await this.options.leases.acquire(leaseName(rosterId), this.options.instance, this.ttlMs, this.options.url?.());
    if (lease && !this.closed) {
      this.owned.set(rosterId, lease);
      this.watched.set(rosterId, lease.epoch);
      this.stats.claims += 1;
    }
    return lease;
  }

  /** The roster is no longer open here: give its lease up at once, so another instance need not wait. */
  async closeRoster(rosterId: string): Promise<void> {
    this.watched.delete(rosterId);
    const lease = this.owned.get(rosterId);
    if (!lease) return;
    this.owned.delete(rosterId);
    await this.options.leases.release(lease).catch(() => undefined);
  }

  /**
   * Stops renewing without releasing anything: what a paused or dead instance looks like to
   * the others (their takeover waits for the leases to expire). For tests and diagnostics.
   */
  stopRenewing(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.closed = true;
  }

  /** Stops renewing and releases every lease (a clean shutdown). */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    const leases = [...this.owned.values()];
    this.owned.clear();
    this.watched.clear();
    await Promise.all(leases.map((lease) => this.options.leases.release(lease).catch(() => undefined)));
  }

  /** One round of renewals and takeovers (also run by the timer). */
  async tick(): Promise<void> {
    if (this.ticking || this.closed) return;
    this.ticking = true;
    try {
      // One round trip for every owned lease and one for every watched roster, whatever their
      // number: a round of N awaited round trips, each resumed by a busy event loop, lasted N
      // times the loop's delay; with a province's rosters (85 per instance, loading) that
      // passed the TTL, and owners lost leases they were renewing, then took each other's
      // over (found by `pnpm bench scaled.province`). N queries at once instead filled the
      // pool, and other writers waited for a connection.
      await this.renewOwned();
      await this.checkWatched();
    } catch (error) {
      this.options.logger?.warn("ownership: a round of renewals failed", { error: String(error) });
    } finally {
      this.ticking = false;
    }
  }

  /** Renews the owned leases; reports lost those another instance holds now. */
  private async renewOwned(): Promise<void> {
    const owned = [...this.owned];
    if (owned.length === 0) return;
    const kept = await this.options.leases.renewAll(
      owned.map(([, lease]) => lease),
      this.ttlMs,
    ).catch(() => undefined);
    for (const [rosterId, lease] of owned) {
      if (kept?.has(lease.name)) continue;
      // No answer (the database is away): keep going unless the row says otherwise; the
      // fence refuses our writes anyway if another instance took over.
      if (kept === undefined && (await this.stillOurs(lease))) continue;
      if (this.owned.get(rosterId) !== lease) continue; // released or replaced meanwhile
      this.owned.delete(rosterId);
      this.stats.lost += 1;
      this.options.onLost(rosterId);
    }
  }

  /** Rosters open here as replicas: take over those whose owner stopped renewing, follow the others' epochs. */
  private async checkWatched(): Promise<void> {
    const watched = [...this.watched].filter(([rosterId]) => !this.owned.has(rosterId));
    if (watched.length === 0 || this.closed) return;
    const holders = await this.options.leases.holders(watched.map(([rosterId]) => leaseName(rosterId)));
    for (const [rosterId, seenEpoch] of watched) {
      if (this.owned.has(rosterId) || this.closed || !this.watched.has(rosterId)) continue;
      const holder = holders.get(leaseName(rosterId));
      if (!holder || holder.expired) {
        const lease = await this.open(rosterId).catch(() => undefined);
        if (lease) {
          // A lease row that never existed is a first claim (a roster opened here while its
          // lease was being released), not a takeover from a dead owner.
          if (holder) this.stats.takeovers += 1;
          this.options.onGained(rosterId);
          continue;
        }
      } else if (holder.epoch !== seenEpoch) {
        this.watched.set(rosterId, holder.epoch);
        if (seenEpoch !== 0) this.options.onOwnerChanged(rosterId);
      }
      this.options.onReplicaTick?.(rosterId);
    }
  }

  /** After a renewal that failed to answer: whether the row still names this lease. */
  private async stillOurs(lease: Lease): Promise<boolean> {
    const holder = await this.options.leases.holder(lease.name).catch(() => undefined);
    // Unknown (the database does not answer): keep going; the fence refuses our writes if needed.
    return holder === undefined || (holder.holder === lease.holder && holder.epoch === lease.epoch);
  }
}
