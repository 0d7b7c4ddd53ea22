import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { pendingRow, type ChildRow } from "./child-row";
import { FirstScreenCache, firstScreenKey, type KeyValueStore } from "./first-screen-cache";
import { firstScreenOf } from "./first-screen";

const OWNER = { userId: "u-hamlet", rosterId: "thon-dong" };

/** The app database's key-value store, in memory, counting writes. */
class MemoryStore implements KeyValueStore {
  readonly values = new Map<string, unknown>();
  writes = 0;
  async get(key: string): Promise<unknown> {
    return structuredClone(this.values.get(key));
  }
  async put(key: string, value: unknown): Promise<void> {
    this.writes += 1;
    this.values.set(key, structuredClone(value));
  }
}

function rowsNamed(...names: string[]): ChildRow[] {
  return names.map((fullName, i) => pendingRow({ id: `c${i}`, fullName }, { folded: fullName, sortKey: fullName }));
}

describe("FirstScreenCache", () => {
  let store: MemoryStore;
  beforeEach(() => {
    store = new MemoryStore();
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  it("keeps the roster's first arrival at once", async () => {
    const cache = new FirstScreenCache(store, OWNER);
    cache.keep(rowsNamed());
    expect(store.writes).toBe(0);
    cache.keep(rowsNamed("Lò Thị Mai"));
    // No timer runs: the write is under way already.
    for (let turn = 0; turn < 10; turn += 1) await Promise.resolve();
    expect(store.writes).toBe(1);
    expect(store.values.get(firstScreenKey("thon-dong"))).toEqual(firstScreenOf(rowsNamed("Lò Thị Mai"), OWNER));
  });

  it("keeps later changes once edits settle, the last one only", async () => {
    await store.put(firstScreenKey("thon-dong"), firstScreenOf(rowsNamed("Lò Thị Mai"), OWNER));
    store.writes = 0;
    const cache = new FirstScreenCache(store, OWNER);
    await cache.load();
    cache.keep(rowsNamed("Lò Thị Mai", "Nguyễn"));
    cache.keep(rowsNamed("Lò Thị Mai", "Nguyễn Văn An"));
    for (let turn = 0; turn < 10; turn += 1) await Promise.resolve();
    expect(store.writes).toBe(0);
    await vi.runAllTimersAsync();
    expect(store.writes).toBe(1);
    expect(store.values.get(firstScreenKey("thon-dong"))).toEqual(firstScreenOf(rowsNamed("Lò Thị Mai", "Nguyễn Văn An"), OWNER));
    expect(await new FirstScreenCache(store, OWNER).load()).toEqual(firstScreenOf(rowsNamed("Lò Thị Mai", "Nguyễn Văn An"), OWNER));
  });

  it("writes nothing when the first screen did not change (an edit further down the list)", async () => {
    const cache = new FirstScreenCache(store, OWNER);
    cache.keep(rowsNamed("An", "Bình"));
    await cache.flush();
    cache.keep(rowsNamed("An", "Bình"));
    await cache.flush();
    expect(store.writes).toBe(1);
    const reopened = new FirstScreenCache(store, OWNER);
    await reopened.load();
    reopened.keep(rowsNamed("An", "Bình"));
    await reopened.flush();
    expect(store.writes).toBe(1);
  });

  it("writes at once when flushed (the page is being hidden)", async () => {
    const cache = new FirstScreenCache(store, OWNER);
    cache.keep(rowsNamed("An"));
    await cache.flush();
    expect(store.writes).toBe(1);
  });

  it("never shows another person's or another roster's first screen", async () => {
    await store.put(firstScreenKey("thon-dong"), firstScreenOf(rowsNamed("An"), { userId: "u-other", rosterId: "thon-dong" }));
    expect(await new FirstScreenCache(store, OWNER).load()).toBeUndefined();
    await store.put(firstScreenKey("thon-dong"), firstScreenOf(rowsNamed("An"), { userId: "u-hamlet", rosterId: "thon-tay" }));
    expect(await new FirstScreenCache(store, OWNER).load()).toBeUndefined();
    expect(await new FirstScreenCache(store, { ...OWNER, userId: "" }).load()).toBeUndefined();
  });

  it("ignores an unreadable entry or a failing database", async () => {
    await store.put(firstScreenKey("thon-dong"), { ...OWNER, total: "many", rows: [] });
    expect(await new FirstScreenCache(store, OWNER).load()).toBeUndefined();
    const broken: KeyValueStore = { get: () => Promise.reject(new Error("gone")), put: () => Promise.reject(new Error("gone")) };
    const cache = new FirstScreenCache(broken, OWNER);
    expect(await cache.load()).toBeUndefined();
    cache.keep(rowsNamed("An"));
    await expect(cache.flush()).resolves.toBeUndefined();
  });

  it("after close (logout), keeps nothing more and has finished its last write", async () => {
    let release: (() => void) | undefined;
    const slow: KeyValueStore = {
      get: (key) => store.get(key),
      put: (key, value) => new Promise<void>((done) => (release = () => void store.put(key, value).then(done))),
    };
    const cache = new FirstScreenCache(slow, OWNER);
    cache.keep(rowsNamed("An"));
    const writing = cache.flush();
    for (let turn = 0; turn < 10 && !release; turn += 1) await Promise.resolve();
    expect(release).toBeDefined();
    // Logout comes while "An" is being written and "Bình" waits to be kept.
    cache.keep(rowsNamed("Bình"));
    let closed = false;
    const closing = cache.close().then(() => (closed = true));
    for (let turn = 0; turn < 10; turn += 1) await Promise.resolve();
    expect(closed).toBe(false);
    release?.();
    await writing;
    await closing;
    expect(closed).toBe(true);
    await vi.runAllTimersAsync();
    cache.keep(rowsNamed("Chi"));
    await cache.flush();
    await vi.runAllTimersAsync();
    expect(store.writes).toBe(1);
    expect(store.values.get(firstScreenKey("thon-dong"))).toEqual(firstScreenOf(rowsNamed("An"), OWNER));
  });

  it("keeps nothing without a session", async () => {
    const cache = new FirstScreenCache(store, { ...OWNER, userId: "" });
    cache.keep(rowsNamed("An"));
    await vi.runAllTimersAsync();
    await cache.flush();
    expect(store.writes).toBe(0);
  });
});
