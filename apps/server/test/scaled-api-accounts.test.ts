// Scaled mode, what agencies meet on whichever instance the proxy sends them to: three real
// server processes on one PostgreSQL database and one Redis prefix, stock WebsocketProvider
// clients on each. The API of a roster answers the same on every instance (forwarded to its
// owner), and an account change made on one instance reaches the sockets on all of them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PostgresStore } from "../src/storage/postgres-store";
import { startWorldCluster, type TestCluster } from "./helpers/cluster";
import { aChildWithoutPid, aCleanChild, aMother } from "./helpers/fixtures";
import { api, login } from "./helpers/http";
import { nextClose } from "./helpers/accounts";
import { whenSynced } from "./helpers/sync-clients";
import { eventually } from "./helpers/wait";
import { PASSWORD, ROSTERS, USERS, type UserKey } from "./helpers/world";

let cluster: TestCluster;
let userIds: Record<UserKey, string>;

beforeAll(async () => {
  ({ cluster, userIds: userIds } = await startWorldCluster("scaled-api"));
}, 120_000);

afterAll(async () => {
  await cluster.close();
});

describe("three instances", () => {
  it("clients on every instance converge and the roster's API answers alike everywhere", { timeout: 120_000 }, async () => {
    const servers = await Promise.all([cluster.start(), cluster.start(), cluster.start()]);
    const token = (await login(servers[1]!.url, USERS.school.username, PASSWORD)).token;
    const clients = servers.map((server) => cluster.client(server, ROSTERS.a5.id, token));
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
    // The commune's progress reads every roster, owned here or elsewhere: the same everywhere.
    const admin = (await login(servers[2]!.url, USERS.admin.username, PASSWORD)).token;
    const totals = [];
    for (const server of servers) {
      const answer = await api(server.url, "/api/progress", { token: admin });
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      totals.push((answer.body as { total: unknown }).total);
    }
    expect(totals[0]).toMatchObject({ children: 3 });
    expect(totals[1]).toEqual(totals[0]);
    expect(totals[2]).toEqual(totals[0]);
    // An instance that does not own the roster remembers what it read, until the roster changes.
    const added = clients[0]!.records().createChild(aChildWithoutPid({ fullName: "Trẻ thứ tư" }));
    await eventually(() => {
      for (const c of clients) expect(c.records().getChild(added)).toBeDefined();
    }, 15_000);
    for (const server of servers) {
      await eventually(async () => {
        const answer = await api(server.url, "/api/progress", { token: admin });
        expect((answer.body as { total: { children: number } }).total.children).toBe(4);
      }, 15_000);
    }
    // The review document's meta is written by the owner, whichever instance its readers are on.
    const reviewers = servers.map((server) => cluster.client(server, `${ROSTERS.a5.id}/review`, token));
    await eventually(() => {
      for (const reviewer of reviewers) expect(reviewer.review().meta()).toMatchObject({ rosterId: ROSTERS.a5.id, name: ROSTERS.a5.name });
    }, 15_000);
    const health = await Promise.all(servers.map(async (s) => (await fetch(`${s.url}/healthz`)).json() as Promise<{ ok: boolean; ownedRosters: number }>));
    expect(health.map((h) => h.ok)).toEqual([true, true, true]);
    expect(health.reduce((n, h) => n + h.ownedRosters, 0)).toBe(1);
  });

  it("an account change on one instance closes the user's sockets on every instance", { timeout: 120_000 }, async () => {
    const servers = cluster.instances.filter((p) => p.child.exitCode === null).slice(0, 3);
    expect(servers).toHaveLength(3);
    const [first, second, third] = servers as [(typeof servers)[0], (typeof servers)[0], (typeof servers)[0]];
    // A session ended (logout on the first instance): its sockets on the other two close with 4401.
    const social = await login(first.url, USERS.social.username, PASSWORD);
    const other = await login(second.url, USERS.social.username, PASSWORD);
    const onSecond = cluster.client(second, ROSTERS.a5.id, social.token);
    const onThird = cluster.client(third, ROSTERS.a7.id, social.token);
    const otherSession = cluster.client(third, ROSTERS.a5.id, other.token);
    await Promise.all([onSecond, onThird, otherSession].map((c) => whenSynced(c, 15_000)));
    const at = performance.now();
    const closes = [nextClose(onSecond, () => at, 15_000), nextClose(onThird, () => at, 15_000)];
    expect((await api(first.url, "/api/logout", { method: "POST", token: social.token })).status).toBe(200);
    expect((await Promise.all(closes)).map((c) => c.code)).toEqual([4401, 4401]);
    // The user's other session is untouched...
    expect(otherSession.provider.wsconnected).toBe(true);
    // ...until an admin on the third instance disables the user: closed on the second's peer too.
    const admin = await login(third.url, USERS.admin.username, PASSWORD);
    const closed = nextClose(otherSession, () => performance.now(), 15_000);
    const patched = await api(third.url, `/api/users/${userIds.social}`, { method: "PATCH", token: admin.token, body: { disabled: true } });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect((await closed).code).toBe(4401);
  });

  it("an owner serving only a roster's review readers takes the records edits of the other instances", { timeout: 120_000 }, async () => {
    const [first, second] = cluster.instances.filter((p) => p.child.exitCode === null) as [TestCluster["instances"][0], TestCluster["instances"][0]];
    const token = (await login(first.url, USERS.police.username, PASSWORD)).token;
    // The first instance owns roster a7 through a review reader only.
    const reader = cluster.client(first, `${ROSTERS.a7.id}/review`, token);
    await whenSynced(reader, 15_000);
    const owned = async (url: string) => ((await (await fetch(`${url}/healthz`)).json()) as { ownedRosters: number }).ownedRosters;
    const before = await owned(first.url);
    // The records editors are all on the second instance: a replica that forwards their edits.
    const editor = cluster.client(second, ROSTERS.a7.id, token);
    const witness = cluster.client(second, ROSTERS.a7.id, token);
    await Promise.all([whenSynced(editor, 15_000), whenSynced(witness, 15_000)]);
    const id = editor.records().createChild(aChildWithoutPid({ fullName: "Quàng Thị Mai" }));
    await eventually(() => expect(witness.records().getChild(id)?.fullName).toBe("Quàng Thị Mai"), 15_000);
    // Committed by the owner: the API (served by the owner) lists it, and its mark reaches the reader.
    const listed = await api(second.url, `/api/rosters/${ROSTERS.a7.id}/children`, { token });
    expect((listed.body as { id: string }[]).map((c) => c.id)).toContain(id);
    await eventually(() => expect(reader.review().marks().get(id)).toBeDefined(), 15_000);
    expect(await owned(first.url)).toBe(before);
  });

  it("a rolling restart: an instance stopped with SIGTERM hands its rosters over at once, nothing lost", { timeout: 120_000 }, async () => {
    // Leases far longer than the test waits: only a release lets another instance take over.
    const slow = { LEASE_TTL_MS: "45000" };
    const leaving = await cluster.start(slow);
    const staying = await cluster.start(slow);
    const token = (await login(staying.url, USERS.bSchool.username, PASSWORD)).token;
    const onLeaving = cluster.client(leaving, ROSTERS.b2.id, token);
    await whenSynced(onLeaving, 15_000);
    const onStaying = cluster.client(staying, ROSTERS.b2.id, token);
    await whenSynced(onStaying, 15_000);
    const owned = async (url: string) => ((await (await fetch(`${url}/healthz`)).json()) as { ownedRosters: number }).ownedRosters;
    expect(await owned(leaving.url)).toBe(1);
    const before = onLeaving.records().createChild(aChildWithoutPid({ fullName: "Trước khi dừng" }));
    await eventually(() => expect(onStaying.records().getChild(before)).toBeDefined(), 15_000);

    leaving.child.kill("SIGTERM");
    expect((await leaving.exited).code).toBe(0);
    // The roster's API on the staying instance: served there at once (the lease was released).
    const answer = await api(staying.url, `/api/rosters/${ROSTERS.b2.id}/children`, { token });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect((answer.body as { id: string }[]).map((c) => c.id)).toContain(before);
    expect(await owned(staying.url)).toBe(1);
    // Its clients carry on (they came back after 1012, as the staying one does).
    await whenSynced(onStaying, 15_000);
    const after = onStaying.records().createChild(aChildWithoutPid({ fullName: "Sau khi dừng" }));
    await eventually(async () => {
      const listed = await api(staying.url, `/api/rosters/${ROSTERS.b2.id}/children`, { token });
      expect((listed.body as { id: string }[]).map((c) => c.id)).toEqual(expect.arrayContaining([before, after]));
    }, 15_000);
  });

  it("the police verify a child through an instance that does not own the roster: the owner stamps it, every instance shows it", { timeout: 120_000 }, async () => {
    const alive = [await cluster.start(), await cluster.start()];
    const police = (await login(alive[0]!.url, USERS.police.username, PASSWORD)).token;
    const editor = cluster.client(alive[0]!, ROSTERS.a5.id, police);
    await whenSynced(editor, 15_000);
    // A clean child: its mother (a valid representative) first, then the child linked to her.
    const { id: _mother, ...mother } = aMother();
    const motherId = editor.records().createGuardian(mother);
    const { id: _child, ...fields } = aCleanChild({ fullName: "Lường Văn Sáng", motherId, pid: "001215012345" });
    const id = editor.records().createChild(fields);
    // The owner, from its lease; the request goes to another instance.
    const store = await cluster.store();
    if (!(store instanceof PostgresStore)) throw new Error("the cluster's store is PostgreSQL");
    const owner = await store.leases.holder(`roster:${ROSTERS.a5.id}`);
    const elsewhere = alive.find((p) => p.url !== owner?.url)!;
    expect(owner?.url).toBeTruthy();
    expect(elsewhere.url).not.toBe(owner?.url);
    const child = await eventually(async () => {
      const listed = await api(elsewhere.url, `/api/rosters/${ROSTERS.a5.id}/children`, { token: police });
      const found = (listed.body as { id: string; status: string; fingerprint?: string }[]).find((c) => c.id === id);
      expect(found?.status).toBe("clean");
      return found!;
    }, 15_000);
    const stamped = await api(elsewhere.url, `/api/rosters/${ROSTERS.a5.id}/children/${id}/verify`, { method: "POST", token: police, body: { fingerprint: child.fingerprint } });
    expect(stamped.status, JSON.stringify(stamped.body)).toBe(200);
    const readers = alive.map((server) => cluster.client(server, `${ROSTERS.a5.id}/review`, police));
    await eventually(() => {
      for (const reader of readers) expect(reader.review().mark(id)?.status).toBe("verified");
    }, 15_000);
  });
});
