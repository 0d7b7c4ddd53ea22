// Scaled mode, first light: three real server processes on one PostgreSQL database and one
// Redis prefix; stock WebsocketProvider clients on each; edits converge; the API of a roster
// answers the same on every instance (forwarded to its owner).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCluster, type TestCluster } from "./helpers/cluster";
import { aChildWithoutPid } from "./helpers/fixtures";
import { api, login } from "./helpers/http";
import { connectClient, whenSynced, type SyncClient } from "./helpers/sync-clients";
import { eventually } from "./helpers/wait";
import { PASSWORD, ROSTERS, USERS, createAccounts } from "./helpers/world";

let cluster: TestCluster;
const clients: SyncClient[] = [];

beforeAll(async () => {
  cluster = await startCluster("scaled-smoke");
  const store = await cluster.store();
  await createAccounts(store);
  await store.close();
}, 120_000);

afterAll(async () => {
  for (const c of clients) c.destroy();
  await cluster.close();
});

describe("three instances", () => {
  it("clients on every instance converge and the roster's API answers alike everywhere", { timeout: 120_000 }, async () => {
    const servers = await Promise.all([cluster.start(), cluster.start(), cluster.start()]);
    const token = (await login(servers[1]!.url, USERS.school.username, PASSWORD)).token;
    for (const server of servers) clients.push(connectClient(server.syncUrl, ROSTERS.a5.id, token));
    await Promise.all(clients.map((c) => whenSynced(c, 15_000)));
    const ids = clients.map((c, i) => c.records().createChild(aChildWithoutPid({ fullName: `Trẻ ${i}` })));
    await eventually(() => {
      for (const c of clients) for (const id of ids) expect(c.records().getChild(id)).toBeDefined();
    }, 15_000);
    for (const server of servers) {
      const answer = await api(server.url, `/api/rosters/${ROSTERS.a5.id}/children`, { token });
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      expect((answer.body as unknown[]).length).toBe(3);
    }
    const health = await Promise.all(servers.map(async (s) => (await fetch(`${s.url}/healthz`)).json() as Promise<{ ok: boolean; ownedRosters: number }>));
    expect(health.map((h) => h.ok)).toEqual([true, true, true]);
    expect(health.reduce((n, h) => n + h.ownedRosters, 0)).toBe(1);
  });
});
