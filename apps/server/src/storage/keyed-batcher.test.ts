import { describe, expect, it } from "vitest";
import { KeyedBatcher } from "./keyed-batcher";

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A sender that holds every batch until the test settles it. */
function heldSender() {
  const sent: { key: string; items: readonly number[]; resolve: (r: number[]) => void; reject: (e: unknown) => void }[] = [];
  const send = (key: string, items: readonly number[]) => new Promise<number[]>((resolve, reject) => sent.push({ key, items, resolve, reject }));
  return { sent, send };
}

const LIMITS = { maxItems: 100, maxBytes: 1000, sizeOf: (n: number) => n };

describe("KeyedBatcher", () => {
  it("sends what one key got synchronously as one batch, and other keys side by side", async () => {
    const { sent, send } = heldSender();
    const batcher = new KeyedBatcher(send, LIMITS);
    const a = [1, 2, 3].map((n) => batcher.submit("a", n));
    const b = batcher.submit("b", 4);
    await nextTurn();
    expect(sent.map((s) => [s.key, s.items])).toEqual([
      ["a", [1, 2, 3]],
      ["b", [4]],
    ]);
    sent[1]?.resolve([40]);
    expect(await b).toBe(40);
    sent[0]?.resolve([10, 20, 30]);
    expect(await Promise.all(a)).toEqual([10, 20, 30]);
  });

  it("holds a key's next batch until its previous one is done, then sends all that queued", async () => {
    const { sent, send } = heldSender();
    const batcher = new KeyedBatcher(send, LIMITS);
    const first = batcher.submit("a", 1);
    await nextTurn();
    const later = [2, 3].map((n) => batcher.submit("a", n));
    await nextTurn();
    expect(sent.map((s) => s.items)).toEqual([[1]]);
    sent[0]?.resolve([10]);
    await first;
    await nextTurn();
    expect(sent.map((s) => s.items)).toEqual([[1], [2, 3]]);
    sent[1]?.resolve([20, 30]);
    expect(await Promise.all(later)).toEqual([20, 30]);
  });

  it("rejects only the items of a failed batch and carries on with the key", async () => {
    const { sent, send } = heldSender();
    const batcher = new KeyedBatcher(send, LIMITS);
    const first = batcher.submit("a", 1);
    await nextTurn();
    const second = batcher.submit("a", 2);
    sent[0]?.reject(new Error("connection lost"));
    await expect(first).rejects.toThrow("connection lost");
    await nextTurn();
    sent[1]?.resolve([20]);
    expect(await second).toBe(20);
  });

  it("splits a queue by item count and by bytes, sending an oversized item alone", async () => {
    const { sent, send } = heldSender();
    const batcher = new KeyedBatcher(send, { maxItems: 2, maxBytes: 10, sizeOf: (n: number) => n });
    const all = [1, 2, 3, 4, 50, 5].map((n) => batcher.submit("a", n));
    for (let i = 0; i < 4; i += 1) {
      await nextTurn();
      const batch = sent[i];
      batch?.resolve(batch.items.map((n) => n * 10));
    }
    expect(sent.map((s) => s.items)).toEqual([[1, 2], [3, 4], [50], [5]]);
    expect(await Promise.all(all)).toEqual([10, 20, 30, 40, 500, 50]);
  });

  it("idle() waits for every key's queue to settle", async () => {
    const { sent, send } = heldSender();
    const batcher = new KeyedBatcher(send, LIMITS);
    await batcher.idle();
    void batcher.submit("a", 1);
    void batcher.submit("b", 2);
    let idle = false;
    const waiting = batcher.idle().then(() => (idle = true));
    await nextTurn();
    sent[0]?.resolve([10]);
    await nextTurn();
    expect(idle).toBe(false);
    sent[1]?.resolve([20]);
    await waiting;
    expect(idle).toBe(true);
  });
});
