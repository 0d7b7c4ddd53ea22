import { RosterRecords, RosterReview, compactEditLog } from "@roster/doc";
import { isoDateInVietnam } from "@roster/rules";
import type { Roster } from "@roster/schema";
import { AuditJournal } from "../audit/audit-recorder";
import { RecordsGuard } from "../guard/records-guard";
import type { Logger } from "../observability/logger";
import type { Store } from "../storage/store";
import type { DocRoom, RoomHooks } from "../sync";
import { RoomRegistry, SERVER_ORIGIN, parseDocName, syncDocName, type CloseCodeValue, type ConnectionLimits, type YjsOffload } from "../sync";
import type { ChildMarking } from "../marks/compute-marks";
import { RosterMarker, type MarkRunResult } from "../marks/roster-marker";
import { OwnerUnavailableError } from "../errors";
import { Debouncer } from "./debouncer";
import { RosterRoom } from "./roster-room";
import { readStoredRoster, unchangedSince } from "./stored-roster";
import { RosterCluster, type ClusterSettings } from "./roster-cluster";

/** The marks debounce while the event loop is more than half busy. */
const BUSY_DEBOUNCE_MS = 400;

export interface RosterHubOptions {
  store: Store;
  logger: Logger;
  idleUnloadMs: number;
  compactEvery: number;
  markDebounceMs: number;
  limits?: Partial<ConnectionLimits>;
  /** Where diffs for returning clients and compactions run (worker threads in the server). */
  offload?: YjsOffload;
  /** How long after loading a roster its documents are built (see `RoomRegistryOptions`). */
  buildDelayMs?: number;
  /**
   * Scaled mode: the bus between instances and the ownership leases. Each roster is owned by
   * one instance (it builds, guards, stores, marks and audits); the others serve their
   * clients from the stored bytes and forward their updates.
   */
  cluster?: ClusterSettings;
  now?: () => Date;
  /**
   * The server guard on records documents (default true). Only the fan-out benchmark
   * turns it off, to measure what it costs; never a setting of a running service.
   */
  guard?: boolean;
}

interface RecordsAttachment {
  room: DocRoom;
  records: RosterRecords;
  marker: RosterMarker;
  debouncer: Debouncer;
  journal: AuditJournal;
}

/** Counters of the marking work, for /metrics. */
export interface MarkStats {
  runs: number;
  marksWritten: number;
  /** Children evaluated again (a run evaluates only the children whose inputs changed). */
  childrenEvaluated: number;
  /** Work time of the last and the longest run (a run yields to the event loop every few ms). */
  lastMs: number;
  maxMs: number;
}

/**
 * Everything the server does with a roster's two documents beyond syncing them: it owns
 * the room registry and, whenever a records document is loaded, records its audit and
 * keeps the review document's marks in step with it (debounced, well under 1 second).
 * REST handlers come here for typed, loaded documents.
 */
export class RosterHub {
  readonly registry: RoomRegistry;
  readonly markStats: MarkStats = { runs: 0, marksWritten: 0, childrenEvaluated: 0, lastMs: 0, maxMs: 0 };
  private readonly attached = new Map<DocRoom, RecordsAttachment>();
  /** Scaled mode: which rosters this instance owns, and rooms loaded as owner or replica. */
  readonly cluster: RosterCluster | undefined;
  private readonly reviews = new Map<DocRoom, RosterReview>();
  /** Scaled mode: values `derive` computed from rosters owned elsewhere, at which sequence numbers (one per roster and key). */
  private readonly derivedElsewhere = new Map<string, { seqs: { records: number; review: number }; asOf: string; value: unknown }>();
  /** The audit journal of each records document being loaded, until `attach` takes it. */
  private readonly journals = new Map<string, AuditJournal>();
  private readonly now: () => Date;
  /** Event-loop utilisation at the last `loopBusy()` sample, and when it was taken. */
  private loopSample = { at: 0, elu: performance.eventLoopUtilization(), busy: false };

  constructor(private readonly options: RosterHubOptions) {
    this.now = options.now ?? (() => new Date());
    this.cluster = options.cluster ? new RosterCluster(options.cluster, () => this.registry, options.logger) : undefined;
    this.registry = new RoomRegistry({
      ...this.cluster?.registryOptions(),
      store: options.store,
      idleUnloadMs: options.idleUnloadMs,
      compactEvery: options.compactEvery,
      hooksFor: (docName) => this.hooksFor(docName),
      gcFor: (docName) => (parseDocName(docName)?.kind === "records" ? "records" : "plain"),
      onRoomBuilt: (room) => this.attach(room),
      ...(options.offload ? { offload: options.offload } : {}),
      ...(options.buildDelayMs !== undefined ? { buildDelayMs: options.buildDelayMs } : {}),
      // Entries another entry replaced are never read again (conflicts come from the heads);
      // dropping them before a snapshot keeps the document, and every later load, small.
      // `compactEditLog` is safe against concurrent and offline writers (see its docs).
      beforeCompact: (docName, doc) => {
        if (parseDocName(docName)?.kind === "records") compactEditLog(doc);
      },
      logger: {
        warn: (message, fields) => options.logger.warn("sync.warn", { message, ...fields }),
        error: (message, fields) => options.logger.error("sync.error", { message, ...fields }),
      },
      ...(options.limits ? { limits: options.limits } : {}),
    });
  }

  /** One roster's documents, for callers (the sync endpoint, imports, reports). */
  roster(roster: Roster): RosterRoom {
    return new RosterRoom(roster, this);
  }

  /** Today in Vietnam: the `asOf` of every evaluation. */
  asOf(): string {
    return isoDateInVietnam(this.now());
  }

  /** The loaded records document of a roster (typed). */
  async records(rosterId: string): Promise<RosterRecords> {
    return (await this.attachment(rosterId)).records;
  }

  /** The loaded review room of a roster with its typed wrapper. */
  async review(rosterId: string): Promise<{ room: DocRoom; review: RosterReview }> {
    const room = await this.ownRoom("review", rosterId);
    const review = this.reviews.get(room);
    if (!review) throw new Error(`review room ${rosterId} has no wrapper`);
    return { room, review };
  }

  /**
   * Brings the marks up to date now, writes the marks that changed (durably, before
   * returning), and returns every child's marking: the server's authoritative statuses.
   */
  async markNow(rosterId: string): Promise<Map<string, ChildMarking>> {
    const attachment = await this.attachment(rosterId);
    await this.runMarks(rosterId, attachment);
    await (await this.review(rosterId)).room.whenPersisted();
    return attachment.marker.markings();
  }

  /**
   * Something derived from a roster's records and every child's marking now, for reports
   * over many rosters (`compute` must not keep its arguments). `owner: "here"`: from the
   * built document (marks brought up to date and stored, as `markNow`). Scaled mode, a
   * roster this instance does not own: read from the store and evaluated here
   * (`readStoredRoster`), nothing written and nothing claimed, so that a province report does
   * not make one instance the owner of every roster; remembered with the documents' sequence
   * numbers, so the next report reads it again only if either document changed (or the day
   * did). `owner` says whether another instance owns it ("elsewhere") or nobody does ("none").
   */
  async derive<T>(
    rosterId: string,
    key: string,
    compute: (records: RosterRecords, markings: Map<string, ChildMarking>) => T,
  ): Promise<{ value: T; owner: "here" | "none" | "elsewhere" }> {
    if (!this.cluster || this.cluster.ownsNow(rosterId)) {
      const markings = await this.markNow(rosterId);
      return { value: compute(await this.records(rosterId), markings), owner: "here" };
    }
    const owner = (await this.cluster.ownerElsewhere(rosterId)) ? "elsewhere" : "none";
    const { store } = this.options;
    const asOf = this.asOf();
    const cacheKey = `${key}\u0000${rosterId}`;
    const cached = this.derivedElsewhere.get(cacheKey);
    if (
      cached?.asOf === asOf &&
      (await unchangedSince(store, syncDocName("records", rosterId), cached.seqs.records)) &&
      (await unchangedSince(store, syncDocName("review", rosterId), cached.seqs.review))
    ) {
      return { value: cached.value as T, owner };
    }
    const stored = await readStoredRoster(store, rosterId, asOf);
    try {
      const value = compute(stored.records, stored.markings);
      this.derivedElsewhere.set(cacheKey, { seqs: stored.seqs, asOf, value });
      return { value, owner };
    } finally {
      stored.destroy();
    }
  }

  /** Makes sure the review document names its roster and commune (written by the server). */
  async ensureMeta(roster: Roster): Promise<void> {
    if (this.registry.isReplica(syncDocName("review", roster.id))) return; // its owner writes it
    const { room, review } = await this.review(roster.id);
    const communeName = (await this.options.store.getCommune(roster.commune))?.name;
    const meta = review.meta();
    if (meta?.rosterId === roster.id && meta.name === roster.name && meta.commune === roster.commune && meta.communeName === communeName) return;
    const next = { rosterId: roster.id, name: roster.name, commune: roster.commune, ...(communeName ? { communeName } : {}) };
    room.write(() => review.setMeta(next, SERVER_ORIGIN));
  }

  reportFailure(event: string, error: unknown): void {
    this.options.logger.error(event, { error: error instanceof Error ? error : String(error) });
  }

  /** Closes every sync connection with `code` (see `RoomRegistry.close`) and drains. */
  async close(code?: CloseCodeValue): Promise<void> {
    for (const attachment of this.attached.values()) this.detach(attachment);
    this.attached.clear();
    await this.registry.close(code);
    // After the last writes: another instance may take over at once.
    await this.cluster?.close();
  }

  /**
   * A records document gets the server guard (DESIGN.md "What the server accepts from a
   * client") and its audit journal; the review document is only written by the server.
   */
  private hooksFor(docName: string): RoomHooks | undefined {
    const target = parseDocName(docName);
    if (target?.kind !== "records") return undefined;
    const guard = this.options.guard === false ? undefined : new RecordsGuard();
    const journal = new AuditJournal(target.rosterId, (transaction) => guard?.repairsIn(transaction) ?? [], this.now);
    this.journals.set(docName, journal);
    return { ...guard?.hooks(), journal: journal.journal };
  }

  private attach(room: DocRoom): void {
    const target = parseDocName(room.name);
    if (!target) return;
    if (target.kind === "review") {
      const review = new RosterReview(room.doc);
      this.reviews.set(room, review);
      room.doc.once("destroy", () => {
        review.destroy();
        this.reviews.delete(room);
      });
      // Scaled mode: the review clients may all be on other instances, whose `ensureMeta`
      // leaves it to the owner: the owner writes it when it builds the document.
      if (this.cluster) {
        void this.options.store
          .getRoster(target.rosterId)
          .then((roster) => (roster ? this.ensureMeta(roster) : undefined))
          .catch((error: unknown) => this.reportFailure("roster.meta_failed", error));
      }
      return;
    }
    const records = new RosterRecords(room.doc);
    const marker = new RosterMarker(records);
    // A run only evaluates what changed, but a big first run or a burst still costs CPU, and
    // each run has a fixed cost: space the runs to at least four times the last run's work
    // (so marking takes at most ~20% of the event loop per roster), and to BUSY_DEBOUNCE_MS
    // while the event loop is busy (more changes share a run), but never beyond 900 ms, to
    // keep the 1-second promise.
    let lastRunMs = 0;
    const delay = () =>
      Math.min(900, Math.max(this.options.markDebounceMs, 4 * lastRunMs, this.loopBusy() ? BUSY_DEBOUNCE_MS : 0));
    const attachment: RecordsAttachment = {
      room,
      records,
      marker,
      debouncer: new Debouncer(delay, () => {
        this.runMarks(target.rosterId, attachment)
          .then((result) => (lastRunMs = result.busyMs))
          .catch((error: unknown) =>
            this.options.logger.error("marks.failed", { rosterId: target.rosterId, error: error instanceof Error ? error : String(error) }),
          );
      }),
      journal: this.takeJournal(room),
    };
    records.onChange(() => attachment.debouncer.schedule());
    this.attached.set(room, attachment);
    room.doc.once("destroy", () => {
      // `close()` detaches every attachment before the registry destroys the docs.
      if (this.attached.delete(room)) this.detach(attachment);
    });
    // Marks may be missing or out of date (rules or the date changed since the last run).
    // The first run comes after the debounce delay, so the first client's sync is answered
    // before it, and it works in slices, so it never holds that client up for long.
    attachment.debouncer.schedule();
  }

  private takeJournal(room: DocRoom): AuditJournal {
    const journal = this.journals.get(room.name);
    if (!journal) throw new Error(`records room ${room.name} was loaded without its audit journal`);
    this.journals.delete(room.name);
    journal.observe(room.doc);
    return journal;
  }

  /** Whether the event loop was more than half busy lately (sampled at most every 250 ms). */
  private loopBusy(): boolean {
    const now = performance.now();
    if (now - this.loopSample.at >= 250) {
      const elu = performance.eventLoopUtilization();
      const busy = performance.eventLoopUtilization(elu, this.loopSample.elu).utilization > 0.5;
      this.loopSample = { at: now, elu, busy };
    }
    return this.loopSample.busy;
  }

  /**
   * The room of one of a roster's documents, built: here, it must be (or become) the owner.
   * Scaled mode: a roster owned by another instance is refused (`OwnerUnavailableError`;
   * its API requests are forwarded there before they come here), and one loaded here as a
   * replica while nobody owns it is claimed first.
   */
  private async ownRoom(kind: "records" | "review", rosterId: string): Promise<DocRoom> {
    const docName = syncDocName(kind, rosterId);
    if (this.cluster && this.registry.isReplica(docName)) {
      if (!(await this.cluster.claim(rosterId))) throw new OwnerUnavailableError();
    }
    try {
      return await this.registry.getOrLoad(docName);
    } catch (error) {
      if (this.registry.isReplica(docName)) throw new OwnerUnavailableError();
      throw error;
    }
  }

  private async attachment(rosterId: string): Promise<RecordsAttachment> {
    const room = await this.ownRoom("records", rosterId);
    const attachment = this.attached.get(room);
    if (!attachment) throw new Error(`records room ${rosterId} has no attachment`);
    return attachment;
  }

  private async runMarks(rosterId: string, attachment: RecordsAttachment): Promise<MarkRunResult> {
    // Marks follow what is stored: the changes they evaluate are durable first (a change
    // lost to a failed write never gets a mark; a restart evaluates everything again).
    await attachment.room.whenPersisted();
    const now = this.now();
    const result = await attachment.marker.run(
      async () => {
        const { room, review } = await this.review(rosterId);
        return { review, write: (change: () => void) => room.write(change, SERVER_ORIGIN) };
      },
      isoDateInVietnam(now),
      now.toISOString(),
    );
    this.markStats.runs++;
    this.markStats.marksWritten += result.written;
    this.markStats.childrenEvaluated += result.evaluated;
    this.markStats.lastMs = result.busyMs;
    this.markStats.maxMs = Math.max(this.markStats.maxMs, result.busyMs);
    return result;
  }

  private detach(attachment: RecordsAttachment): void {
    attachment.debouncer.close();
    attachment.marker.close();
    // The journal is not stopped here: the hub detaches before the registry has closed the
    // rooms, and an update applied meanwhile must still be stored with its audit. It goes
    // with the doc, which the registry destroys once everything is durable.
    attachment.records.destroy();
  }
}
