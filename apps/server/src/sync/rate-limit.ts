/** Sustained rate and burst allowance of one connection's inbound messages. */
export interface RateLimit {
  /** Tokens added per second (the sustained message rate). */
  messagesPerSecond: number;
  /** Bucket capacity: how many messages may arrive at once after a quiet period. */
  burst: number;
}

/**
 * A token bucket. Pure apart from the clock, which tests inject; the default clock is
 * monotonic so a wall-clock jump cannot refill or drain the bucket.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number = () => performance.now(),
  ) {
    if (!(limit.messagesPerSecond > 0) || !(limit.burst >= 1)) {
      throw new RangeError("rate limit needs messagesPerSecond > 0 and burst >= 1");
    }
    this.tokens = limit.burst;
    this.last = now();
  }

  /** Takes `cost` tokens if available; false (and takes nothing) when over the limit. */
  take(cost = 1): boolean {
    const now = this.now();
    const elapsedMs = Math.max(0, now - this.last);
    this.last = now;
    this.tokens = Math.min(this.limit.burst, this.tokens + (elapsedMs / 1000) * this.limit.messagesPerSecond);
    if (this.tokens < cost) return false;
    this.tokens -= cost;
    return true;
  }
}
