import { createSignal, type Accessor } from "solid-js";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { AckTracker } from "./ack-tracker";
import { statusAfterClose, type ConnectionStatus } from "./connection-status";
import { recordsDbName, reviewDbName } from "./db-names";
import { DocPersistence } from "./doc-persistence";
import { Heartbeat } from "./heartbeat";
import { LedgerStateSchema, emptyLedger, pendingCount, type LedgerState } from "./pending-ledger";

export interface RosterConnectionOptions {
  rosterId: string;
  token: string;
  /** `ws(s)://host/sync` */
  syncUrl: string;
  /** Told when the server refuses the token (4401), so the app can ask to log in again. */
  onExpired?: () => void;
}

/** Key of the pending ledger in the records database's `custom` store. */
const LEDGER_KEY = "pending-ledger";
const NORMAL_BACKOFF_MS = 2500;
const RATE_LIMITED_BACKOFF_MS = 20_000;
const STOPPED: ReadonlySet<ConnectionStatus> = new Set(["expired", "forbidden", "not-found", "too-large"]);

/** Drops `provider`'s socket and opens a new one at once (unless it was told to stop). */
function reconnect(provider: WebsocketProvider | undefined): void {
  if (!provider?.shouldConnect) return;
  provider.disconnect();
  provider.connect();
}

/**
 * One roster on this device: its records and review documents, each kept in IndexedDB
 * (loaded before the network answers) and synced by a stock y-websocket provider, plus
 * the count of local changes the server is not yet known to hold.
 */
export class RosterConnection {
  readonly records = new Y.Doc();
  readonly review = new Y.Doc();
  /** Resolves once both documents are loaded from IndexedDB (after `open`). */
  readonly loaded: Promise<void>;
  readonly status: Accessor<ConnectionStatus>;
  readonly pending: Accessor<number>;
  readonly lastSyncedAt: Accessor<string | null>;

  private readonly setStatus: (s: ConnectionStatus) => void;
  private readonly setPending: (n: number) => void;
  private readonly setLastSyncedAt: (at: string | null) => void;
  private tracker: AckTracker | undefined;
  private recordsDisk: DocPersistence | undefined;
  private reviewDisk: DocPersistence | undefined;
  private opened: () => void = () => undefined;
  private recordsWs: WebsocketProvider | undefined;
  private reviewWs: WebsocketProvider | undefined;
  /** A connection was lost (or never made) since the last sync: say offline, not connecting. */
  private lost = false;
  private saveQueued = false;
  private destroyed = false;
  private readonly cleanups: (() => void)[] = [];

  constructor(private readonly options: RosterConnectionOptions) {
    [this.status, this.setStatus] = createSignal<ConnectionStatus>("connecting");
    [this.pending, this.setPending] = createSignal(0);
    [this.lastSyncedAt, this.setLastSyncedAt] = createSignal<string | null>(null);
    const opened = new Promise<void>((resolve) => (this.opened = resolve));
    this.loaded = this.load(opened);
  }

  /**
   * Reads both documents from IndexedDB, then syncs. Not done on construction: decoding
   * a roster of thousands holds the main thread for a while, and the caller first draws
   * what it can without them (the list's kept first screen). Later calls do nothing.
   */
  open(): void {
    if (this.destroyed || this.recordsDisk) return;
    const onError = (error: unknown) => console.error("IndexedDB write failed", error);
    // The ledger goes to disk in the same transaction as each change it counts: neither
    // is ever stored without the other (DESIGN "Sync", the device's side).
    this.recordsDisk = new DocPersistence(recordsDbName(this.options.rosterId), this.records, {
      withEachChange: () => (this.tracker ? { [LEDGER_KEY]: this.tracker.state } : {}),
      onError,
    });
    this.reviewDisk = new DocPersistence(reviewDbName(this.options.rosterId), this.review, { onError });
    this.opened();
  }

  get rosterId(): string {
    return this.options.rosterId;
  }

  private async load(opened: Promise<void>): Promise<void> {
    await opened;
    const recordsDisk = this.recordsDisk!;
    // Without IndexedDB (a private window that refuses it) the roster still syncs, unkept.
    const saved = await Promise.all([recordsDisk.get(LEDGER_KEY), recordsDisk.whenLoaded, this.reviewDisk?.whenLoaded]).then(
      ([ledger]) => ledger,
      (error: unknown) => console.error("IndexedDB unavailable", error),
    );
    if (this.destroyed) return;
    const ledger = LedgerStateSchema.safeParse(saved);
    // A local change's ledger is written with the change itself; only the server's answers
    // need a write of their own (an extra one per keystroke would queue behind the changes).
    this.tracker = new AckTracker(this.records, ledger.success ? ledger.data : emptyLedger(), (next, cause) => this.showLedger(next, cause === "server"));
    this.showLedger(this.tracker.state, false);
    this.cleanups.push(() => this.tracker?.destroy());
    this.connect();
  }

  private connect(): void {
    const { rosterId, token, syncUrl } = this.options;
    const shouldReconnect = (event: CloseEvent) => statusAfterClose(event.code).reconnect;
    // No BroadcastChannel between tabs: on connecting, the provider would post the whole
    // document to it (encoding thousands of children while the roster opens). Tabs of
    // this app each sync through the server, and IndexedDB holds what each one wrote.
    const options = { params: { token }, shouldReconnect, maxBackoffTime: NORMAL_BACKOFF_MS, disableBc: true, connect: false };
    this.recordsWs = new WebsocketProvider(syncUrl, rosterId, this.records, options);
    this.reviewWs = new WebsocketProvider(syncUrl, `${rosterId}/review`, this.review, options);
    this.tracker?.attach(this.recordsWs);

    const ws = this.recordsWs;
    ws.on("status", ({ status }) => {
      if (status === "disconnected") this.lost = true;
      this.refreshStatus();
    });
    ws.on("sync", (synced) => {
      if (synced) this.lost = false;
      this.refreshStatus();
    });
    ws.on("connection-close", (event) => {
      this.lost = true;
      if (event) {
        const after = statusAfterClose(event.code);
        ws.maxBackoffTime = after.status === "rate-limited" ? RATE_LIMITED_BACKOFF_MS : NORMAL_BACKOFF_MS;
      }
      this.refreshStatus();
    });
    // Emitted last on a close that must not be retried (the provider has stopped).
    ws.on("closed", ({ code }) => {
      const { status } = statusAfterClose(code);
      // The review socket would be refused for the same reason: stop it too.
      this.reviewWs?.disconnect();
      this.setStatus(status);
      if (status === "expired") this.options.onExpired?.();
    });
    // The browser knows at once when the network goes; the sockets may not for a while.
    // Back online, try now rather than at the end of the backoff.
    const onNetwork = () => {
      if (!navigator.onLine || !ws.wsconnected) this.reconnectBoth();
      this.refreshStatus();
    };
    window.addEventListener("online", onNetwork);
    window.addEventListener("offline", onNetwork);
    // One heartbeat, on the records socket: both sockets share the link.
    const heartbeat = new Heartbeat(ws, () => this.reconnectBoth());
    this.cleanups.push(() => {
      window.removeEventListener("online", onNetwork);
      window.removeEventListener("offline", onNetwork);
      heartbeat.destroy();
    });
    ws.connect();
    this.reviewWs.connect();
    this.refreshStatus();
  }

  private reconnectBoth(): void {
    reconnect(this.recordsWs);
    reconnect(this.reviewWs);
  }

  private showLedger(next: LedgerState, persist: boolean): void {
    this.setPending(pendingCount(next));
    this.setLastSyncedAt(next.lastSyncedAt);
    if (!persist || this.saveQueued) return;
    // Coalesced per microtask; IndexedDB commits it after the changes written before it.
    this.saveQueued = true;
    queueMicrotask(() => {
      this.saveQueued = false;
      void this.saveLedger();
    });
  }

  private async saveLedger(): Promise<void> {
    if (this.destroyed || !this.tracker) return;
    await this.recordsDisk?.set(LEDGER_KEY, this.tracker.state);
  }

  private refreshStatus(): void {
    const ws = this.recordsWs;
    if (STOPPED.has(this.status()) && !ws?.shouldConnect) return;
    if (!ws) return this.setStatus("connecting");
    if (!navigator.onLine) return this.setStatus("offline");
    if (ws.wsconnected && ws.synced) return this.setStatus("online");
    if (ws.maxBackoffTime === RATE_LIMITED_BACKOFF_MS) return this.setStatus("rate-limited");
    this.setStatus(this.lost ? "offline" : "connecting");
  }

  /** Uses a new token (after logging in again) and reconnects if the old one was refused. */
  setToken(token: string): void {
    this.options.token = token;
    for (const ws of [this.recordsWs, this.reviewWs]) {
      if (!ws) continue;
      ws.params = { token };
      if (!ws.shouldConnect) ws.connect();
    }
    this.lost = false;
    this.setStatus("connecting");
    this.refreshStatus();
  }

  /** Saves the ledger now (the app is being hidden and may be killed). */
  async flush(): Promise<void> {
    await this.saveLedger();
  }

  /** Stops syncing and closes the IndexedDB connections (keeps the data). */
  async destroy(): Promise<void> {
    if (this.destroyed) return;
    await this.flush().catch(() => undefined);
    this.destroyed = true;
    for (const cleanup of this.cleanups) cleanup();
    this.recordsWs?.destroy();
    this.reviewWs?.destroy();
    await Promise.all([this.recordsDisk?.destroy(), this.reviewDisk?.destroy()]);
    this.records.destroy();
    this.review.destroy();
  }
}
