import { Redis, type RedisOptions } from "ioredis";
import type { Logger } from "../observability/logger";
import { accountFrame, busChannels, type BusChannels, committedFrame, compactedFrame, DEFAULT_BUS_LIMITS, forwardedFrame, type BusLimits, type OutgoingFrame } from "./bus-outgoing";
import { BusSubscriptions, type ChannelChange } from "./bus-subscriptions";
import type { BusStats, CommittedMessage, CompactedMessage, ForwardedMessage, RosterBus, WatchHandlers } from "./roster-bus";
import { BusUnavailableError } from "./roster-bus";

export interface RedisBusOptions {
  /** redis://… */
  url: string;
  /** Prefix of every channel, so deployments and test runs sharing one Redis never hear each other. */
  prefix: string;
  /** This instance's name; its connections appear in CLIENT LIST as `<instance>:pub` / `<instance>:sub`. */
  instance: string;
  limits?: BusLimits;
  /** A publish not acknowledged by Redis within this rejects (the caller relies on the store). */
  publishTimeoutMs?: number;
  /** Publishes waiting for Redis at once; above it a publish rejects rather than queue. */
  maxInFlight?: number;
  /**
   * Both connections are pinged this often; one that does not answer within the next period
   * is dropped and reconnected. TCP alone may take minutes to notice a vanished Redis.
   */
  heartbeatMs?: number;
  log?: Logger;
}

const SUBSCRIBE_CHUNK = 500;

/**
 * The bus over Redis pub/sub: one connection publishes, one subscribes, a channel per
 * document and kind (`<prefix>c:<doc>`, `<prefix>f:<doc>`), binary frames (`bus-frame.ts`).
 * Nothing is queued while disconnected: publishes reject at once, and after a reconnect
 * every watched channel is subscribed again before the resync handlers run, so a watcher
 * that re-reads the store then misses nothing.
 */
export class RedisBus implements RosterBus {
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly subscriptions: BusSubscriptions;
  private readonly channels: BusChannels;
  private readonly limits: BusLimits;
  private readonly maxInFlight: number;
  private readonly heartbeat: NodeJS.Timeout;
  private readonly log: Logger | undefined;
  /** Latest subscribe request per channel: only its answer may tell watchers they are live. */
  private readonly generations = new Map<string, number>();
  private nextGeneration = 1;
  /** Bumped when the subscriber connection closes: answers from an older connection are void. */
  private subEpoch = 0;
  /** Bumped when the publisher connection closes (for its heartbeat). */
  private pubEpoch = 0;
  private pubUp = false;
  private subUp = false;
  /** A connection dropped since the last resync (or before the first connection). */
  private lost = false;
  private closed = false;
  private inFlight = 0;
  private published = 0;
  private reconnects = 0;

  constructor(options: RedisBusOptions) {
    this.channels = busChannels(options.prefix);
    this.limits = options.limits ?? DEFAULT_BUS_LIMITS;
    this.maxInFlight = options.maxInFlight ?? 1000;
    this.log = options.log;
    const heartbeatMs = options.heartbeatMs ?? 2000;
    const common: RedisOptions = {
      // No queue while disconnected, nothing re-sent after a reconnect, and in-flight
      // commands rejected as soon as the connection closes (`maxRetriesPerRequest: 0`).
      enableOfflineQueue: false,
      autoResendUnfulfilledCommands: false,
      maxRetriesPerRequest: 0,
      retryStrategy: (attempt) => Math.min(50 * attempt, 1000),
    };
    this.pub = new Redis(options.url, {
      ...common,
      connectionName: `${options.instance}:pub`,
      commandTimeout: options.publishTimeoutMs ?? 2000,
    });
    // Subscriptions are ours to restore (`resubscribe`), so we know when they are live again.
    this.sub = new Redis(options.url, { ...common, connectionName: `${options.instance}:sub`, autoResubscribe: false });
    this.subscriptions = new BusSubscriptions(
      this.channels,
      (change) => this.channelChanged(change),
      ({ problem, channel, error }) =>
        this.log?.warn(problem === "malformed" ? "bus.message_dropped" : "bus.handler_failed", { channel, error: error instanceof Error ? error : String(error) }),
    );

    this.pub.on("ready", () => {
      this.pubUp = true;
      this.maybeResync();
    });
    this.pub.on("close", () => {
      this.pubEpoch++;
      this.connectionLost("pub");
    });
    this.pub.on("error", (error: Error) => this.log?.debug("bus.redis_error", { connection: "pub", error }));
    this.sub.on("ready", () => this.resubscribe());
    this.sub.on("close", () => {
      this.subEpoch++;
      this.subscriptions.lostAll();
      this.connectionLost("sub");
    });
    this.sub.on("error", (error: Error) => this.log?.debug("bus.redis_error", { connection: "sub", error }));
    this.sub.on("messageBuffer", (channel: Buffer, message: unknown) => {
      this.subscriptions.deliver(channel.toString(), message instanceof Uint8Array ? message : new Uint8Array());
    });
    this.heartbeat = setInterval(() => {
      this.ping(this.pub, heartbeatMs, () => this.pubEpoch);
      this.ping(this.sub, heartbeatMs, () => this.subEpoch);
    }, heartbeatMs);
    this.heartbeat.unref();
  }

  get healthy(): boolean {
    return this.pubUp && this.subUp && !this.closed;
  }

  publishCommitted(message: CommittedMessage): Promise<void> {
    return this.send(() => committedFrame(this.channels, this.limits, message));
  }

  forward(message: ForwardedMessage): Promise<void> {
    return this.send(() => forwardedFrame(this.channels, this.limits, message));
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

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.heartbeat);
    this.subscriptions.clear();
    await Promise.allSettled([this.pub.quit(), this.sub.quit()]);
    this.pub.disconnect();
    this.sub.disconnect();
  }

  private async send(build: () => OutgoingFrame): Promise<void> {
    if (this.closed) throw new BusUnavailableError("bus closed");
    if (this.pub.status !== "ready") throw new BusUnavailableError("bus disconnected");
    if (this.inFlight >= this.maxInFlight) throw new BusUnavailableError("bus overloaded");
    const { channel, frame } = build();
    this.inFlight++;
    try {
      await this.pub.publish(channel, Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength));
      this.published++;
    } catch (error) {
      throw new BusUnavailableError(`publish failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    } finally {
      this.inFlight--;
    }
  }

  private channelChanged({ channel, subscribe }: ChannelChange): void {
    const generation = this.nextGeneration++;
    if (subscribe) this.generations.set(channel, generation);
    else this.generations.delete(channel);
    // Not ready: `resubscribe` takes every active channel when the connection is back.
    if (this.sub.status !== "ready") return;
    const epoch = this.subEpoch;
    if (subscribe) {
      this.sub.subscribe(channel).then(
        () => this.confirm([channel], generation, epoch),
        () => {},
      );
    } else {
      this.sub.unsubscribe(channel).catch(() => {});
    }
  }

  /** The subscriber connection is (again) ready: subscribe every watched channel, then resync. */
  private resubscribe(): void {
    const epoch = this.subEpoch;
    const channels = this.subscriptions.activeChannels();
    const generation = this.nextGeneration++;
    for (const channel of channels) this.generations.set(channel, generation);
    const chunks: string[][] = [];
    for (let i = 0; i < channels.length; i += SUBSCRIBE_CHUNK) chunks.push(channels.slice(i, i + SUBSCRIBE_CHUNK));
    Promise.all(chunks.map((chunk) => this.sub.subscribe(...chunk))).then(
      () => {
        if (epoch !== this.subEpoch || this.closed) return;
        this.confirm(channels, generation, epoch);
        this.subUp = true;
        this.maybeResync();
      },
      // The connection dropped again; its next "ready" starts over.
      () => {},
    );
  }

  private confirm(channels: string[], generation: number, epoch: number): void {
    if (epoch !== this.subEpoch || this.closed) return;
    for (const channel of channels) {
      if (this.generations.get(channel) === generation) this.subscriptions.subscribed(channel);
    }
  }

  private connectionLost(connection: "pub" | "sub"): void {
    const wasHealthy = this.healthy;
    if (connection === "pub") this.pubUp = false;
    else this.subUp = false;
    this.lost = true;
    if (wasHealthy) this.log?.warn("bus.disconnected", { connection });
  }

  private maybeResync(): void {
    if (!this.pubUp || !this.subUp || !this.lost || this.closed) return;
    this.lost = false;
    this.reconnects++;
    this.log?.info("bus.resync", { reconnects: this.reconnects });
    this.subscriptions.resync();
  }

  /** A connection that does not answer a ping within `timeoutMs` is dropped and reconnected. */
  private ping(connection: Redis, timeoutMs: number, epochOf: () => number): void {
    if (connection.status !== "ready" || this.closed) return;
    const epoch = epochOf();
    // Only the connection that was pinged is dropped, not a newer one that replaced it.
    const drop = () => {
      if (epochOf() === epoch && connection.status === "ready" && !this.closed) {
        this.log?.warn("bus.heartbeat_missed", { timeoutMs });
        connection.disconnect(true);
      }
    };
    const timer = setTimeout(drop, timeoutMs);
    timer.unref();
    connection.ping().then(
      () => clearTimeout(timer),
      () => {
        clearTimeout(timer);
        drop();
      },
    );
  }
}
