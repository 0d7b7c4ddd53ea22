import type { Child, Finding, Mark, Status, Verification } from "@roster/schema";
import { markFor, type Evaluation } from "@roster/rules";

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

const REMOVED: Evaluation = { status: "clean", findings: [] };

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
