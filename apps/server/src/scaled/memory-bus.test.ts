import { describe, expect, it, vi } from "vitest";
import { runBusContract, watchSeen } from "./bus-contract";
import { busChannels } from "./bus-outgoing";
import { MemoryHub } from "./memory-bus";
import { BusUnavailableError } from "./roster-bus";

runBusContract("MemoryBus", () => {
  const hub = new MemoryHub();
  const a = hub.bus("a");
  const b = hub.bus("b");
  const channels = busChannels("memory:");
  return Promise.resolve({
    a,
    b,
    injectRaw: (doc: string, bytes: Uint8Array) => {
      hub.carry({ channel: channels.docChannel(doc), frame: bytes });
      return Promise.resolve();
    },
    close: async () => {
      await a.close();
      await b.close();
    },
  });
});

describe("MemoryBus test hooks", () => {
  it("loses the messages a test asks it to lose (a gap the watcher must fill from the store)", async () => {
    const hub = new MemoryHub();
    const [a, b] = [hub.bus("a"), hub.bus("b")];
    const seen = watchSeen(b, "records:r");
    await seen.live;
    hub.lose = (_channel, receiver) => receiver === b;
    await a.publishCommitted({ doc: "records:r", seq: 1 });
    hub.lose = undefined;
    await a.publishCommitted({ doc: "records:r", seq: 2 });
    await vi.waitFor(() => expect(seen.committed.map((m) => m.seq)).toEqual([2]));
  });

  it("while down: publishes reject and arrivals are lost; back up: subscribed again, then resync", async () => {
    const hub = new MemoryHub();
    const [a, b] = [hub.bus("a"), hub.bus("b")];
    const seen = watchSeen(b, "records:r");
    await seen.live;
    const order: string[] = [];
    b.onResync(() => order.push("resync"));
    b.goDown();
    expect(b.healthy).toBe(false);
    await expect(b.publishCommitted({ doc: "records:r", seq: 9 })).rejects.toBeInstanceOf(BusUnavailableError);
    await a.publishCommitted({ doc: "records:r", seq: 1 });
    b.watch("records:late", { committed: () => {}, compacted: () => {}, subscribed: () => order.push("late subscribed") });
    b.comeBack();
    await vi.waitFor(() => expect(order).toEqual(["late subscribed", "resync"]));
    await a.publishCommitted({ doc: "records:r", seq: 2 });
    await vi.waitFor(() => expect(seen.committed.map((m) => m.seq)).toEqual([2]));
    expect(b.stats().reconnects).toBe(1);
    expect(b.healthy).toBe(true);
  });
});
