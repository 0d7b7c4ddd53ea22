import { describe, expect, it } from "vitest";
import { TurnBatcher } from "./turn-batcher";

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A sender that holds every batch until the test settles it. */
function heldSender() {
  const sent: { items: readonly number[]; resolve: (r: number[]) => void; reject: (e: unknown) => void }[] = [];
  const send = (items: readonly number[]) => new Promise<number[]>((resolve, reject) => sent.push({ items, resolve, reject }));
  return { sent, send };
}

describe("TurnBatcher", () => {
  it("sends everything submitted in one turn as one batch, each caller getting its own result", async () => {
    const { sent, send } = heldSender();
    const batcher = new TurnBatcher(send);
    const results = [1, 2, 3].map((n) => batcher.submit(n));
    await nextTurn();
    expect(sent.map((s) => s.items)).toEqual([[1, 2, 3]]);
    sent[0]?.resolve([10, 20, 30]);
    expect(await Promise.all(results)).toEqual([10, 20, 30]);
  });

  it("sends a later turn's items at once, without waiting for the earlier batch to finish", async () => {
    const { sent, send } = heldSender();
    const batcher = new TurnBatcher(send);
    const first = batcher.submit(1);
    await nextTurn();
    const second = batcher.submit(2);
    await nextTurn();
    expect(sent.map((s) => s.items)).toEqual([[1], [2]]);
    sent[1]?.resolve([20]);
    sent[0]?.resolve([10]);
    expect(await Promise.all([first, second])).toEqual([10, 20]);
  });

  it("rejects only the items of a failed batch, and splits queues longer than maxBatch", async () => {
    const { sent, send } = heldSender();
    const batcher = new TurnBatcher(send, 2);
    const all = [1, 2, 3].map((n) => batcher.submit(n));
    await nextTurn();
    expect(sent.map((s) => s.items)).toEqual([[1, 2], [3]]);
    sent[0]?.reject(new Error("SQLITE_BUSY"));
    sent[1]?.resolve([3]);
    const outcomes = await Promise.allSettled(all);
    expect(outcomes.map((o) => o.status)).toEqual(["rejected", "rejected", "fulfilled"]);
  });

  it("rejects a batch whose sender answers with the wrong number of results", async () => {
    const batcher = new TurnBatcher(async (items: readonly number[]) => items.slice(1));
    await expect(Promise.all([batcher.submit(1), batcher.submit(2)])).rejects.toThrow(/1 results for 2 items/);
  });

  it("idle() waits until every submitted item is settled", async () => {
    const { sent, send } = heldSender();
    const batcher = new TurnBatcher(send);
    void batcher.submit(1);
    let idle = false;
    void batcher.idle().then(() => (idle = true));
    await nextTurn();
    expect(idle).toBe(false);
    sent[0]?.resolve([1]);
    await nextTurn();
    expect(idle).toBe(true);
  });
});
