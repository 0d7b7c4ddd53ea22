import { afterEach, describe, expect, it, vi } from "vitest";
import { startPrivateRedis, type PrivateRedis } from "../../test/helpers/private-redis";
import { watchSeen } from "./bus-contract";
import { BusUnavailableError } from "./roster-bus";
import { redisPair } from "./redis-test-helpers";

// Against a private redis-server on a free port, which these tests kill, pause and restart
// (never the shared one).

const started: PrivateRedis[] = [];

afterEach(async () => {
  for (const server of started.splice(0)) await server.close();
});

async function privateRedis(): Promise<PrivateRedis> {
  const server = await startPrivateRedis();
  started.push(server);
  return server;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("RedisBus with a Redis that dies", () => {
  it("SIGKILL and restart of Redis during a stream: publishes reject fast, resync fires, messages flow again", async () => {
    const redis = await privateRedis();
    const pair = await redisPair(redis.url, { heartbeatMs: 500 });
    const { a, b } = pair;
    try {
      await vi.waitFor(() => expect(a.healthy && b.healthy).toBe(true), { timeout: 5000 });
      const seen = watchSeen(b, "records:s");
      await seen.live;
      let lastAttempted = 0;
      let resyncAtSeq: number | undefined;
      b.onResync(() => (resyncAtSeq ??= lastAttempted));
      const sent: number[] = [];
      const rejectedMs: number[] = [];
      let restarted = false;

      for (let seq = 1; resyncAtSeq === undefined || seq <= resyncAtSeq + 50; seq++) {
        if (seq > 5000) throw new Error("the bus never came back");
        lastAttempted = seq;
        const t0 = performance.now();
        try {
          await a.publishCommitted({ doc: "records:s", seq, update: new Uint8Array([seq & 0xff]) });
          sent.push(seq);
        } catch (error) {
          expect(error).toBeInstanceOf(BusUnavailableError);
          rejectedMs.push(performance.now() - t0);
        }
        if (seq === 50) await redis.kill();
        if (seq === 60 && !restarted) {
          restarted = true;
          await redis.restart();
        }
        await sleep(10);
      }

      expect(resyncAtSeq).toBeGreaterThanOrEqual(60);
      expect(rejectedMs.length).toBeGreaterThan(0);
      expect(Math.max(...rejectedMs)).toBeLessThan(100);
      const received = seen.committed.map((m) => m.seq);
      // In order, no duplicates; everything before the kill and everything sent after the resync arrived.
      expect(received).toEqual([...received].sort((x, y) => x - y));
      expect(new Set(received).size).toBe(received.length);
      expect(sent.filter((seq) => seq > (resyncAtSeq ?? Infinity)).length).toBeGreaterThan(40);
      const expected = sent.filter((seq) => seq < 50 || seq > (resyncAtSeq ?? Infinity));
      await vi.waitFor(() => expect(seen.committed.map((m) => m.seq)).toEqual(expect.arrayContaining(expected)));
      expect(seen.committed.every((m) => m.update?.[0] === (m.seq & 0xff))).toBe(true);
      expect(b.stats().reconnects).toBe(1);
      expect(b.healthy).toBe(true);
    } finally {
      await pair.close();
    }
  });

  it("a paused Redis (SIGSTOP) is noticed by the heartbeat; after SIGCONT resync fires and messages flow", async () => {
    const redis = await privateRedis();
    const pair = await redisPair(redis.url, { heartbeatMs: 300, publishTimeoutMs: 300 });
    const { a, b } = pair;
    try {
      await vi.waitFor(() => expect(a.healthy && b.healthy).toBe(true), { timeout: 5000 });
      const seen = watchSeen(b, "records:p");
      await seen.live;
      let resyncs = 0;
      b.onResync(() => resyncs++);
      await a.publishCommitted({ doc: "records:p", seq: 1 });
      await vi.waitFor(() => expect(seen.committed).toHaveLength(1));

      redis.pause();
      try {
        // Nothing closes the TCP connections: only the unanswered pings reveal the outage.
        await vi.waitFor(() => expect(a.healthy || b.healthy).toBe(false), { timeout: 3000, interval: 20 });
        const t0 = performance.now();
        await expect(a.publishCommitted({ doc: "records:p", seq: 2 })).rejects.toBeInstanceOf(BusUnavailableError);
        expect(performance.now() - t0).toBeLessThan(400);
      } finally {
        redis.resume();
      }
      await vi.waitFor(() => expect(resyncs).toBe(1), { timeout: 10_000 });
      await vi.waitFor(() => expect(a.healthy).toBe(true), { timeout: 10_000 });
      await a.publishCommitted({ doc: "records:p", seq: 3 });
      await vi.waitFor(() => expect(seen.committed.map((m) => m.seq)).toContain(3));
    } finally {
      await pair.close();
    }
  });
});
