import type { Child, Guardian, Mark, Verification } from "@roster/schema";
import type { Conflict, RecordChanges, ReviewChanges, RosterRecords, RosterReview } from "@roster/doc";
import { evaluate, fingerprint, foldName, isoDateInVietnam, nameSortKey, type Evaluation, type EvaluationContext } from "@roster/rules";
import { guardianUsage } from "../child/guardian-search";
import { pendingRow, rowOf, withSync, type ChildRow } from "./child-row";
import { DuplicateIndex } from "./duplicate-index";
import { FacetCounts } from "./facet-counts";
import { insertSorted, sortRows, type Facets } from "./filters";

/** Everything the screens of one roster read, rebuilt after each change of either document. */
export interface RosterSnapshot {
  /** Every child, removed ones included, in class-list order. */
  readonly rows: readonly ChildRow[];
  readonly byId: ReadonlyMap<string, ChildRow>;
  readonly guardians: Readonly<Record<string, Guardian>>;
  readonly guardianList: readonly Guardian[];
  /** Children linked to each guardian. */
  readonly usage: ReadonlyMap<string, number>;
  readonly conflicts: readonly Conflict[];
  readonly facets: Facets;
  readonly asOf: string;
  /** Only on the list drawn from the device's kept first screen, before the roster is
   * read (`RosterModel.listing`): `rows` are then the head of the unfiltered list and
   * `total` counts its children; guardians, conflicts and facets are not known yet. */
  readonly partial?: { readonly total: number };
}

const LINKS = ["fatherId", "motherId", "guardianId"] as const;

// Past this many children to re-place in the list at once, it is sorted again whole.
const MAX_REPLACED = 64;

interface Names {
  readonly folded: string;
  readonly sortKey: string;
}

function conflictFieldsByChild(conflicts: readonly Conflict[]): Map<string, string[]> {
  const byChild = new Map<string, string[]>();
  for (const c of conflicts) {
    if (c.kind !== "child") continue;
    const fields = byChild.get(c.id);
    if (fields) fields.push(c.field);
    else byChild.set(c.id, [c.field]);
  }
  return byChild;
}

/**
 * The roster as the screens show it, kept up to date change by change. The first read
 * gives the list at once (`readAll`, rows `pending`); the rules then run over the whole
 * roster in slices (`evaluateSome`); after that each change re-reads and re-evaluates
 * only what it can affect (`flush`): the edited children, the children of an edited
 * guardian, their duplicate partners (`DuplicateIndex`) and children whose conflicts
 * changed. The result equals evaluating the whole roster again (see the test).
 * Plain TypeScript: RosterModel adds the reactivity and the timing.
 */
export class RosterState {
  private readonly children = new Map<string, Child>();
  private readonly guardianMap = new Map<string, Guardian>();
  private guardians: Record<string, Guardian> = {};
  private guardianList: Guardian[] = [];
  /** Guardian id → ids of the children linking to it. */
  private readonly linked = new Map<string, Set<string>>();
  /** Folded name and sort key by spelling: names repeat (Nguyễn Văn An), collation is costly. */
  private readonly names = new Map<string, Names>();
  private readonly fingerprints = new Map<string, string>();
  private readonly evaluations = new Map<string, Evaluation>();
  private readonly duplicates = new DuplicateIndex();
  private readonly marks = new Map<string, Mark>();
  private readonly verifications = new Map<string, Verification>();
  private conflicts: Conflict[] = [];
  private conflictFields = new Map<string, string[]>();
  private usage: Map<string, number> = new Map();
  private readonly rowsById = new Map<string, ChildRow>();
  private sorted: ChildRow[] = [];
  private asOf: string;
  private inSync = false;

  // The evaluation pass after `readAll`: ids still to evaluate, and whether pairs are known.
  private toEvaluate: string[] = [];
  private pairsKnown = false;
  private readRest = false;
  private evaluated = false;

  // What changed since the last flush.
  private readonly dirtyChildren = new Set<string>();
  private readonly dirtyGuardians = new Set<string>();
  private readonly dirtyReview = new Set<string>();
  private recordsTouched = false;
  private inSyncChanged = false;

  /** How many (not removed) rows show each school, grade and finding code: the facets
   * change only when a count goes to or from zero, so most edits skip re-listing them. */
  private readonly facetCounts = new FacetCounts();
  private facets: Facets = { schools: [], grades: [], codes: [] };

  private last: RosterSnapshot;

  constructor(
    private readonly records: RosterRecords,
    private readonly review: RosterReview,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.asOf = isoDateInVietnam(this.now());
    this.last = this.compose();
  }

  /** True once the rules have run over the whole roster (rows are no longer pending). */
  get isEvaluated(): boolean {
    return this.evaluated;
  }

  /** The last snapshot composed. */
  get current(): RosterSnapshot {
    return this.last;
  }

  /** Notes a records transaction (applied at the next `flush`). */
  noteRecords(changes: RecordChanges): void {
    for (const id of changes.children) this.dirtyChildren.add(id);
    for (const id of changes.guardians) this.dirtyGuardians.add(id);
    this.recordsTouched = true;
  }

  /** Notes a review transaction (applied at the next `flush`). */
  noteReview(changes: ReviewChanges): void {
    for (const id of changes.marks) this.dirtyReview.add(id);
    for (const id of changes.verifications) this.dirtyReview.add(id);
  }

  /** Whether this device and the server hold the same records (see `shownStatus`). */
  setInSync(inSync: boolean): void {
    if (inSync === this.inSync) return;
    this.inSync = inSync;
    this.inSyncChanged = true;
  }

  /** True when something waits for `flush`. */
  get dirty(): boolean {
    return (
      this.dirtyChildren.size > 0 || this.dirtyGuardians.size > 0 || this.dirtyReview.size > 0 || this.recordsTouched || this.inSyncChanged
    );
  }

  /**
   * Reads both documents whole and returns the list in class-list order with every row
   * `pending`: what the first screen needs, without running the rules. Call once the
   * documents are loaded; then `evaluateSome` until it returns true.
   */
  readAll(): RosterSnapshot {
    this.clearDirt();
    this.children.clear();
    for (const child of this.records.listChildren({ includeRemoved: true })) this.children.set(child.id, child);
    // Guardians, marks and conflicts are read by `evaluateSome`: the first screen needs none.
    this.readRest = true;
    this.rowsById.clear();
    this.facetCounts.clear();
    this.evaluations.clear();
    this.fingerprints.clear();
    for (const child of this.children.values()) this.setRow(child.id, pendingRow(child, this.namesOf(child)));
    this.sorted = sortRows([...this.rowsById.values()]);
    this.toEvaluate = [...this.children.keys()];
    this.pairsKnown = false;
    this.evaluated = false;
    this.last = this.compose();
    return this.last;
  }

  /**
   * Runs the rules over the roster read by `readAll`, until `deadline` (a
   * `performance.now()` time) passes; true when the whole roster is evaluated (then
   * `flush` gives the evaluated snapshot). Changes noted meanwhile wait for `flush`.
   */
  evaluateSome(deadline: number = Number.POSITIVE_INFINITY): boolean {
    if (this.evaluated) return true;
    if (this.readRest) {
      this.readRest = false;
      this.guardianMap.clear();
      for (const guardian of this.records.listGuardians()) this.guardianMap.set(guardian.id, guardian);
      this.rebuildGuardians();
      this.linked.clear();
      for (const child of this.children.values()) this.link(child);
      this.usage = guardianUsage([...this.children.values()]);
      this.marks.clear();
      for (const [id, mark] of this.review.marks()) this.marks.set(id, mark);
      this.verifications.clear();
      for (const [id, verification] of this.review.verifications()) this.verifications.set(id, verification);
      this.conflicts = this.records.conflicts();
      this.conflictFields = conflictFieldsByChild(this.conflicts);
      this.asOf = isoDateInVietnam(this.now());
      if (performance.now() >= deadline) return false;
    }
    if (!this.pairsKnown) {
      // One block: the duplicate search is over the whole roster at once.
      this.duplicates.rebuild(this.children, this.guardians);
      this.pairsKnown = true;
      if (performance.now() >= deadline) return false;
    }
    while (this.toEvaluate.length > 0) {
      // Check the clock every few children: reading it costs more than one evaluation.
      for (let n = 0; n < 16 && this.toEvaluate.length > 0; n += 1) {
        const id = this.toEvaluate.pop() as string;
        const child = this.children.get(id);
        if (!child) continue;
        this.reevaluate(id, child);
        this.fingerprints.set(id, fingerprint(child, this.guardians));
        this.setRow(id, this.rowFor(child));
      }
      if (performance.now() >= deadline && this.toEvaluate.length > 0) return false;
    }
    this.evaluated = true;
    this.sorted = this.sorted.map((row) => this.rowsById.get(row.child.id) as ChildRow);
    this.last = this.compose();
    return true;
  }

  /**
   * Applies every noted change and returns the new snapshot. Finishes the evaluation
   * pass first if it is not done (a caller that needs the result now).
   */
  flush(): RosterSnapshot {
    if (!this.evaluated) this.evaluateSome();
    if (!this.dirty && isoDateInVietnam(this.now()) === this.asOf) return this.last;

    const evalDirty = new Set<string>();
    const fpDirty = new Set<string>();
    const rowDirty = new Set<string>();
    const dupDirty = new Set<string>();
    /** Children whose place in class-list order may change (added, renamed). */
    const moved = new Set<string>();
    let linksChanged = false;

    if (this.dirtyGuardians.size > 0) {
      for (const id of this.dirtyGuardians) {
        const guardian = this.records.getGuardian(id);
        if (guardian) this.guardianMap.set(id, guardian);
        else this.guardianMap.delete(id);
        for (const childId of this.linked.get(id) ?? []) {
          evalDirty.add(childId);
          fpDirty.add(childId);
          dupDirty.add(childId);
        }
      }
      this.rebuildGuardians();
    }

    for (const id of this.dirtyChildren) {
      const before = this.children.get(id);
      const child = this.records.getChild(id);
      if (before) this.unlink(before);
      if (child) {
        this.children.set(id, child);
        this.link(child);
      } else {
        this.children.delete(id);
        this.setRow(id, undefined);
        this.fingerprints.delete(id);
        this.evaluations.delete(id);
      }
      if (child && (!before || before.fullName !== child.fullName)) moved.add(id);
      if (!before || !child || before.removed !== child.removed || LINKS.some((l) => before[l] !== child[l])) linksChanged = true;
      dupDirty.add(id);
      if (child) {
        evalDirty.add(id);
        fpDirty.add(id);
      }
    }

    if (this.recordsTouched) {
      // A conflict appears or goes with a write or a log entry of its record, which puts
      // the record among the changed ones: no child needs re-evaluating for this alone.
      this.conflicts = this.records.conflicts();
      this.conflictFields = conflictFieldsByChild(this.conflicts);
    }

    for (const id of this.duplicates.update(dupDirty, this.children, this.guardians)) evalDirty.add(id);

    for (const id of this.dirtyReview) {
      const mark = this.review.mark(id);
      if (mark) this.marks.set(id, mark);
      else this.marks.delete(id);
      const verification = this.review.verification(id);
      if (verification) this.verifications.set(id, verification);
      else this.verifications.delete(id);
      rowDirty.add(id);
    }

    const asOf = isoDateInVietnam(this.now());
    const allRows = asOf !== this.asOf;
    if (allRows) {
      this.asOf = asOf;
      for (const id of this.children.keys()) evalDirty.add(id);
    }

    for (const id of evalDirty) {
      const child = this.children.get(id);
      if (child) this.reevaluate(id, child);
    }
    for (const id of fpDirty) {
      const child = this.children.get(id);
      if (child) this.fingerprints.set(id, fingerprint(child, this.guardians));
    }
    const rebuild = allRows ? new Set(this.children.keys()) : new Set([...evalDirty, ...fpDirty, ...rowDirty]);
    for (const id of rebuild) {
      const child = this.children.get(id);
      if (child) this.setRow(id, this.rowFor(child));
    }
    if (this.inSyncChanged && !allRows) {
      // Only a row showing (or able to show) the server's mark depends on being in sync;
      // rebuilding the other thousands would give the same rows, as new objects.
      for (const [id, row] of this.rowsById) {
        if (rebuild.has(id)) continue;
        const next = withSync(row, this.inSync);
        if (next !== row) this.setRow(id, next);
      }
    }
    if (linksChanged) this.usage = guardianUsage([...this.children.values()]);
    this.sorted = this.reorder(moved);

    this.clearDirt();
    this.last = this.compose();
    return this.last;
  }

  /**
   * The rows in class-list order after a flush: the previous order with each row
   * replaced by its current version, removed children dropped, and `moved` children put
   * back in their (new) place; equal to sorting again, without comparing thousands.
   */
  private reorder(moved: ReadonlySet<string>): ChildRow[] {
    if (moved.size > MAX_REPLACED) return sortRows([...this.rowsById.values()]);
    const next: ChildRow[] = [];
    for (const row of this.sorted) {
      const id = row.child.id;
      const current = moved.has(id) ? undefined : this.rowsById.get(id);
      if (current) next.push(current);
    }
    for (const id of moved) {
      const row = this.rowsById.get(id);
      if (row) insertSorted(next, row);
    }
    return next;
  }

  private clearDirt(): void {
    this.dirtyChildren.clear();
    this.dirtyGuardians.clear();
    this.dirtyReview.clear();
    this.recordsTouched = false;
    this.inSyncChanged = false;
  }

  private setRow(id: string, row: ChildRow | undefined): void {
    const before = this.rowsById.get(id);
    if (before && row && before.child === row.child && before.findings === row.findings) {
      // Same record, same findings: the facet counts stay as they are.
      this.rowsById.set(id, row);
      return;
    }
    if (before) this.facetCounts.count(before, -1);
    if (row) {
      this.rowsById.set(id, row);
      this.facetCounts.count(row, 1);
    } else {
      this.rowsById.delete(id);
    }
  }

  private rebuildGuardians(): void {
    this.guardianList = [...this.guardianMap.values()];
    this.guardians = Object.fromEntries(this.guardianList.map((g) => [g.id, g]));
  }

  private link(child: Child): void {
    for (const link of LINKS) {
      const id = child[link];
      if (!id) continue;
      let ids = this.linked.get(id);
      if (!ids) this.linked.set(id, (ids = new Set()));
      ids.add(child.id);
    }
  }

  private unlink(child: Child): void {
    for (const link of LINKS) {
      const id = child[link];
      if (id) this.linked.get(id)?.delete(child.id);
    }
  }

  private namesOf(child: Child): Names {
    const name = child.fullName ?? "";
    let names = this.names.get(name);
    if (!names) this.names.set(name, (names = { folded: foldName(name), sortKey: nameSortKey(name) }));
    return names;
  }

  /** The rules on one child, with the same context `evaluateRoster` gives it. */
  private reevaluate(id: string, child: Child): void {
    if (child.removed === true) {
      this.evaluations.delete(id);
      return;
    }
    const ctx: EvaluationContext = { guardians: this.guardians, asOf: this.asOf, duplicates: this.duplicates.pairsOf(id) };
    const conflicts = this.conflictFields.get(id);
    if (conflicts !== undefined) ctx.conflicts = conflicts;
    this.evaluations.set(id, evaluate(child, ctx));
  }

  private rowFor(child: Child): ChildRow {
    const id = child.id;
    const names = this.namesOf(child);
    return rowOf(child, {
      evaluation: this.evaluations.get(id),
      fingerprint: this.fingerprints.get(id) ?? fingerprint(child, this.guardians),
      folded: names.folded,
      sortKey: names.sortKey,
      mark: this.marks.get(id),
      verification: this.verifications.get(id),
      inSync: this.inSync,
    });
  }

  private compose(): RosterSnapshot {
    const rows = this.sorted;
    return {
      rows,
      byId: new Map(this.rowsById),
      guardians: this.guardians,
      guardianList: this.guardianList,
      usage: this.usage,
      conflicts: this.conflicts,
      facets: this.facetCounts.changed ? (this.facets = this.facetCounts.facets()) : this.facets,
      asOf: this.asOf,
    };
  }
}
