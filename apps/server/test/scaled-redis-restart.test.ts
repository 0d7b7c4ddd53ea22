// Scaled mode, Redis dies and comes back empty while clients edit (issue 16; DESIGN: "Redis
// may restart, lose everything or drop a message and nothing is lost"). Meanwhile a replica
// cannot forward its clients' updates to the owner (refused); once Redis is back their next
// edits reach the owner, which holds their new values pending (their clocks follow the lost
// ones). The replica must see that what its clients sent is not all committed and ask them
// again: everybody converges without anyone reconnecting.
import { afterAll, describe, expect, it } from "vitest";
import { loadStoredDoc } from "../src/rosters/stored-roster";
import { syncDocName } from "../src/sync";
import { startCluster, type TestCluster } from "./helpers/cluster";
import { health, ownerOf } from "./helpers/cluster-probes";
import { startPrivateRedis, type PrivateRedis } from "./helpers/private-redis";
import { RoamingEditor, editRandomly, expectContains, expectSameDoc, seededRandom, seenBy } from "./helpers/roaming-editors";
import { eventually } from "./helpers/wait";
import { ROSTERS, USERS, createAccounts, loginAll, type UserKey } from "./helpers/world";

const ROOM = ROSTERS.a5.id;
const EDITING: readonly UserKey[] = ["school", "social", "police"];

let redis: PrivateRedis | undefined;
let cluster: TestCluster | undefined;
const editors: RoamingEditor[] = [];

afterAll(async () => {
  for (const e of editors) e.destroy();
  await cluster?.close();
  await redis?.close();
});

describe("Redis restarted while clients edit", () => {
  it("the updates a replica could not forward are asked again; every client and the store converge", { timeout: 180_000 }, async () => {
    redis = await startPrivateRedis();
    cluster = await startCluster("scaled-redis-restart", { REDIS_URL: redis.url });
    const store = await cluster.store();
    await createAccounts(store);
    const [owner, replica] = [await cluster.start(), await cluster.start()];
    const sessions = await loginAll(owner.url, EDITING);
    const editor = (key: UserKey, url: string) => {
      const session = sessions[key]!;
      const e = new RoamingEditor(`${key}@${url === owner.syncUrl ? "owner" : "replica"}`, ROOM, session.token, { id: session.id, name: USERS[key].displayName }, url);
      editors.push(e);
      return e;
    };
    const onOwner = editor("school", owner.syncUrl);
    await onOwner.whenSynced();
    expect(await ownerOf([owner, replica])).toBe(owner);
    const onReplica = [editor("social", replica.syncUrl), editor("police", replica.syncUrl)];
    await Promise.all(onReplica.map((e) => e.whenSynced()));
    const steps = (seed: number) => Promise.all(editors.map((e, i) => editRandomly(e, seededRandom(seed + i), { steps: 12, offlineChance: 0, syncUrls: () => [e.syncUrl] })));

    await steps(5100);
    await eventually(() => {
      for (const e of editors.slice(1)) expectSameDoc(e.doc, onOwner.doc, e.label);
    }, 30_000);

    // Redis down: the replica's forwards are refused, the owner's publishes too.
    await redis.kill();
    await eventually(async () => expect((await health(replica)).ok).not.toBe(true), 15_000);
    await steps(5200);
    await redis.restart();
    await eventually(async () => {
      for (const s of [owner, replica]) expect((await health(s)).ok).toBe(true);
    }, 30_000);
    // Back: edits (overwrites, whose deletions apply at once) reach the owner again.
    await steps(5300);

    await eventually(() => {
      for (const e of editors.slice(1)) expectSameDoc(e.doc, onOwner.doc, e.label);
    }, 30_000);
    const stored = await loadStoredDoc(store, syncDocName("records", ROOM));
    for (const e of editors) expectContains(stored, seenBy(e.label, e.doc));
    stored.destroy();
    await store.close();
  });
});
