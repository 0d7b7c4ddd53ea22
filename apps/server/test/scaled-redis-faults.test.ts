// Scaled mode, Redis failing under edits (DESIGN "Guarantees of the scaled mode": Redis only
// carries copies; it may restart, lose everything or drop a message and nothing is lost).
// Real server processes, stock clients editing on every instance while the relay connections
// are killed, Redis is flushed, and Redis is SIGKILLed and restarted.
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from "vitest";
import { TEST_REDIS_URL, startCluster, type TestCluster } from "./helpers/cluster";
import { expectNothingLost, expectRelayed } from "./helpers/cluster-checks";
import { healthz, instanceName, killRelayConnections, metric, printTroubles } from "./helpers/cluster-probes";
import { EditLoad } from "./helpers/edit-load";
import { login } from "./helpers/http";
import { startPrivateRedis, type PrivateRedis } from "./helpers/private-redis";
import { killAll, type ServerProcess } from "./helpers/server-process";
import { connectClient, sleep, whenSynced, type Editor, type SyncClient } from "./helpers/sync-clients";
import { eventually } from "./helpers/wait";
import { PASSWORD, ROSTERS, USERS, createAccounts } from "./helpers/world";

/**
 * Long leases, so a replica's periodic catch-up from the store (every third of the lease,
 * 10 s here) cannot pass for the relay: an edit seen sooner than FORWARD_CONFIRM_MS (3 s,
 * when a replica asks its client again) travelled over the bus both ways.
 */
const SLOW_TICKS = { LEASE_TTL_MS: "30000" };
const RELAY_BOUND_MS = 3_000;

let cluster: TestCluster;
const clients: SyncClient[] = [];
const redisServers: PrivateRedis[] = [];

beforeAll(async () => {
  cluster = await startCluster("redis-faults", SLOW_TICKS);
  const store = await cluster.store();
  await createAccounts(store);
  await store.close();
}, 120_000);

afterAll(async () => {
  for (const c of clients) c.destroy();
  await cluster.close();
  for (const redis of redisServers) await redis.close();
});

function client(server: ServerProcess, rosterId: string, token: string): SyncClient {
  const c = connectClient(server.syncUrl, rosterId, token);
  clients.push(c);
  return c;
}

/**
 * Three instances on `redisUrl` and a client of `rosterId` on each; the first instance owns
 * the roster (its client opened it first).
 */
async function threeInstances(rosterId: string, redisUrl: string): Promise<{ servers: ServerProcess[]; editors: SyncClient[]; token: string; editor: Editor }> {
  const servers = await Promise.all([0, 1, 2].map(() => cluster.start({ REDIS_URL: redisUrl })));
  const session = await login(servers[0]!.url, USERS.school.username, PASSWORD);
  const first = client(servers[0]!, rosterId, session.token);
  await whenSynced(first, 15_000);
  await eventually(async () => expect((await healthz(servers[0]!)).ownedRosters).toBe(1), 15_000);
  const others = servers.slice(1).map((s) => client(s, rosterId, session.token));
  await Promise.all(others.map((c) => whenSynced(c, 15_000)));
  onTestFailed(() => printTroubles(servers));
  return { servers, editors: [first, ...others], token: session.token, editor: { id: session.user.id, name: USERS.school.displayName } };
}

describe("the relay's Redis connections killed during edits", () => {
  it("nothing is lost, every instance reconnects, and edits travel over the bus again", { timeout: 240_000 }, async () => {
    const rosterId = ROSTERS.a5.id;
    const { servers, editors, token, editor } = await threeInstances(rosterId, TEST_REDIS_URL);
    const [owner, replicaA, replicaB] = servers as [ServerProcess, ServerProcess, ServerProcess];
    const names = await Promise.all(servers.map(instanceName));
    const reconnectsBefore = await Promise.all(servers.map((s) => metric(s, "roster_relay_reconnects_total")));

    const load = new EditLoad(editor);
    editors.forEach((c, i) => load.add(c, `Trẻ ${i}`));
    load.start(100);
    await sleep(1_000);
    // The owner and one replica first, then all three; edits go on throughout.
    await Promise.all(names.slice(0, 2).map((name) => killRelayConnections(TEST_REDIS_URL, name)));
    await sleep(1_500);
    await Promise.all(names.map((name) => killRelayConnections(TEST_REDIS_URL, name)));
    await sleep(1_500);
    load.stop();

    await eventually(async () => {
      for (const [i, server] of servers.entries()) {
        expect(await metric(server, "roster_relay_reconnects_total"), `instance ${i}`).toBeGreaterThanOrEqual(reconnectsBefore[i]! + 1);
        expect((await healthz(server)).status).toBe(200);
      }
    }, 20_000);
    expect(load.size).toBeGreaterThan(30);
    await expectNothingLost(cluster, load, editors, replicaB, rosterId, token);

    // A replica's edit goes to the owner (forwarded) and back to the other replica (committed).
    const forwardedMs = await expectRelayed(editors[1]!, editors[2]!, replicaB, RELAY_BOUND_MS, "Sau khi nối lại 1");
    // The owner's edit reaches a replica whose connections were killed twice.
    const committedMs = await expectRelayed(editors[0]!, editors[1]!, replicaA, RELAY_BOUND_MS, "Sau khi nối lại 2");
    console.info(`relay after CLIENT KILL: replica→owner→replica ${Math.round(forwardedMs)} ms, owner→replica ${Math.round(committedMs)} ms; ${load.size} children`);
    expect((await healthz(owner)).ownedRosters).toBe(1);
    for (const c of clients.splice(0)) c.destroy();
    await killAll(servers);
  });
});

describe("a private Redis flushed, then SIGKILLed and restarted, during edits", () => {
  it("nothing is lost, /healthz says relay_down while Redis is down and ok after, relays resume", { timeout: 240_000 }, async () => {
    const redis = await startPrivateRedis();
    redisServers.push(redis);
    const rosterId = ROSTERS.a7.id;
    const { servers, editors, token, editor } = await threeInstances(rosterId, redis.url);
    const [owner, replicaA, replicaB] = servers as [ServerProcess, ServerProcess, ServerProcess];
    const load = new EditLoad(editor);
    editors.forEach((c, i) => load.add(c, `Em ${i}`));
    load.start(100);
    await sleep(1_000);

    // FLUSHALL: pub/sub holds no data; the instances must not notice.
    const raw = new Redis(redis.url, { maxRetriesPerRequest: 1 });
    raw.on("error", () => undefined);
    expect(await raw.flushall()).toBe("OK");
    raw.disconnect();
    await sleep(1_000);
    for (const server of servers) expect((await healthz(server)).status).toBe(200);
    const afterFlushMs = await expectRelayed(editors[1]!, editors[2]!, replicaB, RELAY_BOUND_MS, "Sau khi xóa Redis");
    const reconnectsBefore = await Promise.all(servers.map((s) => metric(s, "roster_relay_reconnects_total")));

    // SIGKILL: every instance says so on /healthz while Redis is down; edits go on.
    await redis.kill();
    const down = await eventually(async () => {
      const health = await healthz(replicaA);
      expect(health.status).toBe(503);
      return health;
    }, 15_000);
    expect(down.code).toBe("relay_down");
    await sleep(2_000);
    for (const server of servers) expect(await healthz(server)).toMatchObject({ status: 503, code: "relay_down" });
    await redis.restart();
    await eventually(async () => {
      for (const [i, server] of servers.entries()) {
        expect((await healthz(server)).status, `instance ${i}`).toBe(200);
        expect(await metric(server, "roster_relay_reconnects_total"), `instance ${i}`).toBeGreaterThanOrEqual(reconnectsBefore[i]! + 1);
      }
    }, 20_000);
    await sleep(1_000);
    load.stop();

    expect(load.size).toBeGreaterThan(30);
    await expectNothingLost(cluster, load, editors, replicaA, rosterId, token);
    const forwardedMs = await expectRelayed(editors[1]!, editors[2]!, replicaB, RELAY_BOUND_MS, "Sau khi Redis chạy lại 1");
    const committedMs = await expectRelayed(editors[0]!, editors[1]!, replicaA, RELAY_BOUND_MS, "Sau khi Redis chạy lại 2");
    console.info(
      `relay after FLUSHALL ${Math.round(afterFlushMs)} ms; after the restart: replica→owner→replica ${Math.round(forwardedMs)} ms, owner→replica ${Math.round(committedMs)} ms; ${load.size} children`,
    );
    expect((await healthz(owner)).ownedRosters).toBe(1);
    for (const c of clients.splice(0)) c.destroy();
    await killAll(servers);
  });
});
