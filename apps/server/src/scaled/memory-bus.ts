import { accountFrame, busChannels, committedFrame, compactedFrame, DEFAULT_BUS_LIMITS, forwardedFrame, type BusLimits, type OutgoingFrame } from "./bus-outgoing";
import { BusSubscriptions } from "./bus-subscriptions";
import type { BusStats, CommittedMessage, CompactedMessage, ForwardedMessage, RosterBus, WatchHandlers } from "./roster-bus";
import { BusUnavailableError } from "./roster-bus";

/**
 * Several "instances" in one process sharing one in-memory hub, for unit tests of the rooms.
 * Messages go through the same framing as on Redis and arrive asynchronously (a microtask
 * later, in publish order), each receiver with its own copy. Tests can lose messages
 * (`lose`) and take a bus offline (`goDown` / `comeBack`) to exercise gap filling and resync.
 */
export class MemoryHub {
  private readonly buses = new Set<MemoryBus>();
  /** Return true to lose this message for this receiver, as Redis pub/sub may. */
  lose: ((channel: string, receiver: MemoryBus) => boolean) | undefined;

  constructor(readonly limits: BusLimits = DEFAULT_BUS_LIMITS) {}

  bus(instance: string): MemoryBus {
    const bus = new MemoryBus(this, instance, () => this.buses.delete(bus));
    this.buses.add(bus);
    return bus;
  }

  /** Called by a bus: delivers to every other bus (and the sender) a microtask later. */
  carry({ channel, frame }: OutgoingFrame): void {
    for (const receiver of this.buses) {
      if (this.lose?.(channel, receiver)) continue;
      const copy = frame.slice();
      queueMicrotask(() => receiver.arrive(channel, copy));
    }
  }
}

export class MemoryBus implements RosterBus {
  private readonly channels = busChannels("memory:");
  private readonly subscriptions: BusSubscriptions;
  private up = true;
  private closed = false;
  private published = 0;
  private reconnects = 0;

  constructor(
    private readonly hub: MemoryHub,
    readonly instance: string,
    private readonly detach: () => void,
  ) {
    this.subscriptions = new BusSubscriptions(this.channels, ({ channel, subscribe }) => {
      if (subscribe && this.up) queueMicrotask(() => this.subscriptions.subscribed(channel));
    });
  }

  get healthy(): boolean {
    return this.up && !this.closed;
  }

  publishCommitted(message: CommittedMessage): Promise<void> {
    return this.send(() => committedFrame(this.channels, this.hub.limits, message));
  }

  forward(message: ForwardedMessage): Promise<void> {
    return this.send(() => forwardedFrame(this.channels, this.hub.limits, message));
  }

  publishCompacted(message: CompactedMessage): Promise<void> {
    return this.send(() => compactedFrame(this.channels, message));
  }

  publishAccountChange(userId: string): Promise<void> {
    return this.send(() => accountFrame(this.channels, userId));
  }

  onAccountChange(handler: (userId: string) => void): () => void {
    if (this.closed) return () => {};
    return this.subscriptions.onAccountChange(handler);
  }

  watch(doc: string, handlers: WatchHandlers): () => void {
    if (this.closed) return () => {};
    return this.subscriptions.watch(doc, handlers);
  }

  receiveForwarded(doc: string, handler: (message: ForwardedMessage) => void, subscribed?: () => void): () => void {
    if (this.closed) return () => {};
    return this.subscriptions.receiveForwarded(doc, handler, subscribed);
  }

  onResync(handler: () => void): () => void {
    return this.subscriptions.onResync(handler);
  }

  stats(): BusStats {
    return { published: this.published, reconnects: this.reconnects, ...this.subscriptions.counts() };
  }

  close(): Promise<void> {
    this.closed = true;
    this.subscriptions.clear();
    this.detach();
    return Promise.resolve();
  }

  /** Lose the connection: publishes reject, arriving messages are lost. */
  goDown(): void {
    this.up = false;
    this.subscriptions.lostAll();
  }

  /** Get it back: every watched channel is subscribed again, then the resync handlers run. */
  comeBack(): void {
    if (this.up || this.closed) return;
    this.up = true;
    queueMicrotask(() => {
      for (const channel of this.subscriptions.activeChannels()) this.subscriptions.subscribed(channel);
      this.reconnects++;
      this.subscriptions.resync();
    });
  }

  /** Called by the hub. */
  arrive(channel: string, frame: Uint8Array): void {
    if (this.up && !this.closed) this.subscriptions.deliver(channel, frame);
  }

  private send(build: () => OutgoingFrame): Promise<void> {
    if (this.closed) return Promise.reject(new BusUnavailableError("bus closed"));
    if (!this.up) return Promise.reject(new BusUnavailableError("bus disconnected"));
    try {
      this.hub.carry(build());
    } catch (error) {
      return Promise.reject(error);
    }
    this.published++;
    return Promise.resolve();
  }
}
