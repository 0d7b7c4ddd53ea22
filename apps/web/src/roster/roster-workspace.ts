import { createRoot, createSignal, type Accessor } from "solid-js";
import type { AppStore } from "../session/app-db";
import { RosterConnection } from "../sync/roster-connection";
import { FirstScreenCache } from "./first-screen-cache";
import { NO_FILTER, type RosterFilter } from "./filters";
import { RosterModel } from "./roster-model";

/** One open roster: its connection (storage and sync) and its model (what screens read). */
export interface RosterWorkspace {
  readonly connection: RosterConnection;
  readonly model: RosterModel;
  /** The list's search and filters, kept while the person opens a child and comes back. */
  readonly filter: Accessor<RosterFilter>;
  readonly setFilter: (filter: RosterFilter) => void;
}

export interface WorkspacePoolOptions {
  store: AppStore;
  syncUrl: string;
  token: () => string;
  /** Whose session this is: a kept first screen is shown to that person only. */
  userId: () => string;
  onExpired: () => void;
}

/**
 * The rosters opened in this session. A roster stays open (and keeps syncing in the
 * background) until logout, so edits made in one village go out while the person
 * works in another.
 */
export class WorkspacePool {
  private readonly open = new Map<string, { workspace: RosterWorkspace; firstScreen: FirstScreenCache; dispose: () => void }>();

  constructor(private readonly options: WorkspacePoolOptions) {}

  /** The workspace of `rosterId`, opening it (IndexedDB first, then the network) if needed. */
  get(rosterId: string): RosterWorkspace {
    const existing = this.open.get(rosterId);
    if (existing) return existing.workspace;
    const created = createRoot((dispose) => {
      const connection = new RosterConnection({
        rosterId,
        token: this.options.token(),
        syncUrl: this.options.syncUrl,
        onExpired: this.options.onExpired,
      });
      const firstScreen = new FirstScreenCache(this.options.store, { userId: this.options.userId(), rosterId });
      const model = new RosterModel(connection, firstScreen);
      const [filter, setFilter] = createSignal<RosterFilter>(NO_FILTER);
      return { workspace: { connection, model, filter, setFilter }, firstScreen, dispose };
    });
    this.open.set(rosterId, created);
    return created.workspace;
  }

  /** Ids of the rosters open now. */
  ids(): string[] {
    return [...this.open.keys()];
  }

  /** Local changes not yet held by the server, over every open roster. */
  pending(): number {
    let total = 0;
    for (const { workspace } of this.open.values()) total += workspace.connection.pending();
    return total;
  }

  /** Hands a fresh token to every open roster (after logging in again). */
  setToken(token: string): void {
    for (const { workspace } of this.open.values()) workspace.connection.setToken(token);
  }

  /** Saves bookkeeping now (the page is being hidden and may be killed). */
  async flush(): Promise<void> {
    await Promise.all(
      [...this.open.values()].flatMap(({ workspace, firstScreen }) => [workspace.connection.flush(), firstScreen.flush()]),
    );
  }

  /** Closes every roster (keeps the data on the device). */
  async closeAll(): Promise<void> {
    const all = [...this.open.values()];
    this.open.clear();
    for (const { workspace, firstScreen, dispose } of all) {
      workspace.model.destroy();
      // A first screen written after the logout wipe would leave names on the device.
      await firstScreen.close();
      await workspace.connection.destroy();
      dispose();
    }
  }
}
