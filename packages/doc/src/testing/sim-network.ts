import * as Y from "yjs";
import { RosterRecords } from "../roster-records";
import type { Prng } from "./prng";

/** Origin of updates applied by the simulated network, so they are not sent on again. */
const NETWORK = Symbol("network");

/** One simulated device: its own document, wrapper, mailbox and connectivity. */
export interface Peer {
  readonly index: number;
  readonly doc: Y.Doc;
  readonly records: RosterRecords;
  /** Updates from other peers not yet applied here, delivered in random order. */
  readonly inbox: Uint8Array[];
  /** Own updates made while offline, sent when the peer comes back. */
  readonly outbox: Uint8Array[];
  online: boolean;
}

/**
 * A full mesh of peers in the style of yjs' tests/testHelper.js: every local update is
 * queued for every other peer and delivered one at a time in random order (so Yjs must
 * buffer updates whose dependencies have not arrived), and a peer can go offline,
 * neither sending nor receiving until it comes back.
 */
export class SimNetwork {
  readonly peers: Peer[] = [];
  /** How many applied updates left Yjs with buffered (pending) structs or deletes. */
  bufferedDeliveries = 0;

  constructor(
    count: number,
    private readonly prng: Prng,
    now?: () => Date,
  ) {
    const clientIds = new Set<number>();
    while (clientIds.size < count) clientIds.add(1 + prng.int(0xfffffffe));
    for (const clientId of clientIds) {
      const doc = new Y.Doc();
      doc.clientID = clientId;
      const peer: Peer = {
        index: this.peers.length,
        doc,
        records: new RosterRecords(doc, now ? { now } : {}),
        inbox: [],
        outbox: [],
        online: true,
      };
      doc.on("update", (update: Uint8Array, origin: unknown) => {
        if (origin === NETWORK) return;
        if (peer.online) this.broadcast(peer, update);
        else peer.outbox.push(update);
      });
      this.peers.push(peer);
    }
  }

  /**
   * Takes a peer off the network or puts it back. Coming back, it sends its outbox and,
   * as a y-websocket provider does on connect, runs sync steps 1 and 2 (state-vector
   * exchange) with every online peer.
   */
  setOnline(peer: Peer, online: boolean): void {
    peer.online = online;
    if (!online) return;
    for (const update of peer.outbox.splice(0)) this.broadcast(peer, update);
    for (const other of this.peers) if (other !== peer && other.online) this.syncPair(peer, other);
  }

  /** Delivers one random queued update to a random online peer; false when none is waiting. */
  deliverOne(): boolean {
    const ready = this.peers.filter((p) => p.online && p.inbox.length > 0);
    if (ready.length === 0) return false;
    const peer = this.prng.pick(ready);
    const [update] = peer.inbox.splice(this.prng.int(peer.inbox.length), 1);
    if (update === undefined) return false;
    Y.applyUpdate(peer.doc, update, NETWORK);
    if (peer.doc.store.pendingStructs !== null || peer.doc.store.pendingDs !== null) this.bufferedDeliveries++;
    return true;
  }

  /**
   * Brings every peer online, delivers everything still queued in random order, then
   * runs one state-vector sync round. The round is needed: Yjs 13.6 can keep integrable
   * structs pending forever after some out-of-order deliveries (its "missing" state
   * vector is a lower bound that can form a circular wait), and real providers heal that
   * the same way, with sync steps 1/2 on connect or on `resyncInterval`.
   */
  flush(): void {
    for (const peer of this.peers) this.setOnline(peer, true);
    while (this.deliverOne());
    for (const a of this.peers) for (const b of this.peers) if (a.index < b.index) this.syncPair(a, b);
  }

  private syncPair(a: Peer, b: Peer): void {
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc, Y.encodeStateVector(b.doc)), NETWORK);
    Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b.doc, Y.encodeStateVector(a.doc)), NETWORK);
  }

  /** Removes the wrappers' observers. */
  destroy(): void {
    for (const peer of this.peers) peer.records.destroy();
  }

  private broadcast(from: Peer, update: Uint8Array): void {
    for (const peer of this.peers) if (peer !== from) peer.inbox.push(update);
  }
}
