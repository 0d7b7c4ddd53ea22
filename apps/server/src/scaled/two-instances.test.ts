// Two instances of the server in one process (two hubs, each with its own PostgresStore pool
// on one database, and a bus between them): one owns the roster, the other serves its clients
// from the stored bytes and forwards their updates; when the owner stops renewing its lease the
// other takes over within the lease's time, and the old owner's writes are refused.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { addCommune, addRoster } from "../accounts/accounts";
import { createLogger } from "../observability/logger";
import { RosterHub } from "../rosters/roster-hub";
import { PostgresStore } from "../storage/postgres-store";
import { type TestDatabase, createTestDatabase } from "../storage/postgres-test-database";
import { loadDocUpdates } from "../storage/stored-doc";
import { CloseCode } from "../sync/close-codes";
import { TestPeer, childField, flush, setChildField } from "../sync/test-doubles";
import { MemoryHub } from "./memory-bus";

const ROSTER = { id: "ban-na-ca", name: "Bản Nà Ca", commune: "02029" };
const RECORDS = `records:${ROSTER.id}`;

/** A client of one instance (`TestPeer`), which can reconnect to another. */
class Client extends TestPeer {
  constructor(
    private hub: RosterHub,
    readonly user: string,
  ) {
    super();
  }

  async connect(hub = this.hub): Promise<void> {
    this.hub = hub;
    const socket = this.nextSocket();
    this.attach(
      await hub.roster(ROSTER).connect("records", socket, {
        readOnly: false,
        context: { user: { id: this.user, username: this.user }, role: "school" },
        maxMessageBytes: 1 << 24,
        rateLimit: { messagesPerSecond: 1e6, burst: 1e6 },
      }),
    );
  }

  note(childId: string, text: string): void {
    this.doc.transact(() => setChildField(this.doc, childId, "note", text));
  }
}

/** The records as stored (the truth), read through `store`. */
async function storedRecords(store: PostgresStore): Promise<Y.Doc> {
  const doc = new Y.Doc();
  for (const u of await loadDocUpdates(store, RECORDS)) Y.applyUpdate(doc, u);
  return doc;
}

async function until(check: () => boolean | Promise<boolean>, pump: () => void, timeoutMs = 10_000, what = check.toString()): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    pump();
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`not met in time: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("two instances, one roster", () => {
  let database: TestDatabase;
  const stores: PostgresStore[] = [];
  const hubs: RosterHub[] = [];
  const bus = new MemoryHub();

  beforeEach(async () => {
    database = await createTestDatabase();
  });
  afterEach(async () => {
    for (const hub of hubs.splice(0)) await hub.close().catch(() => undefined);
    for (const store of stores.splice(0)) await store.close();
    await database.drop();
  });

  async function instance(name: string): Promise<RosterHub> {
    const store = await PostgresStore.open(database.url, { maxConnections: 4 });
    stores.push(store);
    if (!(await store.getCommune(ROSTER.commune))) {
      await addCommune(store, ROSTER.commune, "Xã Nà Ca");
      await addRoster(store, ROSTER.commune, ROSTER.id, ROSTER.name);
    }
    const hub = new RosterHub({
      store,
      logger: createLogger("silent"),
      idleUnloadMs: 60_000,
      compactEvery: 1000,
      markDebounceMs: 0,
      buildDelayMs: 0,
      cluster: { bus: bus.bus(name), leases: store.leases, instance: name, leaseTtlMs: 1_500, tickMs: 200 },
    });
    hubs.push(hub);
    return hub;
  }

  /** Instance a opens the roster first (its owner), then b; a client on each. */
  async function pair() {
    const a = await instance("a");
    const b = await instance("b");
    const onA = new Client(a, "u-police");
    await onA.connect();
    const onB = new Client(b, "u-school");
    await onB.connect();
    const pump = () => {
      onA.pump();
      onB.pump();
    };
    return { a, b, onA, onB, pump };
  }

  it("the second instance's clients write through the owner; only the owner builds; all converge", async () => {
    const { a, b, onA, onB, pump } = await pair();
    expect(a.cluster?.ownership.ownedCount()).toBe(1);
    expect(b.cluster?.ownership.ownedCount()).toBe(0);

    onA.note("c-1", "từ A");
    onB.note("c-2", "từ B");
    await until(() => childField(onA.doc, "c-2", "note") === "từ B" && childField(onB.doc, "c-1", "note") === "từ A", pump);
    expect(childField(await storedRecords(stores[0] as PostgresStore), "c-2", "note")).toBe("từ B");
    expect(b.registry.stats().docsBuilt).toBe(0);
    // The audit names B's user, written by the owner.
    expect((await (stores[0] as PostgresStore).listAudit(ROSTER.id)).some((e) => e.user === "u-school")).toBe(true);
  });

  it("when the owner stops renewing, the other takes over; the old owner's writes are refused; nothing seen is lost", async () => {
    const { a, b, onA, onB, pump } = await pair();
    onA.note("c-1", "trước");
    await until(() => childField(onB.doc, "c-1", "note") === "trước", pump);

    // A pauses (as under SIGSTOP): no renewals. B takes the roster over within the lease's time.
    const paused = Date.now();
    a.cluster?.ownership.stopRenewing();
    await until(() => b.cluster?.ownership.ownedCount() === 1, pump, 10_000);
    expect(Date.now() - paused).toBeLessThan(10_000);
    // B's clients were told to come back (1012) to the room it now owns.
    await until(() => onB.closedWith === CloseCode.ServiceRestart, pump);
    await onB.connect();
    onB.note("c-2", "sau khi B nhận");
    await until(async () => childField(await storedRecords(stores[1] as PostgresStore), "c-2", "note") === "sau khi B nhận", pump);

    // A wakes up and its client writes: the store refuses A's epoch, A closes its clients.
    onA.note("c-3", "từ A cũ");
    await until(() => onA.closedWith === CloseCode.InternalError, pump);
    expect(childField(await storedRecords(stores[1] as PostgresStore), "c-3", "note")).toBeUndefined();
    // The client keeps its edit and, reconnecting (to B), gets it stored.
    await flush();
    await onA.connect(b);
    await until(async () => {
      const again = await storedRecords(stores[1] as PostgresStore);
      return childField(again, "c-3", "note") === "từ A cũ" && childField(again, "c-1", "note") === "trước";
    }, pump);
  });
});
