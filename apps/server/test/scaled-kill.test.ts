// Scaled mode, an instance SIGKILLed while clients on every instance edit (issue 16): nothing
// any surviving client had seen at the moment of the kill is lost, the killed instance's
// clients reconnect to another instance (as a reverse proxy without sticky sessions sends
// them) and carry on, and everybody converges. Run for the roster's owner and for a replica.
import { afterEach, describe, expect, it } from "vitest";
import { startCluster, type TestCluster } from "./helpers/cluster";
import { metric, ownerOf } from "./helpers/cluster-probes";
import { RoamingEditor, editRandomly, expectContains, expectSameDoc, seededRandom, seenBy, type Seen } from "./helpers/roaming-editors";
import type { ServerProcess } from "./helpers/server-process";
import { eventually } from "./helpers/wait";
import { ROSTERS, USERS, createAccounts, loginAll, type UserKey } from "./helpers/world";

const EDITING: readonly UserKey[] = ["school", "social", "police", "hamlet"];
const ROOM = ROSTERS.a5.id;
const LEASE_TTL_MS = 3_000;

let cluster: TestCluster | undefined;
const editors: RoamingEditor[] = [];

afterEach(async () => {
  for (const e of editors.splice(0)) e.destroy();
  await cluster?.close();
  cluster = undefined;
});

async function killWhileEditing(name: string, victimOf: (servers: ServerProcess[], owner: ServerProcess) => ServerProcess, seed: number) {
  cluster = await startCluster(name, { LEASE_TTL_MS: String(LEASE_TTL_MS) });
  const store = await cluster.store();
  await createAccounts(store);
  const servers = [await cluster.start(), await cluster.start(), await cluster.start()];
  const sessions = await loginAll(servers[0]!.url, EDITING);
  for (let i = 0; i < 6; i += 1) {
    const key = EDITING[i % EDITING.length]!;
    const session = sessions[key]!;
    editors.push(new RoamingEditor(`${key}${i}`, ROOM, session.token, { id: session.id, name: USERS[key].displayName }, servers[i % 3]!.syncUrl));
  }
  await Promise.all(editors.map((e) => e.whenSynced()));
  const owner = await eventually(async () => {
    const found = await ownerOf(servers);
    if (!found) throw new Error("nobody owns the roster yet");
    return found;
  }, 15_000);
  const victim = victimOf(servers, owner);
  // Everybody edits, going offline now and then; each comes back to its own instance until
  // the kill (so the victim has clients), to any surviving one after. The victim's clients
  // stop at the kill (their instance is gone).
  let killed = false;
  const alive = () => servers.filter((s) => s !== victim).map((s) => s.syncUrl);
  const onVictim = (e: RoamingEditor) => e.syncUrl === victim.syncUrl;
  const editing = editors.map((e, i) =>
    editRandomly(e, seededRandom(seed + i), {
      steps: 60,
      offlineChance: 0.03,
      syncUrls: () => (killed ? alive() : [e.syncUrl]),
      stop: () => killed && onVictim(e),
    }),
  );
  await eventually(() => expect(editors.every((e) => e.edits >= 15)).toBe(true), 30_000);

  // The kill, and in the same turn what every client holds: survivors' views are the
  // reference (whatever they had received must survive); victims' are their own work.
  victim.child.kill("SIGKILL");
  killed = true;
  const killedAt = Date.now();
  const victims = editors.filter(onVictim);
  const survivors = editors.filter((e) => !onVictim(e));
  const survivorsSaw: Seen[] = survivors.map((e) => seenBy(`${e.label} at the kill`, e.doc));
  const victimsHeld: Seen[] = victims.map((e) => seenBy(`${e.label} at the kill`, e.doc));
  expect(victims.length).toBeGreaterThan(0);
  await victim.exited;

  // Before any victim client comes back (it would send its edits again and hide a loss): a
  // fresh client of a surviving instance holds everything the survivors had seen.
  const others = servers.filter((s) => s !== victim);
  const { token } = sessions.police!;
  const checker = new RoamingEditor("fresh-after-kill", ROOM, token, { id: "", name: "" }, others[0]!.syncUrl);
  editors.push(checker);
  await checker.whenSynced();
  await eventually(() => {
    for (const seen of survivorsSaw) expectContains(checker.doc, seen);
  }, 30_000);
  const coveredAfterMs = Date.now() - killedAt;

  // The victim's clients reconnect to the surviving instances and carry on.
  await Promise.all(editing);
  victims.forEach((e, i) => e.moveTo(others[i % others.length]!.syncUrl));
  await Promise.all(editors.map((e) => e.whenSynced()));
  await Promise.all(victims.map((e, i) => editRandomly(e, seededRandom(seed + 100 + i), { steps: 10, offlineChance: 0, syncUrls: alive })));

  const newOwner = await eventually(async () => {
    const found = await ownerOf(others);
    if (!found) throw new Error("nobody owns the roster yet");
    return found;
  }, 20_000);
  const reference = survivors[0]!;
  await eventually(() => {
    for (const e of editors) if (e !== reference) expectSameDoc(e.doc, reference.doc, e.label);
  }, 60_000);
  for (const held of [...survivorsSaw, ...victimsHeld]) expectContains(reference.doc, held);

  // A fresh client of each surviving instance sees the same.
  const fresh = others.map((s, i) => new RoamingEditor(`fresh${i}`, ROOM, token, { id: "", name: "" }, s.syncUrl));
  editors.push(...fresh);
  await eventually(() => {
    for (const f of fresh) expectSameDoc(f.doc, reference.doc, f.label);
  }, 30_000);
  await store.close();
  return { owner, victim, newOwner, coveredAfterMs, takeovers: await metric(newOwner, "roster_lease_takeovers_total") };
}

describe("an instance killed with SIGKILL while clients on every instance edit", () => {
  it("the roster's owner: a survivor takes over, nothing a survivor had seen is lost, its clients carry on elsewhere", { timeout: 240_000 }, async () => {
    const run = await killWhileEditing("scaled-kill-owner", (_servers, owner) => owner, 4200);
    expect(run.victim).toBe(run.owner);
    expect(run.newOwner).not.toBe(run.owner);
    expect(run.takeovers).toBeGreaterThanOrEqual(1);
    console.info(`owner killed: survivors' views covered after ${run.coveredAfterMs} ms`);
  });

  it("a replica: the owner keeps the roster, nothing a survivor had seen is lost, its clients carry on elsewhere", { timeout: 240_000 }, async () => {
    const run = await killWhileEditing("scaled-kill-replica", (servers, owner) => servers.find((s) => s !== owner)!, 4300);
    expect(run.victim).not.toBe(run.owner);
    expect(run.newOwner).toBe(run.owner);
    console.info(`replica killed: survivors' views covered after ${run.coveredAfterMs} ms`);
  });
});
