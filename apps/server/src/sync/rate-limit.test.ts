import { describe, expect, it } from "vitest";
import { TokenBucket } from "./rate-limit";

function clock(): { now: () => number; advance: (ms: number) => void } {
  let t = 1_000;
  return { now: () => t, advance: (ms) => (t += ms) };
}

function takeMany(bucket: TokenBucket, n: number): number {
  let granted = 0;
  for (let i = 0; i < n; i += 1) if (bucket.take()) granted += 1;
  return granted;
}

describe("TokenBucket", () => {
  it("allows a full burst at once, then refuses", () => {
    const c = clock();
    const bucket = new TokenBucket({ messagesPerSecond: 10, burst: 25 }, c.now);
    expect(takeMany(bucket, 40)).toBe(25);
  });

  it.each([
    // [ms elapsed after draining, messages granted next]
    [100, 1],
    [250, 2],
    [1_000, 10],
    [60_000, 25], // never more than the burst
  ])("refills at the sustained rate: after %i ms grants %i", (ms, granted) => {
    const c = clock();
    const bucket = new TokenBucket({ messagesPerSecond: 10, burst: 25 }, c.now);
    takeMany(bucket, 25);
    c.advance(ms);
    expect(takeMany(bucket, 100)).toBe(granted);
  });

  it("does not refill when the clock goes backwards", () => {
    const c = clock();
    const bucket = new TokenBucket({ messagesPerSecond: 10, burst: 5 }, c.now);
    takeMany(bucket, 5);
    c.advance(-10_000);
    expect(bucket.take()).toBe(false);
  });

  it("charges a cost larger than one", () => {
    const c = clock();
    const bucket = new TokenBucket({ messagesPerSecond: 1, burst: 10 }, c.now);
    expect(bucket.take(8)).toBe(true);
    expect(bucket.take(3)).toBe(false);
    expect(bucket.take(2)).toBe(true);
  });

  it.each([
    { messagesPerSecond: 0, burst: 10 },
    { messagesPerSecond: 5, burst: 0 },
    { messagesPerSecond: Number.NaN, burst: 10 },
  ])("rejects a limit that would refuse everything: %o", (limit) => {
    expect(() => new TokenBucket(limit)).toThrow(RangeError);
  });
});
