// Scaled mode, the owner dies between the PostgreSQL commit and the Redis publish (issue 16):
// its last batches are stored but were never relayed. The surviving instances repair the gap
// from PostgreSQL: after the takeover every client on them holds everything committed.
import { afterAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { loadStoredDoc } from "../src/rosters/stored-roster";
import { syncDocName } from "../src/sync";
import { startCluster, type TestCluster } from "./helpers/cluster";
import { metric, ownerOf } from "./helpers/cluster-probes";
import { RoamingEditor, editRandomly, expectContains, expectSameDoc, seededRandom, seenBy } from "./helpers/roaming-editors";
import { eventually } from "./helpers/wait";
import { ROSTERS, USERS, createAccounts, loginAll, type UserKey } from "./helpers/world";

const ROOM = ROSTERS.a5.id;
/** The faulty owner SIGKILLs itself after this many committed batches, before publishing the last. */
const BATCHES_BEFORE_DEATH = 40;

let cluster: TestCluster;
const editors: RoamingEditor[] = [];

afterAll(async () => {
  for (const e of editors) e.destroy();
  await cluster.close();
});

describe("the owner killed after a commit and before its publish", () => {
  it("the surviving instances read the unpublished commits from PostgreSQL and every client gets them", { timeout: 240_000 }, async () => {
    cluster = await startCluster("scaled-unpublished", { LEASE_TTL_MS: "3000" });
    const store = await cluster.store();
    await createAccounts(store);

    // The faulty instance first, and the first client on it: it claims the roster's lease.
    const faulty = await cluster.start({ FAULT_KILL_BEFORE_PUBLISH: String(BATCHES_BEFORE_DEATH) });
    const sessions = await loginAll(faulty.url, ["school", "social", "police"] satisfies UserKey[]);
    const editor = (key: "school" | "social" | "police", label: string, syncUrl: string) =>
      new RoamingEditor(label, ROOM, sessions[key]!.token, { id: sessions[key]!.id, name: USERS[key].displayName }, syncUrl);
    const onFaulty = editor("school", "school-on-faulty", faulty.syncUrl);
    editors.push(onFaulty);
    await onFaulty.whenSynced();
    const others = [await cluster.start(), await cluster.start()];
    expect(await ownerOf([faulty, ...others])).toBe(faulty);
    const survivors = others.flatMap((s, i) => [editor("social", `social-${i}`, s.syncUrl), editor("police", `police-${i}`, s.syncUrl)]);
    editors.push(...survivors);
    await Promise.all(survivors.map((e) => e.whenSynced()));

    // Everybody edits until the faulty owner dies (no roaming: each stays where it is).
    let dead = false;
    const died = faulty.exited.then((exit) => {
      dead = true;
      return exit;
    });
    const editing = editors.map((e, i) => editRandomly(e, seededRandom(7100 + i), { steps: 10_000, offlineChance: 0, syncUrls: () => [e.syncUrl], stop: () => dead }));
    expect((await died).signal).toBe("SIGKILL");
    // Its client must not bring its edits back: the store is their only copy now.
    onFaulty.detach();
    await Promise.all(editing);

    // What was committed: no other instance writes before a takeover, so this is all of it.
    const committedDoc = await loadStoredDoc(store, syncDocName("records", ROOM));
    const committed = seenBy("committed", committedDoc);
    // The gap exists: some survivor lacked a committed update when the owner died.
    const lacking = survivors.filter((e) => !Y.snapshotContainsUpdate(Y.snapshot(e.doc), committed.update));
    console.info(`unpublished: ${lacking.length} of ${survivors.length} survivors lacked committed updates at the death`);

    await eventually(() => {
      for (const e of survivors) expectContains(e.doc, committed);
    }, 30_000);
    await eventually(() => {
      for (const e of survivors.slice(1)) expectSameDoc(e.doc, survivors[0]!.doc, e.label);
    }, 30_000);
    const newOwner = await ownerOf(others);
    expect(newOwner).toBeDefined();

    // Repaired from PostgreSQL, not from anybody's memory.
    const repairs = await Promise.all(
      others.map(async (s) => (await metric(s, "roster_relay_gaps_repaired_total")) + (await metric(s, "roster_relay_updates_read_from_store_total"))),
    );
    expect(repairs.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    committedDoc.destroy();
    await store.close();
  });
});
