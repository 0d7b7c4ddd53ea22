import type { RosterRecords, RosterReview } from "@roster/doc";
import { RosterEngine } from "@roster/engine";
import type { Verification } from "@roster/schema";
import { markingOf, markOf, sameMark, type ChildMarking } from "./compute-marks";

/** Where a run writes its marks: the review room's `write` and its typed wrapper. */
export interface ReviewTarget {
  review: RosterReview;
  /** Runs `change` as one transaction of the review room (persisted, then relayed). */
  write: (change: () => void) => void;
}

export interface MarkRunResult {
  /** Marks set or removed in the review document. */
  written: number;
  /** Children evaluated again in this run. */
  evaluated: number;
  /** Milliseconds of work, the pauses between slices left out. */
  busyMs: number;
}

/** How long a run works before letting the event loop serve sockets again. */
const SLICE_MS = 8;
/** Most marks written in one review transaction (a first run writes thousands). */
const MARKS_PER_WRITE = 500;

/** The work time of a run, which yields to the event loop every `SLICE_MS`. */
class SliceClock {
  private busy = 0;
  private sliceStart = performance.now();

  constructor(private readonly stopped: () => boolean) {}

  /** Yields once the slice has used its time (or always, when `force`); false once stopped. */
  async pause(force = false): Promise<boolean> {
    const now = performance.now();
    if (!force && now - this.sliceStart < SLICE_MS) return !this.stopped();
    await this.wait(new Promise<void>((resolve) => setImmediate(resolve)));
    return !this.stopped();
  }

  /** Awaits `promise` without counting the wait as work. */
  async wait<T>(promise: Promise<T>): Promise<T> {
    this.busy += performance.now() - this.sliceStart;
    try {
      return await promise;
    } finally {
      this.sliceStart = performance.now();
    }
  }

  busyMs(): number {
    return this.busy + performance.now() - this.sliceStart;
  }
}

/**
 * Keeps one roster's marks current, incrementally: the shared `RosterEngine` (the one the
 * phone's list runs too) follows the records document and evaluates again only the
 * children whose inputs changed; the marker adds the police verifications and writes the
 * marks that differ from the stored ones. A child's status is computed again when its
 * evaluation, its fingerprint or its verification changed. The result is the same as
 * evaluating the whole roster (`markRoster`); the tests compare both.
 *
 * A run works in slices of a few milliseconds and yields between them, so a first run
 * over thousands of children never holds up the sockets of this or any other roster.
 * Runs are serialized; changes made during a run are picked up by the next.
 */
export class RosterMarker {
  private readonly engine: RosterEngine;
  private readonly current = new Map<string, ChildMarking>();
  private readonly verifications = new Map<string, Verification>();
  private dirtyVerifications = new Set<string>();
  /** The review wrapper the marks were last reconciled with (a reloaded room is a new one). */
  private boundReview: RosterReview | undefined;
  private stopReview: (() => void) | undefined;
  private chain: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(records: RosterRecords) {
    this.engine = new RosterEngine(records);
  }

  /** True when a change arrived that no run has looked at yet. */
  get pending(): boolean {
    return this.engine.pending || this.dirtyVerifications.size > 0;
  }

  /**
   * Brings the marks up to date as of `asOf` (`YYYY-MM-DD`), stamping changed marks with
   * `at`. Waits for a run already going, then runs (so the result covers every change
   * made before the call).
   */
  run(target: () => Promise<ReviewTarget>, asOf: string, at: string): Promise<MarkRunResult> {
    const next = this.chain.then(() => this.runGuarded(target, asOf, at));
    this.chain = next.catch(() => undefined);
    return next;
  }

  /** Every present child's marking as of the last run (removed children have none). */
  markings(): Map<string, ChildMarking> {
    return new Map(this.current);
  }

  /** Stops following the documents; a run in progress stops at its next slice. */
  close(): void {
    this.closed = true;
    this.engine.close();
    this.stopReview?.();
  }

  /**
   * A run that fails compares every mark with the stored ones at the next run (the
   * review is bound again); one that failed inside the engine evaluates everything again.
   */
  private async runGuarded(target: () => Promise<ReviewTarget>, asOf: string, at: string): Promise<MarkRunResult> {
    try {
      return await this.runOnce(target, asOf, at);
    } catch (error) {
      if (!(error instanceof RangeError)) this.engine.reset();
      this.unbindReview();
      throw error;
    }
  }

  private async runOnce(target: () => Promise<ReviewTarget>, asOf: string, at: string): Promise<MarkRunResult> {
    const clock = new SliceClock(() => this.closed);
    const result = (written: number, evaluated: number): MarkRunResult => ({ written, evaluated, busyMs: clock.busyMs() });
    while (!this.engine.update(asOf, performance.now() + SLICE_MS)) {
      if (!(await clock.pause(true))) return result(0, 0);
    }
    const changes = this.engine.takeChanges();
    // Only children whose results were computed again can have a different marking (a
    // note typed is in `changes.children`, not in `changes.reevaluated`).
    const restamp = changes.all ? new Set(this.engine.childMap().keys()) : changes.reevaluated;
    // The review side: verifications, statuses, and the marks that differ from the stored ones.
    const written = await this.writeReview(target, restamp, at, clock);
    return result(written, changes.evaluated);
  }

  private async writeReview(
    target: () => Promise<ReviewTarget>,
    reevaluated: ReadonlySet<string>,
    at: string,
    clock: SliceClock,
  ): Promise<number> {
    const reviewTarget = await clock.wait(target());
    const review = reviewTarget.review;
    const restamp = new Set(reevaluated);
    const reconcileAll = this.bindReview(review);
    if (reconcileAll) {
      this.verifications.clear();
      for (const [id, verification] of review.verifications()) this.verifications.set(id, verification);
      for (const id of this.engine.childMap().keys()) restamp.add(id);
    } else {
      for (const id of this.dirtyVerifications) {
        const verification = review.verification(id);
        if (verification) this.verifications.set(id, verification);
        else this.verifications.delete(id);
        restamp.add(id);
      }
    }
    this.dirtyVerifications.clear();

    const stored = reconcileAll ? review.marks() : undefined;
    const changes: (() => boolean)[] = [];
    for (const id of restamp) {
      const evaluation = this.engine.evaluation(id);
      const fp = this.engine.fingerprint(id);
      if (!evaluation || fp === undefined) {
        this.current.delete(id);
        changes.push(() => review.removeMark(id));
        continue;
      }
      const marking = markingOf(evaluation, fp, this.verifications.get(id));
      this.current.set(id, marking);
      const mark = markOf(marking, at);
      if (!sameMark(stored ? stored.get(id) : review.mark(id), mark)) changes.push(() => review.setMark(id, mark));
      if (!(await clock.pause())) return 0;
    }
    if (stored) {
      // Marks of children that are gone or removed (or that an outside writer added).
      for (const id of stored.keys()) if (!this.current.has(id)) changes.push(() => review.removeMark(id));
    }

    let written = 0;
    for (let from = 0; from < changes.length; from += MARKS_PER_WRITE) {
      if (from > 0 && !(await clock.pause(true))) break;
      const slice = changes.slice(from, from + MARKS_PER_WRITE);
      // A room that closed meanwhile is reloaded by `target`; the write goes to the live one.
      const live = from === 0 ? reviewTarget : await clock.wait(target());
      live.write(() => {
        for (const change of slice) if (change()) written++;
      });
    }
    return written;
  }

  /** Follows `review`; true when it is not the one the marks were reconciled with. */
  private bindReview(review: RosterReview): boolean {
    if (this.boundReview === review) return false;
    this.stopReview?.();
    this.boundReview = review;
    this.stopReview = review.onChange(({ verifications }) => {
      for (const id of verifications) this.dirtyVerifications.add(id);
    });
    this.dirtyVerifications.clear();
    return true;
  }

  private unbindReview(): void {
    this.stopReview?.();
    this.stopReview = undefined;
    this.boundReview = undefined;
  }
}

