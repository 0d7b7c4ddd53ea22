// Scaled mode, the owner of a roster dying or pausing under edits (DESIGN "Guarantees of the
// scaled mode": a new owner takes over within 10 seconds of the old one dying; a stale owner
// cannot write; compaction never drops an update it did not merge). Real server processes,
// stock clients editing on every instance.
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from "vitest";
import { loadStoredDoc } from "../src/rosters/stored-roster";
import { syncDocName } from "../src/sync";
import { startCluster, type TestCluster } from "./helpers/cluster";
import { expectNothingLost } from "./helpers/cluster-checks";
import { healthz, healthzOrNothing, metric, printTroubles } from "./helpers/cluster-probes";
import { EditLoad } from "./helpers/edit-load";
import { aChildWithoutPid } from "./helpers/fixtures";
import { login } from "./helpers/http";
import { expectMarksOfStore } from "./helpers/marks-checks";
import { killAll, type ServerProcess } from "./helpers/server-process";
import { connectClient, sleep, whenSynced, type Editor, type SyncClient } from "./helpers/sync-clients";
import { eventually } from "./helpers/wait";
import { PASSWORD, ROSTERS, USERS, createAccounts, type UserKey } from "./helpers/world";

/** DESIGN.md: "a new owner takes over within 10 seconds of the old one dying". */
const TAKEOVER_DEADLINE_MS = 10_000;
/** Marks follow an edit within 1 s normally; after a takeover "within a few seconds". */
const MARK_AFTER_TAKEOVER_MS = 5_000;
/** A lease short enough that a paused owner loses it in a few seconds. */
const SHORT_LEASE = { LEASE_TTL_MS: "3000" };

let cluster: TestCluster;
const clients: SyncClient[] = [];

beforeAll(async () => {
  cluster = await startCluster("ownership");
  const store = await cluster.store();
  await createAccounts(store);
  await store.close();
}, 120_000);

afterAll(async () => {
  for (const c of clients) c.destroy();
  await cluster.close();
});

function client(server: ServerProcess, room: string, token: string): SyncClient {
  const c = connectClient(server.syncUrl, room, token);
  clients.push(c);
  return c;
}

interface Instances {
  servers: [ServerProcess, ServerProcess, ServerProcess];
  /** A records client on each instance, in the same order. */
  editors: SyncClient[];
  token: string;
  editor: Editor;
}

/** Three instances and a records client on each; the first instance owns the roster. */
async function threeInstances(rosterId: string, who: UserKey, env: Record<string, string> = {}): Promise<Instances> {
  const servers = (await Promise.all([0, 1, 2].map(() => cluster.start(env)))) as Instances["servers"];
  const session = await login(servers[0].url, USERS[who].username, PASSWORD);
  const first = client(servers[0], rosterId, session.token);
  await whenSynced(first, 15_000);
  await eventually(async () => expect((await healthz(servers[0])).ownedRosters).toBe(1), 15_000);
  const others = servers.slice(1).map((s) => client(s, rosterId, session.token));
  await Promise.all(others.map((c) => whenSynced(c, 15_000)));
  onTestFailed(() => printTroubles(servers));
  return { servers, editors: [first, ...others], token: session.token, editor: { id: session.user.id, name: USERS[who].displayName } };
}

/** Polls `/healthz` of `candidates` until one owns a roster; resolves to it and the time taken since `since`. */
async function nextOwner(candidates: readonly ServerProcess[], since: number, timeoutMs = 30_000): Promise<{ owner: ServerProcess; ms: number }> {
  for (;;) {
    for (const server of candidates) {
      const health = await healthzOrNothing(server);
      if ((health?.ownedRosters ?? 0) >= 1) return { owner: server, ms: performance.now() - since };
    }
    if (performance.now() - since > timeoutMs) throw new Error(`no instance took over within ${timeoutMs} ms`);
    await sleep(50);
  }
}

/** Log lines of `server` saying the store refused a write made under a lease it no longer held. */
function fencedWrites(server: ServerProcess): Record<string, unknown>[] {
  return server.logs.filter((line) => JSON.stringify(line).includes("is no longer held at epoch"));
}

async function done(servers: readonly ServerProcess[]): Promise<void> {
  for (const c of clients.splice(0)) c.destroy();
  for (const server of servers) server.child.kill("SIGCONT");
  await killAll(servers);
}

describe("the owner SIGKILLed under edits", () => {
  it("another instance takes over within 10 s, nothing is lost, and marks follow edits again", { timeout: 240_000 }, async () => {
    const rosterId = ROSTERS.a5.id;
    const { servers, editors, token, editor } = await threeInstances(rosterId, "school");
    const [owner, ...survivors] = servers;
    const review = client(survivors[0]!, `${rosterId}/review`, token);
    await whenSynced(review, 15_000);
    // The owner's own client dies with it (its provider keeps knocking on the dead port).
    const load = new EditLoad(editor);
    editors.slice(1).forEach((c, i) => load.add(c, `Trẻ ${i + 1}`));
    load.start(150);
    await sleep(1_500);

    owner.child.kill("SIGKILL");
    const killedAt = performance.now();
    await owner.exited;
    const takeover = await nextOwner(survivors, killedAt);
    console.info(`takeover after SIGKILL of the owner: ${Math.round(takeover.ms)} ms`);
    expect(takeover.ms).toBeLessThan(TAKEOVER_DEADLINE_MS);
    expect(await metric(takeover.owner, "roster_lease_takeovers_total")).toBeGreaterThanOrEqual(1);
    await sleep(1_500);
    load.stop();
    await expectNothingLost(cluster, load, editors.slice(1), survivors[1]!, rosterId, token);

    // Marks follow edits under the new owner: a child without an ID number, a wrong one, the right one.
    const writer = editors[1]!;
    const id = writer.records().createChild(aChildWithoutPid({ fullName: "Lò Thị Xuân" }));
    const steps = [
      { what: "no ID number: pid.missing", edit: () => undefined, shows: (codes: string[], status: string) => status === "needs-fix" && codes.includes("pid.missing") },
      {
        what: "a 9-digit old ID-card number: pid.legacy_cmnd",
        edit: () => writer.records().setChildField(id, "pid", "012345678", editor),
        shows: (codes: string[], status: string) => status === "needs-fix" && codes.includes("pid.legacy_cmnd") && !codes.includes("pid.missing"),
      },
      {
        what: "the right 12-digit number: no pid finding",
        edit: () => writer.records().setChildField(id, "pid", "001316007788", editor),
        shows: (codes: string[]) => !codes.some((code) => code.startsWith("pid.")),
      },
    ];
    const markMs: number[] = [];
    for (const step of steps) {
      const started = performance.now();
      step.edit();
      await eventually(() => {
        const mark = review.review().mark(id);
        expect(mark !== undefined && step.shows(mark.codes, mark.status), `${step.what} (mark now ${JSON.stringify(mark)})`).toBe(true);
      }, MARK_AFTER_TAKEOVER_MS);
      markMs.push(Math.round(performance.now() - started));
    }
    console.info(`marks after the takeover followed edits in ${markMs.join(", ")} ms`);
    const store = await cluster.store();
    await eventually(() => expectMarksOfStore(review.review(), store, rosterId), 20_000);
    await store.close();
    await done(servers);
  });
});

describe("the owner SIGSTOPped until another takes over, then SIGCONTed", () => {
  it("the stale owner's writes are refused, its rooms reload, edits go on, and every child has one mark, a fresh evaluation's", { timeout: 240_000 }, async () => {
    const rosterId = ROSTERS.a7.id;
    const { servers, editors, token, editor } = await threeInstances(rosterId, "school", SHORT_LEASE);
    const [stale, ...survivors] = servers;
    const review = client(survivors[0]!, `${rosterId}/review`, token);
    await whenSynced(review, 15_000);
    const load = new EditLoad(editor);
    editors.forEach((c, i) => load.add(c, `Em ${i}`));
    load.start(150);
    await sleep(1_500);

    // Paused between two writes (a pause inside one is the compaction test's business: then
    // PostgreSQL ends its transaction). Every client edits on, the paused owner's too: its
    // edits wait in the socket, for the stale owner to apply and try to store when it wakes.
    load.stop();
    await sleep(1_000);
    stale.child.kill("SIGSTOP");
    const stoppedAt = performance.now();
    load.start(150);
    const takeover = await nextOwner(survivors, stoppedAt);
    console.info(`takeover from a paused owner (LEASE_TTL_MS=3000): ${Math.round(takeover.ms)} ms`);
    expect(takeover.ms).toBeLessThan(TAKEOVER_DEADLINE_MS);
    await sleep(1_500);
    stale.child.kill("SIGCONT");

    // It finds out it lost the lease, owns nothing, and the store refused what it tried to write.
    await eventually(async () => {
      expect((await healthz(stale)).ownedRosters).toBe(0);
      expect(await metric(stale, "roster_leases_lost_total")).toBeGreaterThanOrEqual(1);
    }, 15_000);
    await eventually(() => expect(fencedWrites(stale).length).toBeGreaterThanOrEqual(1), 15_000);
    expect((await healthz(takeover.owner)).ownedRosters).toBe(1);
    // Its rooms reloaded as replicas: its client's later edits go through the new owner.
    await sleep(2_000);
    load.stop();
    await expectNothingLost(cluster, load, editors, stale, rosterId, token);

    const store = await cluster.store();
    const children = await eventually(() => expectMarksOfStore(review.review(), store, rosterId), 20_000);
    expect(children).toBe(load.size);
    await store.close();
    console.info(`stale owner: ${fencedWrites(stale).length} fenced write(s) logged; ${load.size} children, each with one mark`);
    await done(servers);
  });
});

describe("compactions of one document racing across an ownership change", () => {
  it("a stale and a new owner both compacting under edits drop nothing", { timeout: 240_000 }, async () => {
    const rosterId = ROSTERS.b2.id;
    const docName = syncDocName("records", rosterId);
    const { servers, editors, token, editor } = await threeInstances(rosterId, "bSchool", { ...SHORT_LEASE, COMPACT_EVERY: "10" });
    const load = new EditLoad(editor);
    editors.forEach((c, i) => load.add(c, `Cháu ${i}`));
    load.start(150);
    await sleep(1_500);

    // Ownership moves twice, each time from an owner paused anywhere in its stream of
    // appends and compactions (inside a transaction too); woken, it tries to compact with
    // its stale view while the new owner compacts its own.
    let owner: ServerProcess = servers[0];
    const stalled: ServerProcess[] = [];
    const takeoverMs: number[] = [];
    for (let round = 0; round < 2; round += 1) {
      await eventually(async () => expect(await metric(owner, "roster_compactions_total")).toBeGreaterThanOrEqual(1), 15_000);
      owner.child.kill("SIGSTOP");
      const next = await nextOwner(
        servers.filter((s) => s !== owner),
        performance.now(),
      );
      takeoverMs.push(Math.round(next.ms));
      await sleep(1_000); // the new owner builds and compacts its long log meanwhile
      owner.child.kill("SIGCONT");
      stalled.push(owner);
      owner = next.owner;
    }
    await sleep(2_000);
    load.stop();
    await expectNothingLost(cluster, load, editors, owner, rosterId, token);

    const compactions = await Promise.all(servers.map((s) => metric(s, "roster_compactions_total")));
    const refused = stalled.map((s) => s.logs.filter((line) => /compaction failed/.test(String(line.message)) && /no longer held/.test(String(line.error))).length);
    console.info(
      `takeovers ${takeoverMs.join(", ")} ms; compactions per instance ${compactions.join("/")}; stale compactions refused ${refused.join("/")}; ${load.size} children`,
    );
    // A paused owner inside a fenced write must not hold the takeover up (PostgreSQL ends its transaction).
    for (const ms of takeoverMs) expect(ms).toBeLessThan(TAKEOVER_DEADLINE_MS);
    expect(compactions.filter((n) => n > 0).length).toBeGreaterThanOrEqual(2);

    // The store: a snapshot, then updates numbered without a gap up to the counter.
    const store = await cluster.store();
    const stored = await store.loadStored(docName);
    expect(stored.snapshot).toBeDefined();
    const seqs = stored.updates.map((u) => u.seq);
    const from = (stored.snapshot?.seq ?? 0) + 1;
    expect(seqs).toEqual(Array.from({ length: stored.lastSeq - from + 1 }, (_, i) => from + i));
    const doc = await loadStoredDoc(store, docName);
    expect(doc.getMap("children").size).toBe(load.size);
    doc.destroy();
    await store.close();
    await done(servers);
  });
});
