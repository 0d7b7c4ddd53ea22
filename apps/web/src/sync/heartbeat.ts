import { messageQueryAwareness } from "y-websocket";

/** How often a connected socket is asked for an answer. */
export const PING_EVERY_MS = 500;
/** A connected socket with nothing received for this long is taken for dead. */
export const SILENCE_LIMIT_MS = 1500;
/** A socket still opening after this long is given up (a dead network can hold it for minutes). */
export const CONNECT_LIMIT_MS = 8000;

/** The public surface of a y-websocket provider the heartbeat reads. */
export interface HeartbeatTarget {
  readonly ws: { readonly readyState: number; send(data: Uint8Array<ArrayBuffer>): void } | null;
  readonly wsconnected: boolean;
  readonly wsconnecting: boolean;
  /** When the provider last received a message (ms since the epoch). */
  readonly wsLastMessageReceived: number;
}

export interface HeartbeatClock {
  now(): number;
  every(ms: number, run: () => void): () => void;
}

const realClock: HeartbeatClock = {
  now: () => Date.now(),
  every: (ms, run) => {
    const id = setInterval(run, ms);
    return () => clearInterval(id);
  },
};

/** An awareness query: one byte, and the server answers it with the room's awareness. */
const PING = Uint8Array.of(messageQueryAwareness);
const OPEN = 1;

/**
 * Notices a connection that died without a close: the phone walked out of coverage, a
 * NAT forgot the socket. The stock provider only gives up after 30 s without a message,
 * and until then the badge would say "Trực tuyến". Every half second a connected socket
 * is sent an awareness query, which the server always answers; after 1.5 s without any
 * message (so at most ~2 s after the link died) `onDead` is told, and the caller
 * reconnects. A tick that comes late (the tab was frozen, or busy decoding a big roster)
 * judges nothing: the silence it saw may be the tab's own.
 */
export class Heartbeat {
  private readonly stop: () => void;
  private lastTick: number;
  /** Silence is counted from here at the earliest (the end of the last late tick). */
  private since: number;
  private socket: HeartbeatTarget["ws"];
  private socketSince: number;

  constructor(
    private readonly target: HeartbeatTarget,
    private readonly onDead: () => void,
    private readonly clock: HeartbeatClock = realClock,
  ) {
    this.lastTick = clock.now();
    this.since = this.lastTick;
    this.socket = target.ws;
    this.socketSince = this.lastTick;
    this.stop = clock.every(PING_EVERY_MS, () => this.tick());
  }

  destroy(): void {
    this.stop();
  }

  private tick(): void {
    const now = this.clock.now();
    const late = now - this.lastTick > 2 * PING_EVERY_MS;
    this.lastTick = now;
    if (late) this.since = now;
    const { ws } = this.target;
    if (ws !== this.socket) {
      this.socket = ws;
      this.socketSince = now;
    }
    if (!ws) return;
    if (this.target.wsconnecting && now - Math.max(this.socketSince, this.since) > CONNECT_LIMIT_MS) return this.dead();
    if (!this.target.wsconnected || ws.readyState !== OPEN) return;
    if (now - Math.max(this.target.wsLastMessageReceived, this.since) > SILENCE_LIMIT_MS) return this.dead();
    ws.send(PING);
  }

  private dead(): void {
    this.socket = null;
    this.onDead();
  }
}
