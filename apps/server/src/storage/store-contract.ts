import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { StoreClosedError } from "./errors";
import type { Store } from "./store";
import { accountContract } from "./store-contract-accounts";
import { sessionContract } from "./store-contract-sessions";
import { auditContract } from "./store-contract-audit";
import { docContract } from "./store-contract-docs";
import { throttleContract } from "./store-contract-throttle";
import { bytes } from "./store-contract-data";
import { loadDocUpdates } from "./stored-doc";

/**
 * What an implementation hands the contract suite for each test: a fresh, empty store;
 * `reopen` opens the same data again as a new `Store` (the suite closes the previous one
 * first); `cleanup` closes every store it opened and removes the data.
 */
export interface StoreContractHarness {
  store: Store;
  reopen: () => Promise<Store>;
  cleanup: () => Promise<void>;
}

/** Gives the sections the harness of the running test. */
export type HarnessRef = () => StoreContractHarness;

/**
 * The one test suite every `Store` implementation must pass (SQLite now, PostgreSQL later).
 * Call it at the top level of a test file:
 * `runStoreContract("sqlite", async () => ({ store, reopen, cleanup }))`.
 */
export function runStoreContract(name: string, open: () => Promise<StoreContractHarness>): void {
  describe(`Store contract: ${name}`, () => {
    let harness: StoreContractHarness | undefined;
    const ref: HarnessRef = () => {
      if (!harness) throw new Error("the store harness is not open");
      return harness;
    };
    beforeEach(async () => {
      harness = await open();
    });
    afterEach(async () => {
      await harness?.cleanup();
      harness = undefined;
    });

    describe("documents", () => docContract(ref));
    describe("audit", () => auditContract(ref));
    describe("accounts", () => accountContract(ref));
    describe("sessions", () => sessionContract(ref));
    describe("key-value", () => kvContract(ref));
    describe("login throttle", () => throttleContract(ref));
    describe("life cycle", () => lifeCycleContract(ref));
    describe("concurrency", () => concurrencyContract(ref));
  });
}

function kvContract(ref: HarnessRef): void {
  it("reads nothing for an unknown key", async () => {
    expect(await ref().store.getValue("auth.secret")).toBeUndefined();
  });

  it("setValueIfAbsent keeps the first value and always answers with the stored one", async () => {
    const { store } = ref();
    expect(await store.setValueIfAbsent("auth.secret", "bí-mật-đầu-tiên")).toBe("bí-mật-đầu-tiên");
    expect(await store.setValueIfAbsent("auth.secret", "thứ-hai")).toBe("bí-mật-đầu-tiên");
    expect(await store.getValue("auth.secret")).toBe("bí-mật-đầu-tiên");
  });

  it("concurrent setValueIfAbsent calls all end with one and the same value", async () => {
    const { store } = ref();
    const answers = await Promise.all(["a", "b", "c", "d"].map((v) => store.setValueIfAbsent("secret", v)));
    expect(new Set(answers).size).toBe(1);
    expect(await store.getValue("secret")).toBe(answers[0]);
  });

  it("setValue overwrites", async () => {
    const { store } = ref();
    await store.setValue("series.2026-06-08", "12");
    await store.setValue("series.2026-06-08", "13");
    expect(await store.getValue("series.2026-06-08")).toBe("13");
  });
}

function lifeCycleContract(ref: HarnessRef): void {
  it("is healthy while open and not after close", async () => {
    const { store } = ref();
    expect(await store.healthy()).toBe(true);
    await store.close();
    expect(await store.healthy()).toBe(false);
  });

  it("close() finishes pending appends before closing, and they survive a reopen", async () => {
    const { store, reopen } = ref();
    const pending = Array.from({ length: 20 }, (_, i) => store.appendUpdate("records:thon-dong", bytes(i)));
    await store.close();
    const seqs = await Promise.all(pending);
    expect(seqs).toHaveLength(20);
    const again = await reopen();
    expect(await loadDocUpdates(again, "records:thon-dong")).toEqual(Array.from({ length: 20 }, (_, i) => bytes(i)));
  });

  it("close() finishes a pending compaction, which survives a reopen", async () => {
    const { store, reopen } = ref();
    const seqs: number[] = [];
    for (let i = 0; i < 3; i += 1) seqs.push(await store.appendUpdate("records:thon-dong", bytes(i)));
    const compacted = store.compactDoc("records:thon-dong", { update: bytes(100), stateVector: bytes(101), witnessed: true }, seqs[1] as number);
    await store.close();
    await compacted;
    const again = await reopen();
    expect(await loadDocUpdates(again, "records:thon-dong")).toEqual([bytes(100), bytes(2)]);
  });

  it("refuses work after close with StoreClosedError, and a second close is harmless", async () => {
    const { store } = ref();
    await store.close();
    await expect(store.appendUpdate("records:thon-dong", bytes(1))).rejects.toBeInstanceOf(StoreClosedError);
    await expect(loadDocUpdates(store, "records:thon-dong")).rejects.toBeInstanceOf(StoreClosedError);
    await expect(store.getValue("k")).rejects.toBeInstanceOf(StoreClosedError);
    await expect(store.close()).resolves.toBeUndefined();
  });

  it("restores documents, audit, accounts and values after close and reopen", async () => {
    const { store, reopen } = ref();
    const seqs: number[] = [];
    for (let i = 0; i < 5; i += 1) seqs.push(await store.appendUpdate("records:thon-dong", bytes(i)));
    await store.compactDoc("records:thon-dong", { update: bytes(100), stateVector: bytes(101), witnessed: true }, seqs[2] as number);
    await store.appendUpdate("records:thon-dong", bytes(5));
    const entry = { at: "2026-06-08T08:00:00.000Z", user: "lan.nguyen", childId: "c1", field: "healthBook", from: false, to: true };
    await store.appendAudit("thon-dong", [entry]);
    await store.addCommune({ code: "25252", name: "Xã Tân Phú" });
    await store.addRoster({ id: "thon-dong", name: "Thôn Đông", commune: "25252" });
    await store.setValue("auth.secret", "s3cr3t");
    const before = await store.docStats("records:thon-dong");
    await store.close();

    const again = await reopen();
    expect(await loadDocUpdates(again, "records:thon-dong")).toEqual([bytes(100), bytes(3), bytes(4), bytes(5)]);
    expect(await again.docStats("records:thon-dong")).toEqual(before);
    expect(await again.listAudit("thon-dong")).toEqual([entry]);
    expect(await again.listRosters("25252")).toEqual([{ id: "thon-dong", name: "Thôn Đông", commune: "25252" }]);
    expect(await again.getValue("auth.secret")).toBe("s3cr3t");
  });
}

function concurrencyContract(ref: HarnessRef): void {
  it("stores 200 concurrent appends to 10 documents, each document in submission order", async () => {
    const { store } = ref();
    const docs = Array.from({ length: 10 }, (_, d) => `records:thon-${d}`);
    const submitted = Array.from({ length: 200 }, (_, i) => ({ doc: docs[i % 10] as string, data: bytes(i) }));
    const seqs = await Promise.all(submitted.map((u) => store.appendUpdate(u.doc, u.data)));
    for (const doc of docs) {
      const mine = submitted.map((u, i) => ({ ...u, seq: seqs[i] as number })).filter((u) => u.doc === doc);
      expect(await loadDocUpdates(store, doc)).toEqual(mine.map((u) => u.data));
      const order = mine.map((u) => u.seq);
      expect(order).toEqual([...order].sort((a, b) => a - b));
      expect(new Set(order).size).toBe(order.length);
      expect((await store.docStats(doc)).lastSeq).toBe(order.at(-1));
    }
  });

  it("appends, audit entries and reads interleaved in one turn all land", async () => {
    const { store } = ref();
    const entry = (i: number) => ({ at: `2026-06-08T08:00:0${i}.000Z`, user: "hung.tran", childId: `c${i}`, field: "note", from: null, to: `ghi chú ${i}` });
    await Promise.all([
      store.appendUpdate("records:thon-dong", bytes(1)),
      store.appendAudit("thon-dong", [entry(1), entry(2)]),
      store.appendUpdate("records:thon-dong", bytes(2)),
      store.appendAudit("thon-dong", [entry(3)]),
      loadDocUpdates(store, "records:thon-dong"),
    ]);
    expect(await loadDocUpdates(store, "records:thon-dong")).toEqual([bytes(1), bytes(2)]);
    expect(await store.listAudit("thon-dong")).toEqual([entry(1), entry(2), entry(3)]);
  });
}
