import { decodeFrame, MalformedFrameError } from "./bus-frame";
import type { BusChannels } from "./bus-outgoing";
import { ACCOUNTS_DOC, type BusStats, type ForwardedMessage, type WatchHandlers } from "./roster-bus";

/** What a transport hears from the bookkeeping: which channels to (un)subscribe. */
export interface ChannelChange {
  channel: string;
  /** True when the first handler of the channel arrived, false when its last one left. */
  subscribe: boolean;
}

interface Receiver {
  received(message: ForwardedMessage): void;
  subscribed?(): void;
}

interface ChannelEntry {
  doc: string;
  /** The transport confirmed the subscription and has not lost it since. */
  live: boolean;
  type: "doc" | "forward" | "account";
  watchers: Set<WatchHandlers>;
  receivers: Set<Receiver>;
  accountHandlers: Set<(userId: string) => void>;
}

export interface DropReport {
  /** A malformed message was dropped, or a handler threw. */
  problem: "malformed" | "handler";
  channel: string;
  error: unknown;
}

/**
 * The transport-independent half of a bus: who listens to which channel, and turning the
 * bytes that arrive on a channel into handler calls. `deliver` never throws: a malformed
 * frame or a throwing handler is counted and the next message is delivered as usual (one
 * bad message must not stop every room's fan-out, yhub #61).
 */
export class BusSubscriptions {
  private readonly entries = new Map<string, ChannelEntry>();
  private readonly resyncHandlers = new Set<() => void>();
  private readonly counters = { received: 0, dropped: 0, handlerErrors: 0 };
  /** Watchers and receivers already told their subscription is active (told once). */
  private readonly announced = new WeakSet<WatchHandlers | Receiver>();

  constructor(
    private readonly channels: BusChannels,
    private readonly onChange: (change: ChannelChange) => void,
    private readonly onProblem: (report: DropReport) => void = () => {},
  ) {}

  watch(doc: string, handlers: WatchHandlers): () => void {
    const channel = this.channels.docChannel(doc);
    const entry = this.entry(channel, doc, "doc");
    // A distinct object per call, so the same handlers watched twice are removed one at a time.
    const own: WatchHandlers = { ...handlers };
    entry.watchers.add(own);
    return this.remover(channel, () => entry.watchers.delete(own));
  }

  receiveForwarded(doc: string, handler: (message: ForwardedMessage) => void, subscribed?: () => void): () => void {
    const channel = this.channels.forwardChannel(doc);
    const entry = this.entry(channel, doc, "forward");
    const own: Receiver = subscribed ? { received: handler, subscribed } : { received: handler };
    entry.receivers.add(own);
    return this.remover(channel, () => entry.receivers.delete(own));
  }

  onAccountChange(handler: (userId: string) => void): () => void {
    const channel = this.channels.accountChannel();
    const entry = this.entry(channel, ACCOUNTS_DOC, "account");
    const own = (userId: string) => handler(userId);
    entry.accountHandlers.add(own);
    return this.remover(channel, () => entry.accountHandlers.delete(own));
  }

  onResync(handler: () => void): () => void {
    const own = () => handler();
    this.resyncHandlers.add(own);
    return () => this.resyncHandlers.delete(own);
  }

  /** Every channel that has a handler now (to subscribe again after a reconnect). */
  activeChannels(): string[] {
    return [...this.entries.keys()];
  }

  has(channel: string): boolean {
    return this.entries.has(channel);
  }

  /** The subscription of `channel` became active: tell its watchers that have not heard it. */
  subscribed(channel: string): void {
    const entry = this.entries.get(channel);
    if (!entry) return;
    entry.live = true;
    for (const listener of [...entry.watchers, ...entry.receivers]) {
      if (this.announced.has(listener)) continue;
      this.announced.add(listener);
      if (listener.subscribed) this.call(() => listener.subscribed?.(), channel);
    }
  }

  /** Bytes that arrived on `channel`. Never throws. */
  deliver(channel: string, bytes: Uint8Array): void {
    const entry = this.entries.get(channel);
    if (!entry) return; // unsubscribed meanwhile: not ours any more
    let frame;
    try {
      frame = decodeFrame(bytes);
      if (frame.message.doc !== entry.doc) throw new MalformedFrameError("frame names another document than its channel");
      const expected = frame.kind === "forwarded" ? "forward" : frame.kind === "account" ? "account" : "doc";
      if (expected !== entry.type) throw new MalformedFrameError(`${frame.kind} frame on a ${entry.type} channel`);
    } catch (error) {
      this.counters.dropped++;
      this.report({ problem: "malformed", channel, error });
      return;
    }
    this.counters.received++;
    switch (frame.kind) {
      case "committed":
        for (const watcher of [...entry.watchers]) this.call(() => watcher.committed(frame.message), channel);
        break;
      case "compacted":
        for (const watcher of [...entry.watchers]) this.call(() => watcher.compacted(frame.message), channel);
        break;
      case "forwarded":
        for (const receiver of [...entry.receivers]) this.call(() => receiver.received(frame.message), channel);
        break;
      case "account":
        for (const handler of [...entry.accountHandlers]) this.call(() => handler(frame.message.userId), channel);
        break;
    }
  }

  /** The transport lost its subscriptions (they are confirmed again one by one). */
  lostAll(): void {
    for (const entry of this.entries.values()) entry.live = false;
  }

  /** The transport came back and every channel is subscribed again. */
  resync(): void {
    for (const handler of [...this.resyncHandlers]) this.call(handler, "resync");
  }

  counts(): Omit<BusStats, "published" | "reconnects"> {
    return { ...this.counters };
  }

  clear(): void {
    this.entries.clear();
    this.resyncHandlers.clear();
  }

  private entry(channel: string, doc: string, type: ChannelEntry["type"]): ChannelEntry {
    let entry = this.entries.get(channel);
    if (!entry) {
      entry = { doc, live: false, watchers: new Set(), receivers: new Set(), accountHandlers: new Set(), type };
      this.entries.set(channel, entry);
      this.onChange({ channel, subscribe: true });
    } else if (entry.live) {
      // Already subscribed: the newcomer hears it too, asynchronously like everyone else.
      queueMicrotask(() => this.subscribed(channel));
    }
    return entry;
  }

  private remover(channel: string, remove: () => void): () => void {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      remove();
      const entry = this.entries.get(channel);
      if (entry && entry.watchers.size === 0 && entry.receivers.size === 0 && entry.accountHandlers.size === 0) {
        this.entries.delete(channel);
        this.onChange({ channel, subscribe: false });
      }
    };
  }

  private call(handler: () => void, channel: string): void {
    try {
      handler();
    } catch (error) {
      this.counters.handlerErrors++;
      this.report({ problem: "handler", channel, error });
    }
  }

  private report(report: DropReport): void {
    try {
      this.onProblem(report);
    } catch {
      // A failing logger must not stop delivery either.
    }
  }
}
