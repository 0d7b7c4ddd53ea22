import { RECORDS_LAYOUT, type RosterRecords, type RosterReview } from "@roster/doc";
import {
  evaluate,
  findDuplicates,
  FINGERPRINT_VERSION,
  fingerprint,
  indexDuplicates,
  isIsoDate,
  markFor,
  type DuplicatePair,
  type EvaluationContext,
  type Evaluation,
} from "@roster/rules";
import type { Child, Guardian, Verification } from "@roster/schema";
import { conflictFieldsByChild, markOf, sameMark, type ChildMarking } from "./compute-marks";

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
const NO_PAIRS: readonly DuplicatePair[] = Object.freeze([]);
const LINKS = ["fatherId", "motherId", "guardianId"] as const;

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
 * Keeps one roster's marks current, incrementally. It follows which children and
 * guardians each transaction touched (`RosterRecords.onChange`) and, per run, evaluates
 * again only the children whose inputs changed:
 * - the child itself (a field, its edit-log entries, hence its conflicts);
 * - a guardian it links to (father, mother, guardian);
 * - its duplicate pairs: the duplicate search runs over the roster again only when a
 *   field it reads changed (pid, BHYT, name, date of birth, removal, parents' pid), and
 *   only children whose pairs differ afterwards are evaluated again;
 * - its conflicting fields (a guardian's conflict shows on every linked child);
 * - the day (`asOf`): every child, once per day.
 * A child's fingerprint is computed again only when the child or a linked guardian
 * changed, and the mark status again when that or its verification changed. The result is
 * the same as evaluating the whole roster (`markRoster`); the tests compare both.
 *
 * A run works in slices of a few milliseconds and yields between them, so a first run
 * over thousands of children never holds up the sockets of this or any other roster.
 * Runs are serialized; changes made during a run are picked up by the next.
 */
export class RosterMarker {
  private readonly children = new Map<string, Child>();
  private readonly guardians: Record<string, Guardian> = {};
  /** Guardian id → ids of the children linking to it (even while the guardian is missing). */
  private readonly linked = new Map<string, Set<string>>();
  private readonly dupKeys = new Map<string, string>();
  private readonly evaluations = new Map<string, Evaluation>();
  private readonly fingerprints = new Map<string, string>();
  /** The raw values each fingerprint was computed from (see `fingerprintKeyOf`). */
  private readonly fingerprintKeys = new Map<string, string>();
  private readonly current = new Map<string, ChildMarking>();
  private readonly verifications = new Map<string, Verification>();
  private pairsOf: ReadonlyMap<string, readonly DuplicatePair[]> = new Map();
  private conflictsOf = new Map<string, string>();
  private asOf: string | undefined;
  private loaded = false;
  private dirtyChildren = new Set<string>();
  private dirtyGuardians = new Set<string>();
  private dirtyVerifications = new Set<string>();
  /** The review wrapper the marks were last reconciled with (a reloaded room is a new one). */
  private boundReview: RosterReview | undefined;
  private stopReview: (() => void) | undefined;
  private readonly stopRecords: () => void;
  private chain: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(private readonly records: RosterRecords) {
    this.stopRecords = records.onChange(({ children, guardians }) => {
      for (const id of children) this.dirtyChildren.add(id);
      for (const id of guardians) this.dirtyGuardians.add(id);
    });
  }

  /** True when a change arrived that no run has looked at yet. */
  get pending(): boolean {
    return !this.loaded || this.dirtyChildren.size > 0 || this.dirtyGuardians.size > 0 || this.dirtyVerifications.size > 0;
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
    this.stopRecords();
    this.stopReview?.();
  }

  /** A run that fails starts the next one from scratch (every child read and compared again). */
  private async runGuarded(target: () => Promise<ReviewTarget>, asOf: string, at: string): Promise<MarkRunResult> {
    try {
      return await this.runOnce(target, asOf, at);
    } catch (error) {
      this.reset();
      throw error;
    }
  }

  /** Forgets everything cached; the next run reads, evaluates and compares the whole roster. */
  private reset(): void {
    for (const map of [this.children, this.linked, this.dupKeys, this.evaluations, this.fingerprints, this.fingerprintKeys, this.current, this.verifications]) {
      map.clear();
    }
    for (const id of Object.keys(this.guardians)) delete this.guardians[id];
    this.pairsOf = new Map();
    this.conflictsOf = new Map();
    this.asOf = undefined;
    this.loaded = false;
    this.unbindReview();
  }

  private async runOnce(target: () => Promise<ReviewTarget>, asOf: string, at: string): Promise<MarkRunResult> {
    if (!isIsoDate(asOf)) throw new RangeError(`marks: asOf is not a valid date: ${JSON.stringify(asOf)}`);
    const clock = new SliceClock(() => this.closed);
    const result = (written: number, evaluated: number): MarkRunResult => ({
      written,
      evaluated,
      busyMs: clock.busyMs(),
    });

    // Everything touched from here on is read after this point, or waits for the next run.
    const dirtyChildren = this.dirtyChildren;
    const dirtyGuardians = this.dirtyGuardians;
    this.dirtyChildren = new Set();
    this.dirtyGuardians = new Set();
    const firstRun = !this.loaded;
    if (firstRun) {
      for (const id of this.records.doc.getMap(RECORDS_LAYOUT.guardians).keys()) dirtyGuardians.add(id);
      for (const id of this.records.doc.getMap(RECORDS_LAYOUT.children).keys()) dirtyChildren.add(id);
      this.loaded = true;
    }

    /** Children to evaluate again, and those whose fingerprint may have changed too. */
    const reevaluate = new Set<string>();
    const refingerprint = new Set<string>();
    let dupChanged = firstRun;

    for (const id of dirtyGuardians) {
      const guardian = this.records.getGuardian(id);
      if (guardian) this.guardians[id] = guardian;
      else delete this.guardians[id];
      for (const childId of this.linked.get(id) ?? []) refingerprint.add(childId);
      if (!(await clock.pause())) return result(0, 0);
    }
    for (const id of dirtyChildren) {
      // A transaction that only touched the child's log entries leaves the record as it was.
      if (this.readChild(id)) refingerprint.add(id);
      if (!(await clock.pause())) return result(0, 0);
    }
    for (const id of refingerprint) {
      reevaluate.add(id);
      const key = this.dupKeyOf(id);
      if (this.dupKeys.get(id) !== key) {
        dupChanged = true;
        if (key === undefined) this.dupKeys.delete(id);
        else this.dupKeys.set(id, key);
      }
    }
    if (this.asOf !== asOf) {
      this.asOf = asOf;
      for (const id of this.children.keys()) reevaluate.add(id);
    }

    if (dupChanged) {
      const pairsOf = indexDuplicates(findDuplicates([...this.children.values()], this.guardians));
      for (const id of new Set([...this.pairsOf.keys(), ...pairsOf.keys()])) {
        if (pairsKey(this.pairsOf.get(id)) !== pairsKey(pairsOf.get(id))) reevaluate.add(id);
      }
      this.pairsOf = pairsOf;
      if (!(await clock.pause())) return result(0, 0);
    }

    const allConflicts = this.records.conflicts();
    // Only a guardian's conflict needs the children (to show it on each linked child).
    const linkedChildren = allConflicts.some((c) => c.kind === "guardian") ? [...this.children.values()] : [];
    const conflicts = conflictFieldsByChild(linkedChildren, allConflicts);
    const conflictsOf = new Map<string, string>();
    for (const [id, fields] of Object.entries(conflicts)) conflictsOf.set(id, fields.join("\u0000"));
    if (this.conflictsOf.size > 0 || conflictsOf.size > 0) {
      for (const id of new Set([...this.conflictsOf.keys(), ...conflictsOf.keys()])) {
        if (this.conflictsOf.get(id) !== conflictsOf.get(id)) reevaluate.add(id);
      }
    }
    this.conflictsOf = conflictsOf;

    let evaluated = 0;
    for (const id of reevaluate) {
      const child = this.children.get(id);
      if (!child || child.removed === true) {
        this.evaluations.delete(id);
        this.fingerprints.delete(id);
        this.fingerprintKeys.delete(id);
        continue;
      }
      // As `evaluateRoster` builds the context of each child.
      const ctx: EvaluationContext = { guardians: this.guardians, asOf, duplicates: this.pairsOf.get(id) ?? NO_PAIRS };
      if (Object.hasOwn(conflicts, id)) ctx.conflicts = conflicts[id];
      this.evaluations.set(id, evaluate(child, ctx));
      if (refingerprint.has(id) || !this.fingerprints.has(id)) {
        // Hashing costs more than the rest of a child's evaluation: only when an input changed.
        const key = this.fingerprintKeyOf(child);
        if (this.fingerprintKeys.get(id) !== key || !this.fingerprints.has(id)) {
          this.fingerprintKeys.set(id, key);
          this.fingerprints.set(id, fingerprint(child, this.guardians));
        }
      }
      evaluated++;
      if (!(await clock.pause())) return result(0, evaluated);
    }

    // The review side: verifications, statuses, and the marks that differ from the stored ones.
    const written = await this.writeReview(target, reevaluate, at, clock);
    return result(written, evaluated);
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
      for (const id of this.children.keys()) restamp.add(id);
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
      const evaluation = this.evaluations.get(id);
      const fp = this.fingerprints.get(id);
      if (!evaluation || fp === undefined) {
        this.current.delete(id);
        changes.push(() => review.removeMark(id));
        continue;
      }
      const { status, findings } = markFor(evaluation, this.verifications.get(id), fp);
      const marking: ChildMarking = { evaluation, fingerprint: fp, status, findings };
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

  /**
   * Reads a child into the cache and keeps the guardian links in step. False when the
   * record is exactly as cached (or still absent).
   */
  private readChild(id: string): boolean {
    const before = this.children.get(id);
    const child = this.records.getChild(id);
    if (sameRecord(before, child)) return false;
    for (const link of LINKS) {
      const was = before?.[link];
      const now = child?.[link];
      if (was === now) continue;
      if (typeof was === "string") this.linked.get(was)?.delete(id);
      if (typeof now === "string") {
        let ids = this.linked.get(now);
        if (!ids) this.linked.set(now, (ids = new Set()));
        ids.add(id);
      }
    }
    if (child) this.children.set(id, child);
    else this.children.delete(id);
    return true;
  }

  /**
   * The raw values `fingerprint` reads (its documented field list, FINGERPRINT_VERSION
   * "roster-fp-v1", and the linked guardians' name and ID number): equal keys give equal
   * fingerprints, since the hash only sees normalised forms of these values.
   */
  private fingerprintKeyOf(child: Child): string {
    const guardian = (link: string | null | undefined) => {
      const g = typeof link === "string" && Object.hasOwn(this.guardians, link) ? this.guardians[link] : undefined;
      return g ? [g.fullName ?? null, g.pid ?? null] : null;
    };
    return JSON.stringify([
      FINGERPRINT_VERSION,
      child.fullName ?? null,
      child.dob ?? null,
      child.gender ?? null,
      child.ethnicity ?? null,
      child.pid ?? null,
      child.residenceType ?? null,
      child.residenceRegisteredOn ?? null,
      child.birthRegisteredOn ?? null,
      child.representative ?? null,
      guardian(child.fatherId),
      guardian(child.motherId),
      guardian(child.guardianId),
    ]);
  }

  /** What the duplicate search reads of a child; undefined for a child that is gone. */
  private dupKeyOf(id: string): string | undefined {
    const child = this.children.get(id);
    if (!child) return undefined;
    const pidOf = (link: string | null | undefined) => (typeof link === "string" && Object.hasOwn(this.guardians, link) ? (this.guardians[link]?.pid ?? null) : null);
    return JSON.stringify([
      child.removed === true,
      child.pid ?? null,
      child.bhyt ?? null,
      child.fullName ?? null,
      child.dob ?? null,
      pidOf(child.fatherId),
      pidOf(child.motherId),
    ]);
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

/** Same fields with the same values (records hold only strings, booleans and null). */
function sameRecord(a: Child | undefined, b: Child | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  const keys = Object.keys(a) as (keyof Child)[];
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => a[key] === b[key]);
}

function pairsKey(pairs: readonly DuplicatePair[] | undefined): string {
  if (!pairs || pairs.length === 0) return "";
  return pairs.map((p) => `${p.a}\u0000${p.b}\u0000${p.code}`).join("\u0001");
}
