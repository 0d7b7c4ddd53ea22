import type { Child, Guardian, Mark, Verification } from "@roster/schema";
import type { Conflict, RosterRecords, ReviewChanges, RosterReview } from "@roster/doc";
import { RosterEngine } from "@roster/engine";
import { foldName, isoDateInVietnam, nameSortKey } from "@roster/rules";
import { guardianUsage } from "../child/guardian-search";
import { pendingRow, rowOf, withSync, type ChildRow } from "./child-row";
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

// Past this many children to re-place in the list at once, it is sorted again whole.
const MAX_REPLACED = 64;

interface Names {
  readonly folded: string;
  readonly sortKey: string;
}

/**
 * The roster as the screens show it, kept up to date change by change. The first read
 * gives the list at once (`readAll`, rows `pending`); the rules then run over the whole
 * roster in slices (`evaluateSome`); after that each change re-evaluates only what it can
 * affect (`flush`). What to evaluate again, and the evaluation itself, is the shared
 * `RosterEngine` (the one the server's marks run); this class adds what the list shows:
 * rows in class-list order, the server's marks and verifications, facets, guardian usage.
 * The result equals evaluating the whole roster again (see the test).
 * Plain TypeScript: RosterModel adds the reactivity and the timing.
 */
export class RosterState {
  private readonly engine: RosterEngine;
  /** Folded name and sort key by spelling: names repeat (Nguyễn Văn An), collation is costly. */
  private readonly names = new Map<string, Names>();
  private readonly marks = new Map<string, Mark>();
  private readonly verifications = new Map<string, Verification>();
  private usage: Map<string, number> = new Map();
  private readonly rowsById = new Map<string, ChildRow>();
  private sorted: ChildRow[] = [];
  private asOf: string;
  private inSync = false;
  /** Whether the review document was read yet (it is, with the first evaluation pass). */
  private reviewRead = false;
  private evaluated = false;

  // What changed on the review side since the last flush.
  private readonly dirtyReview = new Set<string>();
  private inSyncChanged = false;

  /** How many (not removed) rows show each school, grade and finding code: the facets
   * change only when a count goes to or from zero, so most edits skip re-listing them. */
  private readonly facetCounts = new FacetCounts();
  private facets: Facets = { schools: [], grades: [], codes: [] };

  private last: RosterSnapshot;

  constructor(
    records: RosterRecords,
    private readonly review: RosterReview,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.engine = new RosterEngine(records);
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

  /** Notes a review transaction (applied at the next `flush`); records changes the engine follows itself. */
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
    return this.engine.pending || this.dirtyReview.size > 0 || this.inSyncChanged;
  }

  /**
   * Reads the children and returns the list in class-list order with every row
   * `pending`: what the first screen needs, without running the rules. Call once the
   * documents are loaded; then `evaluateSome` until it returns true.
   */
  readAll(): RosterSnapshot {
    const children = this.engine.readChildren();
    // Guardians, marks and conflicts are read by `evaluateSome`: the first screen needs none.
    this.reviewRead = false;
    this.evaluated = false;
    this.rowsById.clear();
    this.facetCounts.clear();
    for (const child of children.values()) this.setRow(child.id, pendingRow(child, this.namesOf(child)));
    this.sorted = sortRows([...this.rowsById.values()]);
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
    if (!this.reviewRead) {
      this.readReview();
      this.asOf = isoDateInVietnam(this.now());
    }
    if (!this.engine.update(this.asOf, deadline)) return false;
    this.evaluated = true;
    const changes = this.engine.takeChanges();
    // Children changed since `readAll` were read again by the engine's first pass.
    for (const child of this.engine.childMap().values()) this.setRow(child.id, this.rowFor(child));
    for (const id of this.rowsById.keys()) if (!this.engine.childMap().has(id)) this.setRow(id, undefined);
    this.usage = guardianUsage([...this.engine.childMap().values()]);
    this.sorted = this.reorder(changes.renamed);
    this.last = this.compose();
    return true;
  }

  /**
   * Applies every noted change and returns the new snapshot. Finishes the evaluation
   * pass first if it is not done (a caller that needs the result now).
   */
  flush(): RosterSnapshot {
    if (!this.evaluated) this.evaluateSome();
    const asOf = isoDateInVietnam(this.now());
    if (!this.dirty && asOf === this.asOf) return this.last;
    this.asOf = asOf;

    this.engine.settle(asOf);
    const changes = this.engine.takeChanges();
    const rowDirty = new Set<string>();
    for (const id of this.dirtyReview) {
      const mark = this.review.mark(id);
      if (mark) this.marks.set(id, mark);
      else this.marks.delete(id);
      const verification = this.review.verification(id);
      if (verification) this.verifications.set(id, verification);
      else this.verifications.delete(id);
      rowDirty.add(id);
    }

    const children = this.engine.childMap();
    const rebuild = changes.all ? new Set(children.keys()) : new Set([...changes.children, ...rowDirty]);
    for (const id of rebuild) {
      const child = children.get(id);
      this.setRow(id, child && this.rowFor(child));
    }
    if (this.inSyncChanged && !changes.all) {
      // Only a row showing (or able to show) the server's mark depends on being in sync;
      // rebuilding the other thousands would give the same rows, as new objects.
      for (const [id, row] of this.rowsById) {
        if (rebuild.has(id)) continue;
        const next = withSync(row, this.inSync);
        if (next !== row) this.setRow(id, next);
      }
    }
    if (changes.linksChanged) this.usage = guardianUsage([...children.values()]);
    this.sorted = this.reorder(changes.renamed);

    this.dirtyReview.clear();
    this.inSyncChanged = false;
    this.last = this.compose();
    return this.last;
  }

  /** Stops following the documents. */
  close(): void {
    this.engine.close();
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

  private namesOf(child: Child): Names {
    const name = child.fullName ?? "";
    let names = this.names.get(name);
    if (!names) this.names.set(name, (names = { folded: foldName(name), sortKey: nameSortKey(name) }));
    return names;
  }

  private readReview(): void {
    this.reviewRead = true;
    this.dirtyReview.clear();
    this.marks.clear();
    for (const [id, mark] of this.review.marks()) this.marks.set(id, mark);
    this.verifications.clear();
    for (const [id, verification] of this.review.verifications()) this.verifications.set(id, verification);
  }

  private rowFor(child: Child): ChildRow {
    const id = child.id;
    const names = this.namesOf(child);
    return rowOf(child, {
      evaluation: this.engine.evaluation(id),
      fingerprint: this.engine.fingerprint(id) ?? "",
      folded: names.folded,
      sortKey: names.sortKey,
      mark: this.marks.get(id),
      verification: this.verifications.get(id),
      inSync: this.inSync,
    });
  }

  private compose(): RosterSnapshot {
    return {
      rows: this.sorted,
      byId: new Map(this.rowsById),
      guardians: this.engine.guardians(),
      guardianList: this.engine.guardianList(),
      usage: this.usage,
      conflicts: this.engine.conflicts(),
      facets: this.facetCounts.changed ? (this.facets = this.facetCounts.facets()) : this.facets,
      asOf: this.asOf,
    };
  }
}
