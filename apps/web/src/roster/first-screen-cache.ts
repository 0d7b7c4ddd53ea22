import type { ChildRow } from "./child-row";
import { FirstScreenSchema, firstScreenOf, type FirstScreen } from "./first-screen";

/** The app database's key-value access (`AppStore`): logout deletes it whole. */
export interface KeyValueStore {
  get(key: string): Promise<unknown>;
  put(key: string, value: unknown): Promise<void>;
}

// Edits come in bursts (a form, an import, a colleague's sync): write once they settle.
const KEEP_DELAY_MS = 1000;

/** The key of a roster's first screen in the app database. */
export function firstScreenKey(rosterId: string): string {
  return `first-screen:${rosterId}`;
}

/**
 * Keeps one roster's first screen (`FirstScreen`) for one person in the app database,
 * next to the session, so the logout wipe removes it with everything else. Reading it
 * only saves time: a missing, unreadable or foreign entry is ignored, never an error.
 */
export class FirstScreenCache {
  private lastKept: string | undefined;
  /** Whether the kept first screen (if any) shows children. */
  private keptRows = false;
  private rows: readonly ChildRow[] | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private writing: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly store: KeyValueStore,
    private readonly owner: { readonly userId: string; readonly rosterId: string },
  ) {}

  /** The first screen kept for this person and roster, if any. */
  async load(): Promise<FirstScreen | undefined> {
    if (this.owner.userId === "") return undefined;
    try {
      const parsed = FirstScreenSchema.safeParse(await this.store.get(firstScreenKey(this.owner.rosterId)));
      if (!parsed.success) return undefined;
      const kept = parsed.data;
      if (kept.userId !== this.owner.userId || kept.rosterId !== this.owner.rosterId) return undefined;
      this.lastKept = JSON.stringify(kept);
      this.keptRows = kept.rows.length > 0;
      return kept;
    } catch {
      return undefined;
    }
  }

  /** Keeps the first screen of `rows` (every child, in class-list order) once edits settle. */
  keep(rows: readonly ChildRow[]): void {
    if (this.closed || this.owner.userId === "") return;
    this.rows = rows;
    clearTimeout(this.timer);
    // The roster's first arrival on this device (nothing kept yet) is kept at once: the
    // next start needs it and may come soon (a reload, the app closed and reopened).
    if (!this.keptRows && rows.length > 0) void this.flush();
    else this.timer = setTimeout(() => void this.flush(), KEEP_DELAY_MS);
  }

  /** Writes what waits to be kept now (the page is being hidden and may be killed). */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const rows = this.rows;
    this.rows = undefined;
    if (rows && !this.closed) this.writing = this.writing.then(() => this.write(rows));
    return this.writing;
  }

  /** Stops keeping, and waits for a write under way: the logout wipe must come after it. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    this.rows = undefined;
    await this.writing;
  }

  private async write(rows: readonly ChildRow[]): Promise<void> {
    if (this.closed) return;
    const screen = firstScreenOf(rows, this.owner);
    const json = JSON.stringify(screen);
    if (json === this.lastKept) return;
    try {
      await this.store.put(firstScreenKey(this.owner.rosterId), screen);
      this.lastKept = json;
      this.keptRows = screen.rows.length > 0;
    } catch {
      // Not kept: the next open reads the roster itself, as without a first screen.
    }
  }
}
