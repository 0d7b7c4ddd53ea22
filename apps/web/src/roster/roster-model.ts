import { createEffect, createMemo, createSignal, on, type Accessor } from "solid-js";
import type { Child, Guardian } from "@roster/schema";
import { RosterRecords, RosterReview, type Conflict } from "@roster/doc";
import { evaluateRoster, isoDateInVietnam } from "@roster/rules";
import { guardianUsage } from "../child/guardian-search";
import type { RosterConnection } from "../sync/roster-connection";
import { buildRow, DerivedCache, type ChildRow } from "./child-row";
import { facetsOf, sortRows, type Facets } from "./filters";

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
}

// A local edit shows at once; a burst of remote updates (a colleague's sync) is batched.
const LOCAL_DELAY_MS = 0;
const REMOTE_DELAY_MS = 120;

function conflictFieldsByChild(conflicts: readonly Conflict[]): Record<string, string[]> {
  const byChild: Record<string, string[]> = {};
  for (const c of conflicts) if (c.kind === "child") (byChild[c.id] ??= []).push(c.field);
  return byChild;
}

/**
 * The typed documents of one roster and a reactive snapshot of them. The rules run here,
 * on the device, for immediate feedback; the server's marks are shown when current.
 * Create inside a reactive root (RosterWorkspace does).
 */
export class RosterModel {
  readonly records: RosterRecords;
  readonly review: RosterReview;
  readonly snapshot: Accessor<RosterSnapshot>;
  private readonly setSnapshot: (s: RosterSnapshot) => void;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly derived = new DerivedCache();
  private readonly stops: (() => void)[] = [];

  constructor(private readonly connection: RosterConnection) {
    this.records = new RosterRecords(connection.records);
    this.review = new RosterReview(connection.review);
    [this.snapshot, this.setSnapshot] = createSignal<RosterSnapshot>(this.compute(), { equals: false });
    this.stops.push(this.records.onChange((c) => this.schedule(c.local ? LOCAL_DELAY_MS : REMOTE_DELAY_MS)));
    this.stops.push(this.review.onChange(() => this.schedule(REMOTE_DELAY_MS)));
    // Whether the server's marks may be trusted changes with the connection (see shownStatus).
    const inSync = createMemo(() => connection.status() === "online" && connection.pending() === 0);
    createEffect(on(inSync, () => this.schedule(REMOTE_DELAY_MS), { defer: true }));
    // The documents arrive from IndexedDB after construction.
    void connection.loaded.then(() => this.schedule(LOCAL_DELAY_MS));
  }

  private schedule(delay: number): void {
    if (this.timer !== undefined && delay > 0) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.setSnapshot(this.compute());
    }, delay);
  }

  /** Recomputes now (tests, and after a write whose result the next line reads). */
  refresh(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.setSnapshot(this.compute());
  }

  private compute(): RosterSnapshot {
    const asOf = isoDateInVietnam(new Date());
    const children: Child[] = this.records.listChildren({ includeRemoved: true });
    const guardianList = this.records.listGuardians();
    const guardians = Object.fromEntries(guardianList.map((g) => [g.id, g]));
    const conflicts = this.records.conflicts();
    const evaluations = evaluateRoster(children, guardians, { asOf, conflicts: conflictFieldsByChild(conflicts) });
    const inSync = this.connection.status() === "online" && this.connection.pending() === 0;
    const inputs = {
      guardians,
      evaluations,
      marks: this.review.marks(),
      verifications: this.review.verifications(),
      inSync,
    };
    const rows = sortRows(children.map((child) => buildRow(child, inputs, this.derived)));
    this.derived.retain(new Set(children.map((c) => c.id)));
    return {
      rows,
      byId: new Map(rows.map((r) => [r.child.id, r])),
      guardians,
      guardianList,
      usage: guardianUsage(children),
      conflicts,
      facets: facetsOf(rows),
      asOf,
    };
  }

  destroy(): void {
    clearTimeout(this.timer);
    for (const stop of this.stops) stop();
    this.records.destroy();
    this.review.destroy();
  }
}
