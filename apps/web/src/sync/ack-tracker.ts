import { messageSync, type WebsocketProvider } from "y-websocket";
import type * as Y from "yjs";
import { AckProbe } from "./ack-probe";
import { confirm, emptyLedger, recordLocalChange, type LedgerState } from "./pending-ledger";
import { peekSyncMessage, stateVectorOf, syncStep1Frame } from "./sync-messages";

type SyncHandler = WebsocketProvider["messageHandlers"][number];

/** `WebSocket.OPEN`, which Node 20 (the unit tests) has no global for. */
const OPEN = 1;

/** A probe goes out this long after the last local change (a burst of typing needs one). */
const PROBE_DELAY_MS = 300;

/**
 * Which local changes of one document the server is known to hold, learnt over a stock
 * y-websocket provider. The protocol has no acknowledgement; what makes one is the
 * server's promise (DESIGN "Sync", the device's side): it answers every sync step 1 with
 * one step 2, in order, and only once every update it received before on that socket
 * is durable. So:
 * - the server's own step 1 (on connecting) confirms the state vector it carries;
 * - a step 1 this tracker sends after local changes went out (a probe) is answered by a
 *   step 2 that confirms the local state vector of the moment the probe was sent;
 * - the step 2 answering the provider's opening step 1 confirms nothing: offline changes
 *   go out only after it, in reply to the server's step 1.
 * Only the provider's public surface is used: its message handler table (wrapped, the
 * original still runs), its socket and its status events.
 */
export class AckTracker {
  private readonly probe = new AckProbe();
  private probeTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly cleanups: (() => void)[] = [];
  private attached: WebsocketProvider | undefined;

  /**
   * @param doc the document whose local changes are tracked.
   * @param ledger what was saved last time.
   * @param onChange told every new ledger (to show and save it), and whether a local
   *   change made it (then it is saved with that change, `DocPersistence.withEachChange`)
   *   or the server's answer did.
   */
  constructor(
    private readonly doc: Y.Doc,
    private ledger: LedgerState = emptyLedger(),
    private readonly onChange: (ledger: LedgerState, cause: "local-change" | "server") => void = () => undefined,
  ) {
    const onTransaction = (tr: Y.Transaction) => {
      const id = doc.clientID;
      const before = tr.beforeState.get(id) ?? 0;
      const after = tr.afterState.get(id) ?? 0;
      if (!tr.local || after <= before) return;
      this.update(recordLocalChange(this.ledger, id, after), "local-change");
      if (this.attached?.wsconnected) this.scheduleProbe();
    };
    doc.on("afterTransaction", onTransaction);
    this.cleanups.push(() => doc.off("afterTransaction", onTransaction));
  }

  get state(): LedgerState {
    return this.ledger;
  }

  /** Starts learning from `provider`'s sync messages (once, before it connects). */
  attach(provider: WebsocketProvider): void {
    this.attached = provider;
    const original = provider.messageHandlers[messageSync] as SyncHandler;
    const wrapped: SyncHandler = (encoder, decoder, p, emitSynced, messageType) => {
      // Messages from other tabs (BroadcastChannel) arrive with emitSynced false.
      const peeked = emitSynced ? peekSyncMessage(decoder) : { step: "unknown" as const };
      original(encoder, decoder, p, emitSynced, messageType);
      if (peeked.step === "step1") {
        this.update(confirm(this.ledger, peeked.serverState, null), "server");
        // Our reply (step 2 with every offline change) is sent right after this handler
        // returns; the probe must follow it.
        queueMicrotask(() => this.sendProbe());
      } else if (peeked.step === "step2") {
        const sent = this.probe.answered();
        const at = new Date().toISOString();
        this.update(sent ? confirm(this.ledger, sent, at) : { ...this.ledger, lastSyncedAt: at }, "server");
      }
    };
    provider.messageHandlers[messageSync] = wrapped;
    const onStatus = ({ status }: { status: string }) => {
      if (status === "connected") this.probe.connected();
      if (status === "disconnected") this.probe.disconnected();
    };
    provider.on("status", onStatus);
    this.cleanups.push(() => {
      provider.off("status", onStatus);
      if (provider.messageHandlers[messageSync] === wrapped) provider.messageHandlers[messageSync] = original;
    });
  }

  destroy(): void {
    clearTimeout(this.probeTimer);
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    this.attached = undefined;
  }

  private scheduleProbe(): void {
    clearTimeout(this.probeTimer);
    this.probeTimer = setTimeout(() => this.sendProbe(), PROBE_DELAY_MS);
  }

  private sendProbe(): void {
    const provider = this.attached;
    const socket = provider?.ws;
    if (!socket || socket.readyState !== OPEN || !provider.wsconnected) return;
    this.probe.probeSent(stateVectorOf(this.doc));
    socket.send(syncStep1Frame(this.doc) as Uint8Array<ArrayBuffer>);
  }

  private update(next: LedgerState, cause: "local-change" | "server"): void {
    this.ledger = next;
    this.onChange(next, cause);
  }
}
