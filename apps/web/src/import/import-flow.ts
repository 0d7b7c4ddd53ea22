// The import screen's state and steps, without any DOM: pick a file → the worker reads
// it and guesses the columns → plan (preview) → the person corrects columns (each change
// plans again) → commit. Kept apart from the component so it can be tested in Node.
import { batch, createSignal, type Accessor } from "solid-js";
import type { LocalizedText } from "@roster/schema";
import type { Actor, RosterRecords } from "@roster/doc";
import { isoDateInVietnam } from "@roster/rules";
import type { AppliedImport, ColumnMapping, ColumnTarget, ImportPlan } from "@roster/spreadsheet";
import { changedSince, commitImport, docVersion, loadApplyImportPlan } from "./commit-import";
import { planDigest } from "./plan-summary";
import { MappingProblemsError, SpreadsheetJobError, type SpreadsheetClient } from "./spreadsheet-client";
import type { ReadSummary } from "./worker-protocol";

/** What is running now, for the progress bar. */
export interface Busy {
  step: "read" | "plan" | "commit";
  done: number;
  total: number;
}

/** A problem to show: words from the spreadsheet package, or a message key of the app with a detail. */
export type FlowError =
  | { text: LocalizedText }
  | { key: "import.failed" | "import.commitFailed"; detail: string }
  | { key: "import.tooLargeOffline"; n: number; max: number };

/**
 * Rows one import may write without a network. Offline changes reach the server in one
 * sync message when the signal returns, and the server refuses messages above 32 MiB
 * by default (≈0.9 kB per imported child, ≈13 MB here, leaving room for other offline
 * work); online, an import beyond PART_ROWS goes out in parts as they are written.
 */
export const OFFLINE_MAX_ROWS = 15_000;

export interface ImportFlowOptions {
  client: SpreadsheetClient;
  records: RosterRecords;
  actor: () => Actor;
  /** Called after the import was written (the roster model refreshes). */
  onCommitted?: () => void;
  now?: () => Date;
  /** Whether the roster is connected to the server now (large imports need it). */
  online?: () => boolean;
  /** At most this many rows without a network (default OFFLINE_MAX_ROWS). */
  offlineMaxRows?: number;
  /** Wait after a column change before planning again (several quick changes plan once). */
  replanDelayMs?: number;
}

/** Time measurements of the last file, for the bench and for diagnostics. */
export interface ImportTimings {
  readMs: number;
  planMs: number;
  rows: number;
}

export class ImportFlow {
  readonly summary: Accessor<ReadSummary | null>;
  readonly mapping: Accessor<ColumnMapping>;
  readonly plan: Accessor<ImportPlan | null>;
  readonly busy: Accessor<Busy | null>;
  readonly problems: Accessor<LocalizedText[]>;
  readonly error: Accessor<FlowError | null>;
  readonly result: Accessor<AppliedImport | null>;
  /** The roster changed between the preview and the commit, and the plan changed with it. */
  readonly replanned: Accessor<boolean>;
  readonly timings: Accessor<ImportTimings | null>;

  private readonly set: {
    summary: (v: ReadSummary | null) => void;
    mapping: (v: ColumnMapping) => void;
    plan: (v: ImportPlan | null) => void;
    busy: (v: Busy | null) => void;
    problems: (v: LocalizedText[]) => void;
    error: (v: FlowError | null) => void;
    result: (v: AppliedImport | null) => void;
    replanned: (v: boolean) => void;
    timings: (v: ImportTimings | null) => void;
  };
  private planVersion: Uint8Array | null = null;
  private planSeq = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private committing = false;
  private pickSeq = 0;

  constructor(private readonly options: ImportFlowOptions) {
    let setSummary, setMapping, setPlan, setBusy, setProblems, setError, setResult, setReplanned, setTimings;
    [this.summary, setSummary] = createSignal<ReadSummary | null>(null);
    [this.mapping, setMapping] = createSignal<ColumnMapping>([]);
    [this.plan, setPlan] = createSignal<ImportPlan | null>(null);
    [this.busy, setBusy] = createSignal<Busy | null>(null);
    [this.problems, setProblems] = createSignal<LocalizedText[]>([]);
    [this.error, setError] = createSignal<FlowError | null>(null);
    [this.result, setResult] = createSignal<AppliedImport | null>(null);
    [this.replanned, setReplanned] = createSignal(false);
    [this.timings, setTimings] = createSignal<ImportTimings | null>(null);
    this.set = {
      summary: setSummary,
      mapping: setMapping,
      plan: setPlan,
      busy: setBusy,
      problems: setProblems,
      error: setError,
      result: setResult,
      replanned: setReplanned,
      timings: setTimings,
    };
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  private fail(error: unknown, key: "import.failed" | "import.commitFailed" = "import.failed"): void {
    if (error instanceof SpreadsheetJobError && error.text) this.set.error({ text: error.text });
    else this.set.error({ key, detail: error instanceof Error ? error.message : String(error) });
  }

  /** Reads a file the person picked (the sheets chosen, by default every visible sheet
   * shaped like the main one), guesses its columns and plans at once. */
  async pick(file: { name: string; arrayBuffer(): Promise<ArrayBuffer> }, sheets?: readonly string[]): Promise<void> {
    clearTimeout(this.timer);
    this.planSeq++;
    const seq = ++this.pickSeq;
    batch(() => {
      this.set.summary(null);
      this.set.plan(null);
      this.set.result(null);
      this.set.error(null);
      this.set.problems([]);
      this.set.replanned(false);
      this.set.busy({ step: "read", done: 0, total: 0 });
    });
    const started = performance.now();
    let summary: ReadSummary;
    try {
      summary = await this.options.client.read(await file.arrayBuffer(), file.name, sheets);
    } catch (error) {
      if (seq !== this.pickSeq) return;
      this.set.busy(null);
      this.fail(error);
      return;
    }
    // Another file was picked meanwhile: its read (queued after this one) decides.
    if (seq !== this.pickSeq) return;
    this.set.timings({ readMs: performance.now() - started, planMs: 0, rows: summary.rowCount });
    batch(() => {
      this.set.summary(summary);
      this.set.mapping(summary.mapping);
    });
    await this.runPlan();
  }

  /** Reads the same workbook again with the sheets the person chose (none: the default). */
  async pickSheets(file: { name: string; arrayBuffer(): Promise<ArrayBuffer> }, sheets: readonly string[]): Promise<void> {
    await this.pick(file, sheets.length === 0 ? undefined : sheets);
  }

  /** Points column `index` at `target` (null: not imported) and plans again shortly. */
  setColumn(index: number, target: ColumnTarget | null): void {
    const next = [...this.mapping()];
    next[index] = target;
    this.set.mapping(next);
    this.set.result(null);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.runPlan(), this.options.replanDelayMs ?? 250);
  }

  /** Plans now with the current mapping against the roster as it is now. */
  async runPlan(): Promise<ImportPlan | null> {
    clearTimeout(this.timer);
    const summary = this.summary();
    if (!summary) return null;
    const seq = ++this.planSeq;
    const records = this.options.records;
    const version = docVersion(records.doc);
    const roster = { children: records.listChildren({ includeRemoved: true }), guardians: records.guardiansById() };
    batch(() => {
      this.set.busy({ step: "plan", done: 0, total: 0 });
      this.set.problems([]);
      this.set.error(null);
    });
    try {
      const { plan, ms } = await this.options.client.plan(
        { mapping: this.mapping(), header: summary.header, roster, asOf: isoDateInVietnam(this.now()) },
        (done, total) => {
          if (seq === this.planSeq) this.set.busy({ step: "plan", done, total });
        },
      );
      if (seq !== this.planSeq) return null;
      this.planVersion = version;
      const timings = this.timings();
      batch(() => {
        this.set.plan(plan);
        this.set.busy(null);
        if (timings) this.set.timings({ ...timings, planMs: ms });
      });
      return plan;
    } catch (error) {
      if (seq !== this.planSeq) return null;
      batch(() => {
        this.set.busy(null);
        this.set.plan(null);
        if (error instanceof MappingProblemsError) this.set.problems(error.problems);
        else this.fail(error);
      });
      return null;
    }
  }

  /**
   * Writes the previewed plan. If the roster changed since the preview, plans again
   * first; when that changes what would be written, shows the new preview instead and
   * waits for the person to confirm again. Returns true when written.
   */
  async commit(): Promise<boolean> {
    if (this.committing) return false;
    this.committing = true;
    try {
      return await this.commitOnce();
    } finally {
      this.committing = false;
    }
  }

  private async commitOnce(): Promise<boolean> {
    let plan = this.plan();
    if (!plan || this.busy()) return false;
    let apply;
    try {
      apply = await loadApplyImportPlan();
    } catch (error) {
      this.fail(error, "import.commitFailed");
      return false;
    }
    // From here to the write nothing awaits unless the roster changed: the check and the
    // transaction see the same document.
    const records = this.options.records;
    while (this.planVersion === null || changedSince(records.doc, this.planVersion)) {
      const previous = planDigest(plan);
      plan = await this.runPlan();
      if (!plan) return false;
      if (planDigest(plan) !== previous) {
        this.set.replanned(true);
        return false;
      }
    }
    const rows = plan.add.length + plan.update.length;
    const offlineMax = this.options.offlineMaxRows ?? OFFLINE_MAX_ROWS;
    if (rows > offlineMax && !(this.options.online?.() ?? true)) {
      this.set.error({ key: "import.tooLargeOffline", n: rows, max: offlineMax });
      return false;
    }
    this.set.busy({ step: "commit", done: 0, total: rows });
    try {
      const applied = commitImport(apply, records, plan, this.options.actor(), this.now());
      batch(() => {
        this.set.result(applied);
        this.set.error(null);
        this.set.plan(null);
        this.set.replanned(false);
        this.set.busy(null);
      });
      this.options.onCommitted?.();
      return true;
    } catch (error) {
      batch(() => {
        this.set.busy(null);
        this.fail(error, "import.commitFailed");
      });
      return false;
    }
  }

  /** Back to picking a file. */
  reset(): void {
    clearTimeout(this.timer);
    this.planSeq++;
    batch(() => {
      this.set.summary(null);
      this.set.plan(null);
      this.set.result(null);
      this.set.error(null);
      this.set.problems([]);
      this.set.replanned(false);
      this.set.busy(null);
      this.set.mapping([]);
    });
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.planSeq++;
  }
}
