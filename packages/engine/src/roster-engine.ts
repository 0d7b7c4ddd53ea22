import type { Conflict, RosterRecords } from "@roster/doc";
import { evaluate, isIsoDate, type Evaluation, type EvaluationContext } from "@roster/rules";
import type { Child, Guardian } from "@roster/schema";
import { conflictFieldsByChild } from "./conflict-fields";
import { noChanges, type EngineChanges } from "./engine-changes";
import { DuplicateIndex } from "./duplicate-index";
import { FingerprintCache } from "./fingerprint-cache";
import { GuardianLinks } from "./guardian-links";
import { sameFields, sameRecord, sameRuleInputs } from "./same-values";

/** One pass: the changes it took, what it still has to evaluate, and where it is. */
interface Pass {
  readonly asOf: string;
  readonly first: boolean;
  readonly dirtyChildren: ReadonlySet<string>;
  readonly dirtyGuardians: ReadonlySet<string>;
  readonly recordsTouched: boolean;
  phase: "read" | "duplicates" | "evaluate";
  /** Children whose rules run again, and those whose fingerprint input may have changed. */
  readonly reevaluate: Set<string>;
  readonly refingerprint: Set<string>;
  /** Children whose duplicate keys may have changed. */
  readonly dupDirty: Set<string>;
  queue: string[];
}

// How many children are evaluated between two looks at the clock (reading it costs more
// than one evaluation).
const CLOCK_EVERY = 16;

// `performance` of browsers, workers and Node, reached through globalThis because the
// isomorphic tsconfig has neither DOM nor Node types.
const monotonicNow = (): number => (globalThis as unknown as { performance: { now(): number } }).performance.now();

/**
 * One roster's rules results, kept up to date change by change: the one incremental
 * evaluation both the server's marks and the phone's list run. It follows the records
 * document (`RosterRecords.onChange`) and, per pass, evaluates again only the children
 * whose inputs changed:
 * - the child itself (its record; its edit-log entries only through its conflicts);
 * - a guardian it links to (`GuardianLinks`);
 * - its duplicate pairs (`DuplicateIndex`: only children sharing a key are compared);
 * - its conflicting fields (`conflictFieldsByChild`: a guardian's conflict is on every
 *   child linking to it);
 * - the day (`asOf`): every child, once per day.
 * A fingerprint is hashed again only when its input changed (`FingerprintCache`).
 * After every pass the results equal `evaluateWhole` over the document (see the tests).
 *
 * A pass works until a deadline and continues at the next `update`, so a first pass over
 * thousands of children runs in slices; changes noted meanwhile wait for the next pass.
 * Verification and how results are shown or stored are the callers' (`markFor`).
 */
export class RosterEngine {
  private readonly children = new Map<string, Child>();
  private readonly guardianMap = new Map<string, Guardian>();
  private guardianRecord: Record<string, Guardian> = {};
  private guardianArray: Guardian[] = [];
  private readonly links = new GuardianLinks();
  private readonly duplicates = new DuplicateIndex();
  private readonly fingerprints = new FingerprintCache();
  private readonly evaluations = new Map<string, Evaluation>();
  private conflictList: Conflict[] = [];
  private conflictFields = new Map<string, string[]>();
  /** The day the results are as of; undefined before the first pass. */
  private evaluatedAsOf: string | undefined;
  private childrenRead = false;
  private loaded = false;
  private pass: Pass | undefined;
  private changes = noChanges();
  private dirtyChildren = new Set<string>();
  private dirtyGuardians = new Set<string>();
  private recordsTouched = false;
  private readonly stop: () => void;

  /** @param clock the time deadlines are given in (`performance.now` by default). */
  constructor(
    private readonly records: RosterRecords,
    private readonly clock: () => number = monotonicNow,
  ) {
    this.stop = records.onChange(({ children, guardians }) => {
      for (const id of children) this.dirtyChildren.add(id);
      for (const id of guardians) this.dirtyGuardians.add(id);
      this.recordsTouched = true;
    });
  }

  /** True when a change waits for a pass, or a pass is unfinished, or none ran yet. */
  get pending(): boolean {
    return !this.loaded || this.pass !== undefined || this.recordsTouched;
  }

  /** True once a first pass has evaluated the whole roster. */
  get isLoaded(): boolean {
    return this.loaded;
  }

  /** The day of the last finished pass. */
  get asOf(): string | undefined {
    return this.evaluatedAsOf;
  }

  /**
   * Reads every child (removed ones included) without evaluating anything: what a list
   * needs to appear at once. The next pass then reads the rest and evaluates everything.
   */
  readChildren(): ReadonlyMap<string, Child> {
    this.pass = undefined;
    this.loaded = false;
    this.loadChildren();
    return this.children;
  }

  /**
   * Continues the pass in progress, or starts one over the changes noted since the last
   * (the first reads the whole roster), until `deadline` (a time of `clock`)
   * passes. True when the pass is done: the results then describe the document as it was
   * when the pass started, as of `asOf`. The changes add up until `takeChanges`.
   * @throws RangeError when `asOf` is not a valid `YYYY-MM-DD` date.
   */
  update(asOf: string, deadline: number = Number.POSITIVE_INFINITY): boolean {
    if (this.pass === undefined) {
      if (!isIsoDate(asOf)) throw new RangeError(`engine: asOf is not a valid date: ${JSON.stringify(asOf)}`);
      this.pass = this.start(asOf);
    }
    if (!this.step(this.pass, deadline)) return false;
    this.pass = undefined;
    return true;
  }

  /** Finishes the pass in progress, then runs one over whatever changed meanwhile. */
  settle(asOf: string): void {
    this.update(asOf);
    if (this.recordsTouched || asOf !== this.evaluatedAsOf) this.update(asOf);
  }

  /** The changes of the passes since the last call. */
  takeChanges(): EngineChanges {
    const changes = this.changes;
    this.changes = noChanges();
    return changes;
  }

  /** Forgets every result; the next pass reads and evaluates the whole roster. */
  reset(): void {
    this.pass = undefined;
    this.loaded = false;
    this.childrenRead = false;
    this.evaluatedAsOf = undefined;
    this.evaluations.clear();
    this.fingerprints.clear();
    this.changes = noChanges();
  }

  /** Stops following the document. */
  close(): void {
    this.stop();
  }

  /** Every child read (removed ones included), by id. */
  childMap(): ReadonlyMap<string, Child> {
    return this.children;
  }

  /** Every guardian by id (a new object after a pass that changed guardians). */
  guardians(): Readonly<Record<string, Guardian>> {
    return this.guardianRecord;
  }

  guardianList(): readonly Guardian[] {
    return this.guardianArray;
  }

  /** Every open conflict, as `RosterRecords.conflicts` gave them at the last pass. */
  conflicts(): readonly Conflict[] {
    return this.conflictList;
  }

  /** The rules' evaluation of a child; undefined for a removed, gone or not yet evaluated one. */
  evaluation(id: string): Evaluation | undefined {
    return this.evaluations.get(id);
  }

  /** The fingerprint of a child (removed ones too); undefined for a gone or not yet evaluated one. */
  fingerprint(id: string): string | undefined {
    return this.fingerprints.get(id);
  }

  private start(asOf: string): Pass {
    const pass: Pass = {
      asOf,
      first: !this.loaded,
      dirtyChildren: this.dirtyChildren,
      dirtyGuardians: this.dirtyGuardians,
      recordsTouched: this.recordsTouched,
      phase: "read",
      reevaluate: new Set(),
      refingerprint: new Set(),
      dupDirty: new Set(),
      queue: [],
    };
    this.dirtyChildren = new Set();
    this.dirtyGuardians = new Set();
    this.recordsTouched = false;
    return pass;
  }

  private step(pass: Pass, deadline: number): boolean {
    if (pass.phase === "read") {
      this.read(pass);
      pass.phase = "duplicates";
      if (this.clock() >= deadline) return false;
    }
    if (pass.phase === "duplicates") {
      // One block: on a first pass the search runs over the whole roster at once.
      if (pass.first) this.duplicates.rebuild(this.children, this.guardianRecord);
      else for (const id of this.duplicates.update(pass.dupDirty, this.children, this.guardianRecord)) pass.reevaluate.add(id);
      const all = pass.first || pass.asOf !== this.evaluatedAsOf;
      this.changes.all ||= all;
      pass.queue = all ? [...this.children.keys()] : [...pass.reevaluate];
      pass.phase = "evaluate";
      if (this.clock() >= deadline && pass.queue.length > 0) return false;
    }
    const { children: changed, reevaluated } = this.changes;
    while (pass.queue.length > 0) {
      for (let n = 0; n < CLOCK_EVERY && pass.queue.length > 0; n++) {
        const id = pass.queue.pop()!;
        changed.add(id);
        reevaluated.add(id);
        this.evaluateChild(id, pass);
      }
      if (this.clock() >= deadline && pass.queue.length > 0) return false;
    }
    this.evaluatedAsOf = pass.asOf;
    this.loaded = true;
    return true;
  }

  private read(pass: Pass): void {
    const { reevaluate, refingerprint, dupDirty } = pass;
    if (pass.first) {
      if (!this.childrenRead) this.loadChildren();
      this.guardianMap.clear();
      for (const guardian of this.records.listGuardians()) this.guardianMap.set(guardian.id, guardian);
      this.rebuildGuardians();
      this.links.clear();
      for (const child of this.children.values()) this.links.replace(undefined, child);
      this.fingerprints.clear();
      this.evaluations.clear();
      this.changes.linksChanged = true;
    } else if (pass.dirtyGuardians.size > 0) {
      for (const id of pass.dirtyGuardians) {
        const guardian = this.records.getGuardian(id);
        if (sameRecord(this.guardianMap.get(id), guardian)) continue;
        if (guardian) this.guardianMap.set(id, guardian);
        else this.guardianMap.delete(id);
        this.changes.guardiansChanged = true;
        for (const childId of this.links.childrenOf(id)) {
          reevaluate.add(childId);
          refingerprint.add(childId);
          dupDirty.add(childId);
        }
      }
      if (this.changes.guardiansChanged) this.rebuildGuardians();
    }
    for (const id of pass.dirtyChildren) {
      const before = this.children.get(id);
      const child = this.records.getChild(id);
      // A transaction that only touched the child's log entries leaves the record as it was.
      if (sameRecord(before, child)) continue;
      if (child) this.children.set(id, child);
      else this.children.delete(id);
      if (this.links.replace(before, child) || before?.removed !== child?.removed) this.changes.linksChanged = true;
      if (child && (!before || before.fullName !== child.fullName)) this.changes.renamed.add(id);
      this.changes.children.add(id);
      // A note, a school, an appointment: nothing the rules read, so the evaluation, the
      // fingerprint and the duplicate pairs stay (views still hear of the change).
      if (sameRuleInputs(before, child)) continue;
      reevaluate.add(id);
      refingerprint.add(id);
      dupDirty.add(id);
    }
    if (pass.first || pass.recordsTouched) {
      // A conflict comes and goes with its record's log entries; a guardian's concerns
      // every child linking to it, so the per-child fields are compared, not assumed.
      this.conflictList = this.records.conflicts();
      const fields = conflictFieldsByChild(this.conflictList, (guardianId) => this.linkedChildren(guardianId));
      for (const id of new Set([...this.conflictFields.keys(), ...fields.keys()])) {
        if (!sameFields(this.conflictFields.get(id), fields.get(id))) reevaluate.add(id);
      }
      this.conflictFields = fields;
      this.changes.conflictsChanged = true;
    }
  }

  private evaluateChild(id: string, pass: Pass): void {
    const child = this.children.get(id);
    if (!child) {
      this.evaluations.delete(id);
      this.fingerprints.delete(id);
      return;
    }
    if (pass.first || pass.refingerprint.has(id) || !this.fingerprints.has(id)) this.fingerprints.update(child, this.guardianRecord);
    if (child.removed === true) {
      this.evaluations.delete(id);
      return;
    }
    // The context `evaluateRoster` gives each child.
    const ctx: EvaluationContext = { guardians: this.guardianRecord, asOf: pass.asOf, duplicates: this.duplicates.pairsOf(id) };
    const conflicts = this.conflictFields.get(id);
    if (conflicts !== undefined) ctx.conflicts = conflicts;
    this.evaluations.set(id, evaluate(child, ctx));
    this.changes.evaluated++;
  }

  private loadChildren(): void {
    this.dirtyChildren = new Set();
    this.children.clear();
    for (const child of this.records.listChildren({ includeRemoved: true })) this.children.set(child.id, child);
    this.childrenRead = true;
  }

  private *linkedChildren(guardianId: string): Iterable<Child> {
    for (const id of this.links.childrenOf(guardianId)) {
      const child = this.children.get(id);
      if (child) yield child;
    }
  }

  private rebuildGuardians(): void {
    this.guardianArray = [...this.guardianMap.values()];
    this.guardianRecord = Object.fromEntries(this.guardianArray.map((g) => [g.id, g]));
  }
}
