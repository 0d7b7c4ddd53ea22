// The owner of a roster (the one process that builds its document) derives the marks and
// the audit from the updates it applies, in order. Whether an update reaches a document
// already built (the inline path) or arrives before the build and waits for it (the path of
// a roster opened from its stored bytes), the audit and the marks come out the same; and
// building the document again from what is stored changes neither (re-running is a no-op).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RosterRecords } from "@roster/doc";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { addCommune, addRoster } from "../accounts/accounts";
import { createLogger } from "../observability/logger";
import { SqliteStore } from "../storage/sqlite-store";
import type { Store } from "../storage/store";
import { encodeSyncStep1, encodeUpdate } from "../sync/protocol";
import { FakeSocket, flush } from "../sync/test-doubles";
import { RosterHub } from "./roster-hub";

const ROSTER = { id: "ban-hua-tat", name: "Bản Hua Tát", commune: "04060" };
const NOW = new Date("2026-12-05T03:00:00.000Z");
const USERS = [
  { id: "u-school", username: "co.hanh", displayName: "Cô Vũ Thị Hạnh" },
  { id: "u-hamlet", username: "ong.binh", displayName: "Ông Đỗ Văn Bình" },
];

/** A recorded session: who sent which update, in the order the server received them. */
type Recording = { user: number; update: Uint8Array }[];

/** Two phones editing one roster, in a seeded order; each update as the stock client sends it. */
function record(seed: number): Recording {
  let state = seed;
  const next = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const phones = USERS.map(() => new Y.Doc());
  const recording: Recording = [];
  phones.forEach((phone, user) =>
    phone.on("update", (update: Uint8Array, origin: unknown) => {
      if (origin !== "sync") recording.push({ user, update });
    }),
  );
  const sync = () => {
    for (const [i, a] of phones.entries()) for (const b of phones.slice(i + 1)) {
      Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)), "sync");
      Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)), "sync");
    }
  };
  for (let step = 0; step < 60; step += 1) {
    const user = Math.floor(next() * phones.length);
    const records = new RosterRecords(phones[user] as Y.Doc);
    const actor = { id: USERS[user]?.id as string, name: USERS[user]?.displayName as string };
    const known = records.listChildren().map((child) => child.id);
    if (known.length === 0 || next() < 0.2) {
      records.createChild({ fullName: `Lò Văn Số ${step}`, dob: "2016-03-0" + (1 + (step % 9)), gender: "male", ethnicity: "03" });
    } else {
      const id = known[Math.floor(next() * known.length)] as string;
      const roll = next();
      if (roll < 0.4) records.updateChild(id, { pid: next() < 0.5 ? "001216004321" : "0012160043" }, actor);
      else if (roll < 0.7) records.updateChild(id, { residenceType: next() < 0.5 ? "permanent" : "none", birthRegisteredOn: "2016-04-01" }, actor);
      else records.updateChild(id, { note: `ghi chú ${step}` }, actor);
    }
    records.destroy();
    // Now and then the phones meet (through some earlier server), so later edits build on others'.
    if (next() < 0.3) sync();
  }
  return recording;
}

async function openHub(dir: string): Promise<{ store: Store; hub: RosterHub }> {
  const store = SqliteStore.open(dir);
  if (!(await store.getCommune(ROSTER.commune))) {
    await addCommune(store, ROSTER.commune, "Xã Chiềng Pấc");
    await addRoster(store, ROSTER.commune, ROSTER.id, ROSTER.name);
  }
  const hub = new RosterHub({ store, logger: createLogger("silent"), idleUnloadMs: 60_000, compactEvery: 1000, markDebounceMs: 0, now: () => NOW, buildDelayMs: 60_000 });
  return { store, hub };
}

/** Sends the recording over sync connections of its users; `prebuilt` builds the documents first. */
async function play(dir: string, recording: Recording, prebuilt: boolean) {
  const { store, hub } = await openHub(dir);
  const roster = hub.roster(ROSTER);
  if (prebuilt) await roster.records();
  const connections = await Promise.all(
    USERS.map((user) =>
      roster.connect("records", new FakeSocket(), {
        readOnly: false,
        context: { user, role: "school" },
        maxMessageBytes: 1 << 24,
        rateLimit: { messagesPerSecond: 1e6, burst: 1e6 },
      }),
    ),
  );
  for (const c of connections) c.onMessage(encodeSyncStep1(new Y.Doc()));
  expect(hub.registry.room(`records:${ROSTER.id}`)?.isBuilt ?? false).toBe(prebuilt);
  for (const { user, update } of recording) connections[user]?.onMessage(encodeUpdate(update));
  const marks = await hub.markNow(ROSTER.id);
  await flush();
  const audit = await store.listAudit(ROSTER.id);
  await hub.close();
  await store.close();
  return { marks: new Map([...marks].map(([id, m]) => [id, { status: m.status, codes: m.findings.map((f) => f.code).sort(), fingerprint: m.fingerprint }])), audit };
}

describe("the roster owner derives marks and audit from the updates it applies", () => {
  it.each([3, 11, 29])("the same whether updates meet a built document or wait for its build (seed %i)", async (seed) => {
    const recording = record(seed);
    const dirs = [mkdtempSync(join(tmpdir(), "roster-owner-a-")), mkdtempSync(join(tmpdir(), "roster-owner-b-"))];
    try {
      const inline = await play(dirs[0] as string, recording, true);
      const held = await play(dirs[1] as string, recording, false);
      expect(inline.audit.length).toBeGreaterThan(20);
      expect(inline.marks.size).toBeGreaterThan(3);
      expect(held.audit).toEqual(inline.audit);
      expect(held.marks).toEqual(inline.marks);
    } finally {
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    }
  });

  it("building again from what is stored changes neither the marks nor the audit", async () => {
    const dir = mkdtempSync(join(tmpdir(), "roster-owner-again-"));
    try {
      const first = await play(dir, record(5), true);
      const { store, hub } = await openHub(dir);
      const marks = await hub.markNow(ROSTER.id);
      expect(hub.markStats.marksWritten).toBe(0);
      expect(new Map([...marks].map(([id, m]) => [id, { status: m.status, codes: m.findings.map((f) => f.code).sort(), fingerprint: m.fingerprint }]))).toEqual(first.marks);
      expect(await store.listAudit(ROSTER.id)).toEqual(first.audit);
      await hub.close();
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
