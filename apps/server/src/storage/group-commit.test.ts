import { describe, expect, it } from "vitest";
import { GroupCommit } from "./group-commit";

/** A runner that records every batch it is given and answers each item with its double. */
function recordingRunner() {
  const batches: number[][] = [];
  const run = (items: readonly number[]) => {
    batches.push([...items]);
    return items.map((n) => n * 2);
  };
  return { batches, run };
}

/** Resolves after the next `setImmediate` turn (and any turns it schedules before). */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("GroupCommit", () => {
  it("commits every item submitted in one turn in a single batch, each with its own result", async () => {
    const { batches, run } = recordingRunner();
    const commit = new GroupCommit(run);
    const results = await Promise.all([1, 2, 3, 4, 5].map((n) => commit.submit(n)));
    expect(results).toEqual([2, 4, 6, 8, 10]);
    expect(batches).toEqual([[1, 2, 3, 4, 5]]);
    expect(commit.stats()).toEqual({ batches: 1, items: 5, failedBatches: 0, queued: 0 });
  });

  it("does not resolve before the runner has committed the batch", async () => {
    const committed: number[] = [];
    const commit = new GroupCommit((items: readonly number[]) => {
      committed.push(...items);
      return items.map(() => committed.length);
    });
    const seen = await commit.submit(7);
    // The promise resolved with what the runner returned after writing, so the write happened first.
    expect(committed).toEqual([7]);
    expect(seen).toBe(1);
  });

  it("queues items submitted while an asynchronous batch runs into the next batch", async () => {
    const batches: string[][] = [];
    let release: () => void = () => {};
    const commit = new GroupCommit(async (items: readonly string[]) => {
      batches.push([...items]);
      if (batches.length === 1) await new Promise<void>((resolve) => (release = resolve));
      return items.map((s) => s.toUpperCase());
    });
    const first = commit.submit("an");
    await nextTurn(); // the first batch is now running and blocked
    const later = ["bình", "chi", "dũng"].map((s) => commit.submit(s));
    await nextTurn();
    expect(batches).toEqual([["an"]]);
    expect(commit.stats().queued).toBe(3);
    release();
    expect(await first).toBe("AN");
    expect(await Promise.all(later)).toEqual(["BÌNH", "CHI", "DŨNG"]);
    expect(batches).toEqual([["an"], ["bình", "chi", "dũng"]]);
  });

  it("rejects every item of a failing batch and keeps working for the next one", async () => {
    let fail = true;
    const commit = new GroupCommit((items: readonly number[]) => {
      if (fail) throw new Error("disk I/O error");
      return [...items];
    });
    const doomed = [1, 2, 3].map((n) => commit.submit(n));
    const outcomes = await Promise.allSettled(doomed);
    expect(outcomes.map((o) => o.status)).toEqual(["rejected", "rejected", "rejected"]);
    for (const o of outcomes) if (o.status === "rejected") expect(String(o.reason)).toContain("disk I/O error");
    fail = false;
    expect(await commit.submit(4)).toBe(4);
    expect(commit.stats()).toMatchObject({ batches: 2, items: 4, failedBatches: 1 });
  });

  it("rejects the batch when the runner answers with the wrong number of results", async () => {
    const commit = new GroupCommit((items: readonly number[]) => items.slice(1));
    await expect(Promise.all([commit.submit(1), commit.submit(2)])).rejects.toThrow(/1 results for 2 items/);
  });

  it("splits a queue longer than maxBatch into several batches, keeping the order", async () => {
    const { batches, run } = recordingRunner();
    const commit = new GroupCommit(run, { maxBatch: 4 });
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => commit.submit(i)));
    expect(results).toEqual(Array.from({ length: 10 }, (_, i) => i * 2));
    expect(batches).toEqual([[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]);
  });

  it("idle() waits for queued and running batches", async () => {
    const { batches, run } = recordingRunner();
    const commit = new GroupCommit(run);
    await commit.idle(); // nothing pending: resolves at once
    void commit.submit(1);
    void commit.submit(2);
    await commit.idle();
    expect(batches).toEqual([[1, 2]]);
    expect(commit.stats().queued).toBe(0);
  });

  it.each([0, -1, 1.5])("refuses maxBatch %s", (maxBatch) => {
    expect(() => new GroupCommit(() => [], { maxBatch })).toThrow(RangeError);
  });
});
