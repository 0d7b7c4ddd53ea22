// Scaled mode under concurrent editing (issue 16): stock WebsocketProvider clients of one
// roster, spread over three real server processes, edit at random at the same time (new
// children, field writes, offline bursts, reconnections to another instance); every client,
// a fresh client of every instance, a fresh client of an instance started cold afterwards,
// and the roster's API on every instance end with exactly the same records.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCluster, type TestCluster } from "./helpers/cluster";
import { api } from "./helpers/http";
import { RoamingEditor, editRandomly, expectSameDoc, seededRandom } from "./helpers/roaming-editors";
import { eventually } from "./helpers/wait";
import { ROSTERS, USERS, createAccounts, loginAll, type UserKey } from "./helpers/world";

let cluster: TestCluster;
const editors: RoamingEditor[] = [];
const EDITING: readonly UserKey[] = ["school", "social", "police", "hamlet"];
/** Two clients per account, 40 steps each: about 350 edits in all (offline bursts add some). */
const CLIENTS_PER_USER = 2;
const STEPS = 40;

beforeAll(async () => {
  cluster = await startCluster("scaled-convergence");
  const store = await cluster.store();
  await createAccounts(store);
  await store.close();
}, 120_000);

afterAll(async () => {
  for (const e of editors) e.destroy();
  await cluster.close();
});

/** The children as the API lists them, without what it derives (status, findings): sorted by id. */
function plainChildren(list: readonly Record<string, unknown>[]): Record<string, unknown>[] {
  return list.map(({ status: _s, fingerprint: _f, findings: _x, ...child }) => child).sort((a, b) => String(a.id).localeCompare(String(b.id)));
}

describe("random concurrent edits on every instance", () => {
  it("converge on every client, on fresh clients of every instance, on a cold instance and in the API", { timeout: 240_000 }, async () => {
    const servers = await Promise.all([cluster.start(), cluster.start(), cluster.start()]);
    const sessions = await loginAll(servers[0]!.url, EDITING);
    const room = ROSTERS.a5.id;
    EDITING.forEach((key, u) => {
      for (let k = 0; k < CLIENTS_PER_USER; k += 1) {
        const i = u * CLIENTS_PER_USER + k;
        const session = sessions[key]!;
        const actor = { id: session.id, name: USERS[key].displayName };
        editors.push(new RoamingEditor(`${key}${k}`, room, session.token, actor, servers[i % servers.length]!.syncUrl));
      }
    });
    await Promise.all(editors.map((e) => e.whenSynced()));

    const urls = servers.map((s) => s.syncUrl);
    await Promise.all(editors.map((e, i) => editRandomly(e, seededRandom(1600 + i), { steps: STEPS, syncUrls: () => urls })));
    const edits = editors.reduce((n, e) => n + e.edits, 0);
    expect(edits).toBeGreaterThanOrEqual(editors.length * STEPS);
    // Every editor ended connected somewhere, and at least one roamed to another instance.
    await Promise.all(editors.map((e) => e.whenSynced()));

    const reference = editors[0]!;
    await eventually(() => {
      for (const e of editors.slice(1)) expectSameDoc(e.doc, reference.doc, e.label);
    }, 60_000);
    const children = reference.records.listChildren();
    expect(children.length).toBeGreaterThan(10);

    // A fresh client on each instance, and on a fourth one started now from PostgreSQL alone.
    const cold = await cluster.start();
    const { token } = sessions.police!;
    const fresh = [...servers, cold].map((s, i) => new RoamingEditor(`fresh${i}`, room, token, { id: "", name: "" }, s.syncUrl));
    editors.push(...fresh);
    await Promise.all(fresh.map((f) => f.whenSynced()));
    await eventually(() => {
      for (const f of fresh) expectSameDoc(f.doc, reference.doc, `${f.label} on ${f.syncUrl}`);
    }, 30_000);

    // The API of the roster, from every instance (forwarded to its owner), lists the same children.
    const expected = plainChildren(children as unknown as Record<string, unknown>[]);
    for (const server of [...servers, cold]) {
      const answer = await api(server.url, `/api/rosters/${room}/children`, { token });
      expect(answer.status, answer.text).toBe(200);
      expect(plainChildren(answer.body as Record<string, unknown>[]), server.url).toEqual(expected);
    }
  });
});
