import { createSignal, type Accessor } from "solid-js";
import { IndexeddbPersistence } from "y-indexeddb";
import { WebsocketProvider, messageSync } from "y-websocket";
import * as Y from "yjs";
import type { AppStore } from "../session/app-db";
import { AckProbe } from "./ack-probe";
import { statusAfterClose, type ConnectionStatus } from "./connection-status";
import { recordsDbName, reviewDbName } from "./db-names";
import {
  LedgerStateSchema,
  confirm,
  emptyLedger,
  pendingCount,
  recordLocalChange,
  type LedgerState,
} from "./pending-ledger";
import { peekSyncMessage, stateVectorOf, syncStep1Frame } from "./sync-messages";

export interface RosterConnectionOptions {
  rosterId: string;
  token: string;
  /** `ws(s)://host/sync` */
  syncUrl: string;
  store: AppStore;
  /** Told when the server refuses the token (4401), so the app can ask to log in again. */
  onExpired?: () => void;
}

type SyncHandler = WebsocketProvider["messageHandlers"][number];

const PROBE_DELAY_MS = 300;
const NORMAL_BACKOFF_MS = 2500;
const RATE_LIMITED_BACKOFF_MS = 20_000;

/**
 * Loads `persistence`'s document without re-encoding it. Yjs encodes every transaction
 * for the document's "update" listeners; y-indexeddb listens (to store local changes) but
 * ignores its own load, so the whole stored roster would be encoded once more for
 * nothing while the person waits for the list. Its listener is detached until the load
 * is applied; a change made in that short window is stored as a full state afterwards.
 */
function persistQuietly(persistence: IndexeddbPersistence): IndexeddbPersistence {
  const doc = persistence.doc;
  const store = persistence._storeUpdate;
  let changedMeanwhile = false;
  const watch = (tr: Y.Transaction) => {
    if (tr.origin !== persistence && tr.changed.size + tr.deleteSet.clients.size > 0) changedMeanwhile = true;
  };
  doc.off("update", store);
  doc.on("afterTransaction", watch);
  persistence.once("synced", () => {
    doc.off("afterTransaction", watch);
    if (persistence._destroyed) return;
    doc.on("update", store);
    if (changedMeanwhile) store(Y.encodeStateAsUpdate(doc), null);
  });
  return persistence;
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
  private ledger: LedgerState = emptyLedger();
  private readonly probe = new AckProbe();
  private recordsIdb: IndexeddbPersistence | undefined;
  private reviewIdb: IndexeddbPersistence | undefined;
  private opened: () => void = () => undefined;
  private recordsWs: WebsocketProvider | undefined;
  private reviewWs: WebsocketProvider | undefined;
  private probeTimer: ReturnType<typeof setTimeout> | undefined;
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
    if (this.destroyed || this.recordsIdb) return;
    this.recordsIdb = persistQuietly(new IndexeddbPersistence(recordsDbName(this.options.rosterId), this.records));
    this.reviewIdb = persistQuietly(new IndexeddbPersistence(reviewDbName(this.options.rosterId), this.review));
    this.opened();
  }

  get rosterId(): string {
    return this.options.rosterId;
  }

  private get ledgerKey(): string {
    return `sync:${this.options.rosterId}`;
  }

  private async load(opened: Promise<void>): Promise<void> {
    const saved = LedgerStateSchema.safeParse(await this.options.store.get(this.ledgerKey));
    if (saved.success) this.updateLedger(saved.data, false);
    await opened;
    await Promise.all([this.recordsIdb?.whenSynced, this.reviewIdb?.whenSynced]);
    if (this.destroyed) return;
    this.watchLocalChanges();
    this.connect();
  }

  private watchLocalChanges(): void {
    const onTransaction = (tr: Y.Transaction) => {
      const id = this.records.clientID;
      const before = tr.beforeState.get(id) ?? 0;
      const after = tr.afterState.get(id) ?? 0;
      if (!tr.local || after <= before) return;
      this.updateLedger(recordLocalChange(this.ledger, id, after), true);
      if (this.recordsWs?.wsconnected) this.scheduleProbe();
    };
    this.records.on("afterTransaction", onTransaction);
    this.cleanups.push(() => this.records.off("afterTransaction", onTransaction));
  }

  private connect(): void {
    const { rosterId, token, syncUrl } = this.options;
    const shouldReconnect = (event: CloseEvent) => statusAfterClose(event.code).reconnect;
    // No BroadcastChannel between tabs: on connecting, the provider would post the whole
    // document to it (encoding thousands of children while the roster opens). Tabs of
    // this app each sync through the server, and IndexedDB holds what each one wrote.
    this.recordsWs = new WebsocketProvider(syncUrl, rosterId, this.records, {
      params: { token },
      shouldReconnect,
      maxBackoffTime: NORMAL_BACKOFF_MS,
      disableBc: true,
    });
    this.reviewWs = new WebsocketProvider(syncUrl, `${rosterId}/review`, this.review, {
      params: { token },
      shouldReconnect,
      maxBackoffTime: NORMAL_BACKOFF_MS,
      disableBc: true,
    });
    this.instrument(this.recordsWs);

    const ws = this.recordsWs;
    ws.on("status", ({ status }) => {
      if (status === "connected") this.probe.connected();
      if (status === "disconnected") this.probe.disconnected();
      this.refreshStatus();
    });
    ws.on("sync", () => this.refreshStatus());
    ws.on("connection-close", (event) => {
      if (!event) return;
      const after = statusAfterClose(event.code);
      ws.maxBackoffTime = after.status === "rate-limited" ? RATE_LIMITED_BACKOFF_MS : NORMAL_BACKOFF_MS;
    });
    // Emitted last on a close that must not be retried (the provider has stopped).
    ws.on("closed", ({ code }) => {
      const { status } = statusAfterClose(code);
      // The review socket would be refused for the same reason: stop it too.
      this.reviewWs?.disconnect();
      this.setStatus(status);
      if (status === "expired") this.options.onExpired?.();
    });
    const onNetwork = () => this.refreshStatus();
    window.addEventListener("online", onNetwork);
    window.addEventListener("offline", onNetwork);
    this.cleanups.push(() => {
      window.removeEventListener("online", onNetwork);
      window.removeEventListener("offline", onNetwork);
    });
    this.refreshStatus();
  }

  /** Watches the provider's sync messages to learn what the server holds (see AckProbe). */
  private instrument(provider: WebsocketProvider): void {
    const original = provider.messageHandlers[messageSync] as SyncHandler;
    const wrapped: SyncHandler = (encoder, decoder, p, emitSynced, messageType) => {
      // Messages from other tabs (BroadcastChannel, disabled here) arrive with emitSynced false.
      const peeked = emitSynced ? peekSyncMessage(decoder) : { step: "unknown" as const };
      original(encoder, decoder, p, emitSynced, messageType);
      if (peeked.step === "step1") {
        this.updateLedger(confirm(this.ledger, peeked.serverState, null), true);
        // Our reply (step 2 with every offline change) is sent right after this handler
        // returns; the probe must follow it.
        queueMicrotask(() => this.sendProbe());
      } else if (peeked.step === "step2") {
        const sent = this.probe.answered();
        const at = new Date().toISOString();
        this.updateLedger(sent ? confirm(this.ledger, sent, at) : { ...this.ledger, lastSyncedAt: at }, true);
      }
    };
    provider.messageHandlers[messageSync] = wrapped;
  }

  private scheduleProbe(): void {
    clearTimeout(this.probeTimer);
    this.probeTimer = setTimeout(() => this.sendProbe(), PROBE_DELAY_MS);
  }

  private sendProbe(): void {
    const socket = this.recordsWs?.ws;
    if (!socket || socket.readyState !== WebSocket.OPEN || !this.recordsWs?.wsconnected) return;
    this.probe.probeSent(stateVectorOf(this.records));
    socket.send(syncStep1Frame(this.records) as Uint8Array<ArrayBuffer>);
  }

  private updateLedger(next: LedgerState, persist: boolean): void {
    this.ledger = next;
    this.setPending(pendingCount(next));
    this.setLastSyncedAt(next.lastSyncedAt);
    if (!persist || this.saveQueued) return;
    // Saved in the same turn as the change (coalesced per microtask): a phone may close
    // the app right after an edit, and the count must survive with the edit itself.
    this.saveQueued = true;
    queueMicrotask(() => {
      this.saveQueued = false;
      void this.saveLedger();
    });
  }

  private async saveLedger(): Promise<void> {
    if (this.destroyed) return;
    await this.options.store.put(this.ledgerKey, this.ledger);
  }

  private refreshStatus(): void {
    const ws = this.recordsWs;
    const current = this.status();
    if (current === "expired" || current === "forbidden" || current === "not-found" || current === "too-large") {
      if (!ws?.shouldConnect) return;
    }
    if (!ws) return this.setStatus("connecting");
    if (ws.wsconnected && ws.synced) return this.setStatus("online");
    if (!navigator.onLine) return this.setStatus("offline");
    if (ws.maxBackoffTime === RATE_LIMITED_BACKOFF_MS) return this.setStatus("rate-limited");
    this.setStatus(ws.wsconnecting ? "connecting" : "offline");
  }

  /** Uses a new token (after logging in again) and reconnects if the old one was refused. */
  setToken(token: string): void {
    this.options.token = token;
    for (const ws of [this.recordsWs, this.reviewWs]) {
      if (!ws) continue;
      ws.params = { token };
      if (!ws.shouldConnect) ws.connect();
    }
    this.setStatus("connecting");
    this.refreshStatus();
  }

  /** Saves the ledger now (the app is being hidden and may be killed). */
  flush(): Promise<void> {
    return this.saveLedger();
  }

  /** Stops syncing and closes the IndexedDB connections (keeps the data). */
  async destroy(): Promise<void> {
    if (this.destroyed) return;
    await this.flush().catch(() => undefined);
    this.destroyed = true;
    clearTimeout(this.probeTimer);
    for (const cleanup of this.cleanups) cleanup();
    this.recordsWs?.destroy();
    this.reviewWs?.destroy();
    await Promise.all([this.recordsIdb?.destroy(), this.reviewIdb?.destroy()]);
    this.records.destroy();
    this.review.destroy();
  }
}
