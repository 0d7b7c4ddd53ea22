import type { CampaignCounts } from "@roster/schema";
import { isoDateInVietnam } from "@roster/rules";
import type { Logger } from "../observability/logger";
import type { RosterHub } from "../rosters/roster-hub";
import type { AccountStore, KeyValueStore } from "../storage/store";
import { campaignCounts, sameCounts } from "./campaign-counts";
import { dailyKey, decodeSeries, encodeSeries, withToday, type DailyEntry } from "./daily-series";

export interface DailyProgressOptions {
  store: KeyValueStore & AccountStore;
  hub: RosterHub;
  logger: Logger;
  now: () => Date;
  /** A roster's entry of today is rewritten at most this often (ms of `now`). */
  minIntervalMs?: number;
  /** How often loaded rosters are looked at (real time); 0: never (tests call `tick`). */
  tickMs?: number;
  /**
   * Scaled mode: a roster's series is written by whichever instance owns it at the time, so
   * it is read from the store each time rather than cached (ownership moves).
   */
  uncached?: boolean;
}

/**
 * Keeps the daily campaign series of every roster (DOMAIN.md: progress is reported daily;
 * the issue: "kept by the server, so yesterday's figures do not change when today's data
 * does"). One entry per roster per day in the key-value store (`daily:<rosterId>`); the
 * entry of today follows the data, at most once a minute, and once more on shutdown;
 * past days are never rewritten.
 *
 * Figures reach it two ways: the progress endpoints `offer` what they computed, and a
 * timer looks at every roster whose records are loaded (edits only happen to loaded
 * rosters) and counts them from the review document's marks. It needs no hook in the hub.
 */
export class DailyProgress {
  private readonly cache = new Map<string, Promise<DailyEntry[]>>();
  private readonly lastWrite = new Map<string, number>();
  /** Figures withheld by the once-a-minute limit, written by the next tick, a new day or close. */
  private readonly pending = new Map<string, DailyEntry>();
  private queue: Promise<void> = Promise.resolve();
  private timer: ReturnType<typeof setInterval> | undefined;
  private closed = false;
  private readonly minIntervalMs: number;

  constructor(private readonly options: DailyProgressOptions) {
    this.minIntervalMs = options.minIntervalMs ?? 60_000;
    const tickMs = options.tickMs ?? 60_000;
    if (tickMs > 0) {
      this.timer = setInterval(() => void this.tick(), tickMs);
      this.timer.unref();
    }
  }

  /** Today in Vietnam on the server's clock. */
  today(): string {
    return isoDateInVietnam(this.options.now());
  }

  /** The stored series of a roster, oldest first (today's entry as last written). */
  series(rosterId: string): Promise<DailyEntry[]> {
    if (this.options.uncached) return this.storedSeries(rosterId);
    let loaded = this.cache.get(rosterId);
    if (!loaded) {
      loaded = this.options.store.getValue(dailyKey(rosterId)).then(decodeSeries);
      loaded.catch(() => this.cache.delete(rosterId));
      this.cache.set(rosterId, loaded);
    }
    return loaded;
  }

  /** The series as stored now, uncached. */
  private async storedSeries(rosterId: string): Promise<DailyEntry[]> {
    return decodeSeries(await this.options.store.getValue(dailyKey(rosterId)));
  }

  /** Records a roster's figures as of now (subject to the once-a-minute limit). */
  offer(rosterId: string, counts: CampaignCounts): Promise<void> {
    return this.serially(() => this.record(rosterId, { date: this.today(), counts }, false));
  }

  /** Counts every loaded roster from its marks and records it; then writes what was withheld if due. */
  async tick(force = false): Promise<void> {
    if (this.closed && !force) return;
    try {
      for (const rosterId of await this.loadedRosters()) {
        const counts = await this.countLoaded(rosterId);
        if (counts) await this.serially(() => this.record(rosterId, { date: this.today(), counts }, force));
      }
      for (const rosterId of [...this.pending.keys()]) {
        await this.serially(async () => {
          const entry = this.pending.get(rosterId);
          if (entry) await this.record(rosterId, entry, force);
        });
      }
    } catch (error) {
      this.options.logger.error("progress.tick_failed", { error: error instanceof Error ? error : String(error) });
    }
  }

  /** Stops the timer and writes today's figures of every loaded roster (call before the hub closes). */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.tick(true);
    this.closed = true;
    await this.queue;
  }

  private serially(work: () => Promise<void>): Promise<void> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async record(rosterId: string, entry: DailyEntry, force: boolean): Promise<void> {
    const days = await this.series(rosterId);
    const withheld = this.pending.get(rosterId);
    let next: DailyEntry[] = days;
    // A new day: what was withheld yesterday is yesterday's last word, written first.
    if (withheld && withheld.date < entry.date) next = withToday(next, withheld, sameCounts) ?? next;
    const nowMs = this.options.now().getTime();
    const last = next.at(-1);
    const sameDay = last?.date === entry.date;
    const due = force || !sameDay || nowMs - (this.lastWrite.get(rosterId) ?? -Infinity) >= this.minIntervalMs;
    if (due) {
      next = withToday(next, entry, sameCounts) ?? next;
      this.pending.delete(rosterId);
    } else if (last && !sameCounts(last.counts, entry.counts)) {
      this.pending.set(rosterId, entry);
    } else {
      this.pending.delete(rosterId);
    }
    if (next === days) return;
    await this.options.store.setValue(dailyKey(rosterId), encodeSeries(next));
    if (!this.options.uncached) this.cache.set(rosterId, Promise.resolve(next));
    this.lastWrite.set(rosterId, nowMs);
  }

  private async loadedRosters(): Promise<string[]> {
    const { store, hub } = this.options;
    const ids: string[] = [];
    for (const commune of await store.listCommunes()) {
      for (const roster of await store.listRosters(commune.code)) {
        if (hub.roster(roster).loaded) ids.push(roster.id);
      }
    }
    return ids;
  }

  private async countLoaded(rosterId: string): Promise<CampaignCounts | undefined> {
    const { hub } = this.options;
    const records = await hub.records(rosterId);
    const { review } = await hub.review(rosterId);
    const marks = review.marks();
    if (marks.size === 0 && records.listChildren().length > 0) return undefined; // not marked yet
    return campaignCounts(records.listChildren(), (id) => marks.get(id)?.status, this.today());
  }
}
