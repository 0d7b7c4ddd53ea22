import * as decoding from "lib0/decoding";
import { TokenBucket, type RateLimit } from "./rate-limit";

/** What one connection may publish as presence (awareness), read-only clients included. */
export interface PresenceLimits {
  /** Client ids one connection may speak for (a tab has one; a reload opens a new connection). */
  maxClientIds: number;
  /** Characters of one client's state (JSON): a name, a role, a focused field. */
  maxStateChars: number;
  /** Presence updates accepted per second; more are dropped, not relayed. */
  rate: RateLimit;
}

export const PRESENCE_LIMITS: PresenceLimits = { maxClientIds: 4, maxStateChars: 4096, rate: { messagesPerSecond: 10, burst: 20 } };

/**
 * Bounds what presence a connection can make a room relay. An awareness update is
 * admitted only when every client id in it is one this connection already speaks for
 * (or may still claim, up to `maxClientIds`) and not another connection's, each state is
 * small, and the connection is within its rate; anything else is dropped whole. So a
 * client inventing 20,000 ids, or removing someone else's presence, reaches nobody, and
 * what any connection can make others receive is at most
 * `maxClientIds × maxStateChars × rate` per second.
 * Decoded with lib0 exactly as `applyAwarenessUpdate` reads it; a malformed update throws
 * (the connection closes it as a protocol error).
 */
export class PresenceLimit {
  private readonly owner = new Map<number, object>();
  private readonly claimed = new Map<object, { ids: Set<number>; bucket: TokenBucket }>();

  constructor(
    private readonly limits: PresenceLimits = PRESENCE_LIMITS,
    private readonly now?: () => number,
  ) {}

  /** True when `update` from `connection` may be applied and relayed. */
  admit(connection: object, update: Uint8Array): boolean {
    let mine = this.claimed.get(connection);
    if (!mine) {
      mine = { ids: new Set(), bucket: new TokenBucket(this.limits.rate, this.now) };
      this.claimed.set(connection, mine);
    }
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    if (count > this.limits.maxClientIds) return false;
    const ids: number[] = [];
    for (let i = 0; i < count; i++) {
      const id = decoding.readVarUint(decoder);
      decoding.readVarUint(decoder); // clock
      const state = decoding.readVarString(decoder);
      if (state.length > this.limits.maxStateChars) return false;
      const owner = this.owner.get(id);
      if (owner !== undefined && owner !== connection) return false;
      ids.push(id);
    }
    const fresh = new Set(ids.filter((id) => !mine.ids.has(id)));
    if (mine.ids.size + fresh.size > this.limits.maxClientIds) return false;
    if (!mine.bucket.take()) return false;
    for (const id of fresh) {
      mine.ids.add(id);
      this.owner.set(id, connection);
    }
    return true;
  }

  /** The connection left: its ids may be claimed again (by the same tab reconnecting). */
  release(connection: object): void {
    const mine = this.claimed.get(connection);
    if (!mine) return;
    for (const id of mine.ids) this.owner.delete(id);
    this.claimed.delete(connection);
  }
}
