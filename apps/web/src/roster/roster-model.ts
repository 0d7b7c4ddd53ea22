import { createEffect, createMemo, createSignal, on, type Accessor } from "solid-js";
import { RosterRecords, RosterReview } from "@roster/doc";
import type { RosterConnection } from "../sync/roster-connection";
import type { FirstScreenCache } from "./first-screen-cache";
import { firstScreenSnapshot } from "./first-screen";
import { RosterState, type RosterSnapshot } from "./roster-state";

export type { RosterSnapshot } from "./roster-state";

// A local edit shows at once (see `schedule`); a burst of remote updates (a colleague's
// sync) is batched.
const REMOTE_DELAY_MS = 120;
// The first evaluation of a large roster runs in slices this long, so the list scrolls
// and the first keystrokes echo while the rules go through thousands of children.
const SLICE_MS = 8;
// How long opening a roster waits for its kept first screen before reading the roster.
const FIRST_SCREEN_WAIT_MS = 500;
// When the page is hidden requestAnimationFrame does not fire; start anyway.
const FIRST_PAINT_FALLBACK_MS = 100;

/** Runs `next` in a new task without setTimeout's 4 ms clamp on nested timers. */
function nextTask(next: () => void): () => void {
  const channel = new MessageChannel();
  let cancelled = false;
  channel.port1.onmessage = () => {
    channel.port1.close();
    if (!cancelled) next();
  };
  channel.port2.postMessage(null);
  return () => {
    cancelled = true;
    channel.port1.close();
  };
}

/** Runs `next` once the frame being prepared has been painted (or soon, when hidden). */
function afterPaint(next: () => void): () => void {
  let done = false;
  let cancelTask: (() => void) | undefined;
  const run = () => {
    if (done) return;
    done = true;
    clearTimeout(fallback);
    next();
  };
  const fallback = setTimeout(run, FIRST_PAINT_FALLBACK_MS);
  const frame = typeof requestAnimationFrame === "function" ? requestAnimationFrame(() => (cancelTask = nextTask(run))) : undefined;
  return () => {
    done = true;
    clearTimeout(fallback);
    if (frame !== undefined) cancelAnimationFrame(frame);
    cancelTask?.();
  };
}

/**
 * The typed documents of one roster and a reactive snapshot of them. The rules run here,
 * on the device, for immediate feedback; the server's marks are shown when current.
 * Opening a roster: the list (`listing`) first shows the first screen kept on the device
 * (`FirstScreenCache`), if any, and only once that is painted are the documents read
 * from IndexedDB (`RosterConnection.open`); the whole list then appears with statuses
 * "checking"; the rules run over the roster in slices and `snapshot` follows. After that
 * each change re-evaluates only what it can affect (`RosterState`), and the first screen
 * is kept again. Create inside a reactive root (RosterWorkspace does).
 */
export class RosterModel {
  readonly records: RosterRecords;
  readonly review: RosterReview;
  /** The roster with the rules' results: empty until the first evaluation is done. */
  readonly snapshot: Accessor<RosterSnapshot>;
  /** What the list shows: `snapshot` once evaluated; before that, the records already
   * read with every row `pending` (their status not known yet). */
  readonly listing: Accessor<RosterSnapshot>;
  /** True once the records are loaded and evaluated (`snapshot` describes the roster). */
  readonly ready: Accessor<boolean>;
  private readonly setSnapshot: (s: RosterSnapshot) => void;
  private readonly setListing: (s: RosterSnapshot) => void;
  private readonly setReady: (ready: boolean) => void;
  private readonly state: RosterState;
  private phase: "waiting" | "evaluating" | "live" = "waiting";
  private timer: ReturnType<typeof setTimeout> | undefined;
  private publishQueued = false;
  private cancelSlice: (() => void) | undefined;
  /** The snapshot the list has yet to show, and how to stop waiting for the frame. */
  private nextListing: RosterSnapshot | undefined;
  private cancelListing: (() => void) | undefined;
  private destroyed = false;
  private readonly stops: (() => void)[] = [];

  constructor(
    private readonly connection: RosterConnection,
    private readonly firstScreen?: FirstScreenCache,
  ) {
    this.records = new RosterRecords(connection.records);
    this.review = new RosterReview(connection.review);
    this.state = new RosterState(this.records, this.review);
    const inSync = createMemo(() => connection.status() === "online" && connection.pending() === 0);
    this.state.setInSync(inSync());
    [this.snapshot, this.setSnapshot] = createSignal<RosterSnapshot>(this.state.current, { equals: false });
    [this.listing, this.setListing] = createSignal<RosterSnapshot>(this.state.current, { equals: false });
    [this.ready, this.setReady] = createSignal(false);
    this.stops.push(
      // The state's engine notes what changed (it subscribed first); this only times the publish.
      this.records.onChange((c) => {
        if (c.local) this.publishSoon();
        else this.schedule(REMOTE_DELAY_MS);
      }),
    );
    this.stops.push(
      this.review.onChange((c) => {
        this.state.noteReview(c);
        this.schedule(REMOTE_DELAY_MS);
      }),
    );
    // Whether the server's marks may be trusted changes with the connection (see shownStatus).
    createEffect(
      on(
        inSync,
        (value) => {
          this.state.setInSync(value);
          this.schedule(REMOTE_DELAY_MS);
        },
        { defer: true },
      ),
    );
    // The documents arrive from IndexedDB after construction.
    void connection.loaded.then(() => {
      if (!this.destroyed && this.phase === "waiting") this.open();
    });
    void this.drawFirstScreen().finally(() => connection.open());
  }

  /** Shows the kept first screen, if there is one, and resolves once it is painted. */
  private async drawFirstScreen(): Promise<void> {
    // The database answers in milliseconds; should it hang, the roster must still open.
    const kept = await Promise.race([
      this.firstScreen?.load(),
      new Promise<undefined>((none) => setTimeout(() => none(undefined), FIRST_SCREEN_WAIT_MS)),
    ]);
    // An empty one would say "no child matches" until the roster is read: show nothing.
    if (!kept || kept.rows.length === 0 || this.destroyed || this.phase !== "waiting") return;
    this.setListing(firstScreenSnapshot(kept, this.state.current.asOf));
    await new Promise<void>((painted) => afterPaint(painted));
  }

  /** Reads the loaded roster, shows it, and starts the evaluation after the frame is out. */
  private open(): void {
    const listing = this.state.readAll();
    this.setListing(listing);
    // Kept at once, not when edits settle: the app may be closed or reloaded right after
    // it opened, and the next start should not wait for the whole roster either.
    this.firstScreen?.keep(listing.rows);
    void this.firstScreen?.flush();
    this.phase = "evaluating";
    this.cancelSlice = afterPaint(() => this.evaluateSlice());
  }

  private evaluateSlice(): void {
    this.cancelSlice = undefined;
    if (!this.state.evaluateSome(performance.now() + SLICE_MS)) {
      this.cancelSlice = nextTask(() => this.evaluateSlice());
      return;
    }
    this.goLive();
  }

  private goLive(): void {
    this.phase = "live";
    this.publish();
    this.setReady(true);
  }

  private schedule(delay: number): void {
    // While waiting or evaluating, changes are noted and applied when the pass ends.
    if (this.phase !== "live" || this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.publish();
    }, delay);
  }

  /**
   * Publishes a local edit once the code that made it has returned (writes made in one
   * go publish once), in the same task: the frame that shows the edit — the form after
   * Tab, a tapped fix — shows its findings too, instead of a frame later.
   */
  private publishSoon(): void {
    if (this.phase !== "live" || this.publishQueued) return;
    this.publishQueued = true;
    queueMicrotask(() => {
      this.publishQueued = false;
      if (this.destroyed) return;
      clearTimeout(this.timer);
      this.timer = undefined;
      this.publish();
    });
  }

  private publish(): void {
    const snapshot = this.state.flush();
    this.setSnapshot(snapshot);
    // The list follows once that frame is out: after an edit the person looks at the
    // field they left (its findings come from `snapshot`), and filtering thousands of
    // rows for a list beside it (or hidden behind the form on a phone) can wait a frame.
    this.nextListing = snapshot;
    this.cancelListing ??= afterPaint(() => {
      this.cancelListing = undefined;
      const next = this.nextListing;
      this.nextListing = undefined;
      if (!next || this.destroyed) return;
      this.setListing(next);
      this.firstScreen?.keep(next.rows);
    });
  }

  /** Brings the snapshot up to date now (after a write whose result the next line reads). */
  refresh(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.cancelSlice?.();
    this.cancelSlice = undefined;
    if (this.phase === "waiting") this.state.readAll();
    if (this.phase !== "live") {
      // flush() finishes the evaluation pass first.
      this.goLive();
      return;
    }
    this.publish();
  }

  destroy(): void {
    this.destroyed = true;
    clearTimeout(this.timer);
    this.cancelSlice?.();
    this.cancelListing?.();
    for (const stop of this.stops) stop();
    this.state.close();
    void this.firstScreen?.close();
    this.records.destroy();
    this.review.destroy();
  }
}
