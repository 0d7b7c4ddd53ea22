/** Upper bounds (ms) of the persist-latency histogram buckets, Prometheus style. */
export const PERSIST_LATENCY_BUCKETS_MS = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500] as const;

/** A histogram of batch persist latencies: cumulative bucket counts, as Prometheus expects. */
export interface LatencySnapshot {
  count: number;
  sumMs: number;
  maxMs: number;
  /** Cumulative: `count` of observations `<= le` ms. The implicit `+Inf` bucket is `count`. */
  buckets: { le: number; count: number }[];
}

/** Everything the sync core counts, for `/metrics`. */
export interface SyncStatsSnapshot {
  rooms: number;
  connections: number;
  /** Client and server updates durably appended. */
  updatesPersisted: number;
  /** Durable batches: updates that arrived while the previous batch was being written share one. */
  batchesPersisted: number;
  bytesPersisted: number;
  persistFailures: number;
  compactions: number;
  compactionFailures: number;
  /** Update messages from read-only connections, dropped unapplied. */
  readOnlyDropped: number;
  /** New clients answered with the stored bytes as they are (nothing decoded nor merged). */
  syncFromStored: number;
  /** Returning clients answered with what they lack of the stored bytes. */
  syncDiffs: number;
  /** Stored parts (snapshot, updates) left out of answers because the client held them. */
  syncPartsSkipped: number;
  /** Answers sent before the room's document was built. */
  syncBeforeBuild: number;
  /** Bytes of updates sent in sync answers. */
  syncAnswerBytes: number;
  /** Documents built from storage (Y.Doc), and the time it took (ms, wall clock). */
  docsBuilt: number;
  buildMs: number;
  /** Client updates that waited for their room's document to be built. */
  updatesHeld: number;
  /** Client updates the push guard looked at, and the time it took (ms, wall clock). */
  guardRuns: number;
  guardMs: number;
  /** Client updates the guard repaired, and guard errors (the update went on unrepaired). */
  guardRepairs: number;
  guardFailures: number;
  /** Connections closed by the server, by close code. */
  closes: Record<number, number>;
  persistLatency: LatencySnapshot;
  /** Scaled mode, replicas: committed updates relayed from the owner (bus or store). */
  relayed: number;
  /** Gaps in a document's sequence (a lost or oversized bus message) filled from the store. */
  relayGapsRepaired: number;
  /** Updates a replica read from the store rather than the bus (gaps, resyncs, compactions). */
  relayReadFromStore: number;
  /** Owner commit to replica receipt, for bus messages (ms; same clock only across one machine). */
  relayLag: LatencySnapshot;
}

/** A Prometheus-style histogram of durations (ms) with the bounds of `PERSIST_LATENCY_BUCKETS_MS`. */
class Histogram {
  private readonly buckets: number[] = PERSIST_LATENCY_BUCKETS_MS.map(() => 0);
  private count = 0;
  private sumMs = 0;
  private maxMs = 0;

  observe(ms: number): void {
    this.count += 1;
    this.sumMs += ms;
    this.maxMs = Math.max(this.maxMs, ms);
    PERSIST_LATENCY_BUCKETS_MS.forEach((le, i) => {
      if (ms <= le) this.buckets[i] = (this.buckets[i] ?? 0) + 1;
    });
  }

  snapshot(): LatencySnapshot {
    return {
      count: this.count,
      sumMs: this.sumMs,
      maxMs: this.maxMs,
      buckets: PERSIST_LATENCY_BUCKETS_MS.map((le, i) => ({ le, count: this.buckets[i] ?? 0 })),
    };
  }
}

/**
 * Mutable counters of one `RoomRegistry`, shared by its rooms and connections
 * (owned by the registry, never module-level).
 */
export class SyncStats {
  updatesPersisted = 0;
  batchesPersisted = 0;
  bytesPersisted = 0;
  persistFailures = 0;
  compactions = 0;
  compactionFailures = 0;
  readOnlyDropped = 0;
  syncFromStored = 0;
  syncDiffs = 0;
  syncPartsSkipped = 0;
  syncBeforeBuild = 0;
  syncAnswerBytes = 0;
  docsBuilt = 0;
  buildMs = 0;
  updatesHeld = 0;
  guardRuns = 0;
  guardMs = 0;
  guardRepairs = 0;
  guardFailures = 0;
  private readonly closes = new Map<number, number>();
  relayed = 0;
  relayGapsRepaired = 0;
  relayReadFromStore = 0;
  private readonly persistLatency = new Histogram();
  private readonly relayLag = new Histogram();

  /** Records one durable batch of `updates` updates, `bytes` long, that took `latencyMs`. */
  recordBatch(updates: number, bytes: number, latencyMs: number): void {
    this.updatesPersisted += updates;
    this.batchesPersisted += 1;
    this.bytesPersisted += bytes;
    this.persistLatency.observe(latencyMs);
  }

  /** A committed update a replica took from the bus, `lagMs` after its owner committed it. */
  recordRelayed(lagMs: number | undefined): void {
    this.relayed += 1;
    if (lagMs !== undefined) this.relayLag.observe(Math.max(0, lagMs));
  }

  recordClose(code: number): void {
    this.closes.set(code, (this.closes.get(code) ?? 0) + 1);
  }

  snapshot(rooms: number, connections: number): SyncStatsSnapshot {
    return {
      rooms,
      connections,
      updatesPersisted: this.updatesPersisted,
      batchesPersisted: this.batchesPersisted,
      bytesPersisted: this.bytesPersisted,
      persistFailures: this.persistFailures,
      compactions: this.compactions,
      compactionFailures: this.compactionFailures,
      readOnlyDropped: this.readOnlyDropped,
      syncFromStored: this.syncFromStored,
      syncDiffs: this.syncDiffs,
      syncPartsSkipped: this.syncPartsSkipped,
      syncBeforeBuild: this.syncBeforeBuild,
      syncAnswerBytes: this.syncAnswerBytes,
      docsBuilt: this.docsBuilt,
      buildMs: this.buildMs,
      updatesHeld: this.updatesHeld,
      guardRuns: this.guardRuns,
      guardMs: this.guardMs,
      guardRepairs: this.guardRepairs,
      guardFailures: this.guardFailures,
      closes: Object.fromEntries(this.closes),
      persistLatency: this.persistLatency.snapshot(),
      relayed: this.relayed,
      relayGapsRepaired: this.relayGapsRepaired,
      relayReadFromStore: this.relayReadFromStore,
      relayLag: this.relayLag.snapshot(),
    };
  }
}
