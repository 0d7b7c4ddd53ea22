// One suite every RosterBus transport passes (memory-bus.test.ts, redis-bus.test.ts), after
// the storage contract suites: two buses stand for two server instances.
import { describe, expect, it, vi } from "vitest";
import type { CommittedMessage, CompactedMessage, ForwardedMessage, RosterBus, WatchHandlers } from "./roster-bus";
import { BusMessageTooLargeError } from "./roster-bus";

export interface BusPair {
  a: RosterBus;
  b: RosterBus;
  /** Publishes raw bytes where watchers of `doc`'s committed messages listen, bypassing the framing. */
  injectRaw(doc: string, bytes: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

/** What one watcher saw, and a promise of its subscription being live. */
export interface Seen {
  committed: CommittedMessage[];
  compacted: CompactedMessage[];
  live: Promise<void>;
  stop: () => void;
}

export function watchSeen(bus: RosterBus, doc: string, extra: Partial<WatchHandlers> = {}): Seen {
  const seen = { committed: [] as CommittedMessage[], compacted: [] as CompactedMessage[] };
  let resolveLive = () => {};
  const live = new Promise<void>((resolve) => (resolveLive = resolve));
  const stop = bus.watch(doc, {
    committed: (m) => {
      seen.committed.push(m);
      extra.committed?.(m);
    },
    compacted: (m) => {
      seen.compacted.push(m);
      extra.compacted?.(m);
    },
    subscribed: () => resolveLive(),
  });
  return { ...seen, live, stop };
}

export function receiveSeen(bus: RosterBus, doc: string): { forwarded: ForwardedMessage[]; live: Promise<void>; stop: () => void } {
  const forwarded: ForwardedMessage[] = [];
  let resolveLive = () => {};
  const live = new Promise<void>((resolve) => (resolveLive = resolve));
  return { forwarded, live, stop: bus.receiveForwarded(doc, (m) => forwarded.push(m), () => resolveLive()) };
}

export function runBusContract(name: string, makePair: () => Promise<BusPair>): void {
  describe(`${name}: bus contract`, () => {
    async function withPair(body: (pair: BusPair) => Promise<void>): Promise<void> {
      const pair = await makePair();
      try {
        await vi.waitFor(() => expect(pair.a.healthy && pair.b.healthy).toBe(true), { timeout: 5000 });
        await body(pair);
      } finally {
        await pair.close();
      }
    }

    it("carries committed, compacted and forwarded messages from one instance to another", () =>
      withPair(async ({ a, b }) => {
        const watched = watchSeen(b, "records:r1");
        const owner = receiveSeen(b, "records:r1");
        await Promise.all([watched.live, owner.live]);
        await vi.waitFor(() => expect(b.healthy).toBe(true));
        const committed = { doc: "records:r1", seq: 7, update: new Uint8Array([1, 2, 3]), origin: { instance: "a", connection: "c1" }, echo: true };
        const forwarded = { doc: "records:r1", origin: { instance: "a", connection: "c2" }, context: { userId: "u", role: "editor" }, update: new Uint8Array([9]) };
        await a.publishCommitted(committed);
        await a.publishCompacted({ doc: "records:r1", throughSeq: 7 });
        await a.forward(forwarded);
        await vi.waitFor(() => {
          expect(watched.committed).toEqual([committed]);
          expect(watched.compacted).toEqual([{ doc: "records:r1", throughSeq: 7 }]);
          expect(owner.forwarded).toEqual([forwarded]);
        });
        expect(a.stats().published).toBe(3);
        expect(b.stats()).toMatchObject({ received: 3, dropped: 0 });
      }));

    it("carries account changes to every instance, the sender's too, until the handler stops", () =>
      withPair(async ({ a, b }) => {
        const heardA: string[] = [];
        const heardB: string[] = [];
        const stopA = a.onAccountChange((userId) => heardA.push(userId));
        const stopB = b.onAccountChange((userId) => heardB.push(userId));
        // The subscription becomes live asynchronously: publish until both heard one.
        await vi.waitFor(async () => {
          await a.publishAccountChange("u-warmup");
          expect(heardA.length * heardB.length).toBeGreaterThan(0);
        });
        await b.publishAccountChange("u-42");
        await vi.waitFor(() => {
          expect(heardA.at(-1)).toBe("u-42");
          expect(heardB.at(-1)).toBe("u-42");
        });
        stopB();
        const before = heardB.length;
        await a.publishAccountChange("u-43");
        await vi.waitFor(() => expect(heardA.at(-1)).toBe("u-43"));
        expect(heardB).toHaveLength(before);
        stopA();
      }));

    it("keeps documents apart and delivers one document's messages in publish order", () =>
      withPair(async ({ a, b }) => {
        const one = watchSeen(b, "records:one");
        const two = watchSeen(b, "review:one");
        await Promise.all([one.live, two.live]);
        for (let seq = 1; seq <= 50; seq++) await a.publishCommitted({ doc: seq % 2 ? "records:one" : "review:one", seq });
        await vi.waitFor(() => expect(one.committed.length + two.committed.length).toBe(50));
        expect(one.committed.map((m) => m.seq)).toEqual(Array.from({ length: 25 }, (_, i) => 2 * i + 1));
        expect(two.committed.every((m) => m.doc === "review:one" && m.seq % 2 === 0)).toBe(true);
      }));

    it("carries every byte value exactly, and sends a committed update above the bound without its bytes", () =>
      withPair(async ({ a, b }) => {
        const watched = watchSeen(b, "records:big");
        await watched.live;
        const exact = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 31 + (i >> 8)) & 0xff);
        const big = new Uint8Array(256 * 1024 + 1).fill(7);
        await a.publishCommitted({ doc: "records:big", seq: 1, update: exact });
        await a.publishCommitted({ doc: "records:big", seq: 2, update: big, origin: { instance: "a", connection: "c" } });
        await vi.waitFor(() => expect(watched.committed).toHaveLength(2));
        const [first, second] = watched.committed;
        expect(first?.update).toBeInstanceOf(Uint8Array);
        expect(Buffer.from(first?.update ?? []).equals(Buffer.from(exact))).toBe(true);
        expect(second).toEqual({ doc: "records:big", seq: 2, origin: { instance: "a", connection: "c" } });
      }));

    it("refuses a forwarded update above its bound, and a malformed sequence number", () =>
      withPair(async ({ a }) => {
        await expect(a.forward({ doc: "records:f", origin: { instance: "a", connection: "c" }, context: null, update: new Uint8Array(1024) })).resolves.toBeUndefined();
        await expect(a.forward({ doc: "records:f", origin: { instance: "a", connection: "c" }, context: null, update: new Uint8Array(8 * 1024 * 1024 + 1) })).rejects.toBeInstanceOf(BusMessageTooLargeError);
        await expect(a.publishCommitted({ doc: "records:f", seq: -1 })).rejects.toBeInstanceOf(RangeError);
        await expect(a.publishCommitted({ doc: "", seq: 1 })).rejects.toBeInstanceOf(BusMessageTooLargeError);
      }));

    it("drops a malformed or unknown-version message, counts it, and delivers the next good one", () =>
      withPair(async ({ a, b, injectRaw }) => {
        const watched = watchSeen(b, "records:bad");
        const other = watchSeen(b, "records:other");
        await Promise.all([watched.live, other.live]);
        await injectRaw("records:bad", new Uint8Array([0xff, 1, 2, 3]));
        await injectRaw("records:bad", new Uint8Array([1, 1]));
        await injectRaw("records:bad", new TextEncoder().encode("not a frame at all"));
        await injectRaw("records:bad", new Uint8Array());
        await a.publishCommitted({ doc: "records:other", seq: 1 }); // framed for another document…
        await a.publishCommitted({ doc: "records:bad", seq: 1, update: new Uint8Array([5]) });
        await vi.waitFor(() => expect(watched.committed).toEqual([{ doc: "records:bad", seq: 1, update: new Uint8Array([5]) }]));
        expect(other.committed).toEqual([{ doc: "records:other", seq: 1 }]);
        expect(b.stats()).toMatchObject({ dropped: 4, received: 2 });
      }));

    it("a throwing handler does not keep the message from the next handler or the next message", () =>
      withPair(async ({ a, b }) => {
        const thrower = watchSeen(b, "records:t", {
          committed: () => {
            throw new Error("room bug");
          },
        });
        const calm = watchSeen(b, "records:t");
        await Promise.all([thrower.live, calm.live]);
        await a.publishCommitted({ doc: "records:t", seq: 1 });
        await a.publishCommitted({ doc: "records:t", seq: 2 });
        await vi.waitFor(() => expect(calm.committed.map((m) => m.seq)).toEqual([1, 2]));
        expect(thrower.committed.map((m) => m.seq)).toEqual([1, 2]);
        expect(b.stats().handlerErrors).toBe(2);
      }));

    it("stops delivering to a watcher that stopped, and keeps delivering to the others", () =>
      withPair(async ({ a, b }) => {
        const first = watchSeen(b, "records:w");
        const second = watchSeen(b, "records:w");
        await Promise.all([first.live, second.live]);
        await a.publishCommitted({ doc: "records:w", seq: 1 });
        await vi.waitFor(() => expect(first.committed).toHaveLength(1));
        first.stop();
        first.stop(); // twice is harmless
        await a.publishCommitted({ doc: "records:w", seq: 2 });
        await vi.waitFor(() => expect(second.committed.map((m) => m.seq)).toEqual([1, 2]));
        expect(first.committed.map((m) => m.seq)).toEqual([1]);
        second.stop();
        const again = watchSeen(b, "records:w");
        await again.live;
        await a.publishCommitted({ doc: "records:w", seq: 3 });
        await vi.waitFor(() => expect(again.committed.map((m) => m.seq)).toEqual([3]));
        expect(second.committed.map((m) => m.seq)).toEqual([1, 2]);
      }));

    it("tells a watcher that joins a live channel that it is subscribed, and delivers to it", () =>
      withPair(async ({ a, b }) => {
        const first = watchSeen(b, "records:j");
        await first.live;
        const late = watchSeen(b, "records:j");
        const lateOwner = receiveSeen(b, "records:j");
        await lateOwner.live;
        const joined = receiveSeen(b, "records:j");
        await Promise.all([late.live, joined.live]);
        await a.publishCommitted({ doc: "records:j", seq: 1 });
        await a.forward({ doc: "records:j", origin: { instance: "a", connection: "c" }, context: null, update: new Uint8Array([1]) });
        await vi.waitFor(() => {
          expect(late.committed.map((m) => m.seq)).toEqual([1]);
          expect(joined.forwarded).toHaveLength(1);
        });
      }));

    it("rejects publishing after close", () =>
      withPair(async ({ a }) => {
        await a.close();
        expect(a.healthy).toBe(false);
        await expect(a.publishCommitted({ doc: "records:c", seq: 1 })).rejects.toThrow(/closed/);
      }));
  });
}
