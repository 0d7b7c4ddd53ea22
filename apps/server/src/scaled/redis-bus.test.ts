import { describe, expect, it, vi } from "vitest";
import { receiveSeen, runBusContract, watchSeen } from "./bus-contract";
import { BusUnavailableError } from "./roster-bus";
import { clientId, killClient, redisPair } from "./redis-test-helpers";

// Against the machine's real Redis (127.0.0.1:6379), each test with its own channel prefix.

runBusContract("RedisBus", () => redisPair());

describe("RedisBus connections", () => {
  it("names its two connections after the instance, so operators and tests can find them", async () => {
    const pair = await redisPair();
    try {
      await vi.waitFor(() => expect(pair.a.healthy && pair.b.healthy).toBe(true));
      for (const name of [`${pair.instances[0]}:pub`, `${pair.instances[0]}:sub`, `${pair.instances[1]}:sub`]) {
        expect(await clientId(pair.raw, name)).toMatch(/^\d+$/);
      }
    } finally {
      await pair.close();
    }
  });

  it("after CLIENT KILL of the subscriber: reconnects, subscribes again, calls onResync, and messages flow", async () => {
    const pair = await redisPair();
    const { a, b, raw, instances } = pair;
    try {
      const seen = watchSeen(b, "records:k");
      const owner = receiveSeen(b, "records:k");
      await Promise.all([seen.live, owner.live]);
      let resyncs = 0;
      let watchedAtResync = -1;
      let publishedInResync: Promise<void> | undefined;
      b.onResync(() => {
        resyncs++;
        watchedAtResync = seen.committed.length;
        // Published the moment resync runs: it arrives only if the channel is subscribed already.
        publishedInResync = a.publishCommitted({ doc: "records:k", seq: 2 });
      });
      await a.publishCommitted({ doc: "records:k", seq: 1 });
      await vi.waitFor(() => expect(seen.committed).toHaveLength(1));

      await killClient(raw, `${instances[1]}:sub`);
      await vi.waitFor(() => expect(resyncs).toBe(1), { timeout: 10_000 });
      expect(b.healthy).toBe(true);
      expect(b.stats().reconnects).toBe(1);
      expect(watchedAtResync).toBe(1);
      await publishedInResync;
      await a.forward({ doc: "records:k", origin: { instance: "a", connection: "c" }, context: { userId: "u" }, update: new Uint8Array([1]) });
      await vi.waitFor(() => {
        expect(seen.committed.map((m) => m.seq)).toEqual([1, 2]);
        expect(owner.forwarded).toHaveLength(1);
      });
      expect(a.stats().reconnects).toBe(0); // the other instance lost nothing
    } finally {
      await pair.close();
    }
  });

  it("after CLIENT KILL of the publisher: publishes reject fast while it is down, then succeed again", async () => {
    const pair = await redisPair();
    const { a, b, raw, instances } = pair;
    try {
      const seen = watchSeen(b, "records:p");
      await seen.live;
      await vi.waitFor(() => expect(a.healthy).toBe(true));
      let resyncs = 0;
      a.onResync(() => resyncs++);
      await killClient(raw, `${instances[0]}:pub`);
      // ioredis waits 50 ms before its first reconnect attempt: the outage is visible.
      await vi.waitFor(() => expect(a.healthy).toBe(false), { timeout: 5000, interval: 1 });
      const started = performance.now();
      await expect(a.publishCommitted({ doc: "records:p", seq: 1 })).rejects.toBeInstanceOf(BusUnavailableError);
      expect(performance.now() - started).toBeLessThan(100);
      await vi.waitFor(() => expect(resyncs).toBe(1), { timeout: 10_000 });
      await a.publishCommitted({ doc: "records:p", seq: 2 });
      await vi.waitFor(() => expect(seen.committed.map((m) => m.seq)).toContain(2));
    } finally {
      await pair.close();
    }
  });

  it("keeps runs with different prefixes apart", async () => {
    const one = await redisPair();
    const two = await redisPair();
    try {
      const seenTwo = watchSeen(two.b, "records:same");
      const seenOne = watchSeen(one.b, "records:same");
      await Promise.all([seenOne.live, seenTwo.live]);
      await one.a.publishCommitted({ doc: "records:same", seq: 1 });
      await vi.waitFor(() => expect(seenOne.committed).toHaveLength(1));
      await two.a.publishCommitted({ doc: "records:same", seq: 5 });
      await vi.waitFor(() => expect(seenTwo.committed.map((m) => m.seq)).toEqual([5]));
      expect(seenOne.committed.map((m) => m.seq)).toEqual([1]);
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });
});
