import type { Child, Finding, Guardian, Mark, Status, Verification } from "@roster/schema";
import { fingerprint, foldName, markFor, nameSortKey, type Evaluation } from "@roster/rules";

/** One child as the lists show it: the record, what the rules say, and what to search on. */
export interface ChildRow {
  readonly child: Child;
  /** The status shown: the server's mark when it is current, else the local evaluation. */
  readonly status: Status;
  /** Where `status` comes from. */
  readonly source: "server" | "local";
  /** The local evaluation's status: `status` whenever the server's mark is not shown. */
  readonly localStatus: Status;
  /** Findings of the local evaluation (with `verification.stale` when edited since verified). */
  readonly findings: readonly Finding[];
  readonly fingerprint: string;
  readonly verification: Verification | undefined;
  readonly mark: Mark | undefined;
  /** `foldName(fullName)`, for diacritic-free search. */
  readonly folded: string;
  /** `nameSortKey(fullName)`, for class-list order. */
  readonly sortKey: string;
  /** True while the rules have not run on this child yet (just after opening the roster):
   * `status`, `findings` and `fingerprint` are then placeholders and the list says
   * "checking" instead of a status. Rows of `RosterModel.snapshot()` never are. */
  readonly pending?: boolean;
}

export interface RowInputs {
  readonly guardians: Record<string, Guardian>;
  readonly evaluations: ReadonlyMap<string, Evaluation>;
  readonly marks: ReadonlyMap<string, Mark>;
  readonly verifications: ReadonlyMap<string, Verification>;
  /** True when this device and the server hold the same records (online, nothing pending):
   * only then is the server's mark known to describe what the person sees. */
  readonly inSync: boolean;
}

const REMOVED: Evaluation = { status: "clean", findings: [] };

interface Derived {
  readonly key: string;
  readonly fingerprint: string;
  readonly folded: string;
  readonly sortKey: string;
}

/**
 * Remembers each child's fingerprint, folded name and sort key while the child and its
 * linked guardians are unchanged: after one edit in a roster of thousands, only the
 * edited child pays for SHA-256 and collation again.
 */
export class DerivedCache {
  private entries = new Map<string, Derived>();

  /** The derived values of `child`, recomputed only when its content changed. */
  derive(child: Child, guardians: Record<string, Guardian>): Derived {
    const links = [child.fatherId, child.motherId, child.guardianId].map((id) => (id ? guardians[id] : undefined));
    const key = JSON.stringify([child, links]);
    const cached = this.entries.get(child.id);
    if (cached && cached.key === key) return cached;
    const name = child.fullName ?? "";
    const derived = { key, fingerprint: fingerprint(child, guardians), folded: foldName(name), sortKey: nameSortKey(name) };
    this.entries.set(child.id, derived);
    return derived;
  }

  /** Forgets children no longer in the roster. */
  retain(ids: ReadonlySet<string>): void {
    for (const id of this.entries.keys()) if (!ids.has(id)) this.entries.delete(id);
  }
}

/**
 * Which status to show. The server's mark is authoritative when it describes the record
 * as it is here: same fingerprint, and nothing waiting to be exchanged. Offline, or with
 * local edits not yet sent, the local evaluation (same rules package) is shown instead.
 */
export function shownStatus(
  local: { status: Status },
  mark: Mark | undefined,
  currentFingerprint: string,
  inSync: boolean,
): { status: Status; source: "server" | "local" } {
  if (mark && inSync && mark.fingerprint === currentFingerprint) return { status: mark.status, source: "server" };
  return { status: local.status, source: "local" };
}

/** What one row is made of, each part computed (and cached) by the caller. */
export interface RowParts {
  /** The rules' evaluation; undefined for a removed child (not evaluated). */
  readonly evaluation: Evaluation | undefined;
  readonly fingerprint: string;
  readonly folded: string;
  readonly sortKey: string;
  readonly mark: Mark | undefined;
  readonly verification: Verification | undefined;
  readonly inSync: boolean;
}

/** The row of one child from its parts (see `shownStatus` for which status is shown). */
export function rowOf(child: Child, parts: RowParts): ChildRow {
  const { fingerprint: fp, mark, verification } = parts;
  const local = markFor(parts.evaluation ?? REMOVED, verification, fp);
  const shown = shownStatus(local, mark, fp, parts.inSync);
  return {
    child,
    status: shown.status,
    source: shown.source,
    localStatus: local.status,
    findings: local.findings,
    fingerprint: fp,
    verification,
    mark,
    folded: parts.folded,
    sortKey: parts.sortKey,
  };
}

/**
 * `row` as shown when this device is (or is not) `inSync` with the server: only a row
 * whose mark matches its fingerprint can change; any other is returned as it is, so
 * its list item keeps its DOM.
 */
export function withSync(row: ChildRow, inSync: boolean): ChildRow {
  if (row.pending === true || row.mark?.fingerprint !== row.fingerprint) return row;
  const shown = shownStatus({ status: row.localStatus }, row.mark, row.fingerprint, inSync);
  return shown.status === row.status && shown.source === row.source ? row : { ...row, ...shown };
}

const NO_FINDINGS: readonly Finding[] = Object.freeze([]);

/**
 * A row shown before the rules have run on the child: name, class and date of birth are
 * real, the status is not known yet (`pending`). Lets the list appear as soon as the
 * roster is read from the device.
 */
export function pendingRow(child: Child, names: { folded: string; sortKey: string }): ChildRow {
  return {
    child,
    status: "clean",
    source: "local",
    localStatus: "clean",
    findings: NO_FINDINGS,
    fingerprint: "",
    verification: undefined,
    mark: undefined,
    folded: names.folded,
    sortKey: names.sortKey,
    pending: true,
  };
}

/** The row of one child from the roster-wide evaluation and the review document. */
export function buildRow(child: Child, inputs: RowInputs, cache: DerivedCache = new DerivedCache()): ChildRow {
  const derived = cache.derive(child, inputs.guardians);
  return rowOf(child, {
    evaluation: inputs.evaluations.get(child.id),
    fingerprint: derived.fingerprint,
    folded: derived.folded,
    sortKey: derived.sortKey,
    mark: inputs.marks.get(child.id),
    verification: inputs.verifications.get(child.id),
    inSync: inputs.inSync,
  });
}
