import { describe, expect, it } from "vitest";
import type { ChildField, FieldValue, GuardianField } from "@roster/schema";
import { compactEditLog } from "./compact-edit-log";
import type { Conflict } from "./edit-log-index";
import { RECORDS_LAYOUT } from "./layout";
import type { Actor } from "./roster-records";
import { createPrng } from "./testing/prng";
import type { Prng } from "./testing/prng";
import { SimNetwork } from "./testing/sim-network";
import type { Peer } from "./testing/sim-network";
import { WriteOracle } from "./testing/write-oracle";
import type { FieldExpectation } from "./testing/write-oracle";

// Randomized convergence of the records document: several peers edit a few children
// and guardians (so same-field collisions are frequent), updates travel one by one in
// random order, peers drop offline and come back, and some compact the edit log. After
// everything is delivered the peers must agree, and the conflicts they report must be
// exactly those a happens-before oracle computes on its own.

const SEEDS = 200;
const OPS_PER_SEED = 80;

const ACTORS: Actor[] = [
  { id: "u-police", name: "Trần Văn Bình" },
  { id: "u-school", name: "Nguyễn Thị Mai" },
  { id: "u-hamlet", name: "Lò Văn Páo" },
  { id: "u-social", name: "Phạm Thu Hà" },
  { id: "u-admin", name: "Đỗ Minh Tuấn" },
];

/** Small pools of realistic values: small so that concurrent writes often agree too. */
const CHILD_VALUES: Partial<Record<ChildField, readonly FieldValue[]>> = {
  fullName: ["Nguyễn Văn An", "Nguyễn Văn Ân", "Trần Thị Bích Ngọc", "Lê Hoàng Nam", "H'Hen Niê", "Hoàng Minh Đức"],
  address: ["Thôn Đông, xã Tân Lập", "Xóm 3, xã Hòa Bình", "Bản Pá Khoang", "Ấp Mỹ Lợi", null],
  pid: ["001215012345", "001315098765", "038214000111", "079216543210"],
  gender: ["male", "female"],
  healthBook: [true, false],
  note: ["Gia đình đã nộp giấy khai sinh", "Hẹn bổ sung thẻ BHYT", "Chờ công an xã xác minh"],
};
const GUARDIAN_VALUES: Partial<Record<GuardianField, readonly FieldValue[]>> = {
  fullName: ["Nguyễn Văn Hùng", "Lê Thị Thu", "Vàng A Sử", "Trần Quốc Toản"],
  phone: ["0912345678", "0987654321", "0354123456"],
  vneid: ["none", "level1", "level2"],
};
const REASONS = ["chuyển đi nơi khác", "trùng hồ sơ", "nhập nhầm"];
const CHILD_FIELDS_USED = Object.keys(CHILD_VALUES) as ChildField[];

interface RunStats {
  expectedConflicts: number;
  concurrentAgreeing: number;
  bufferedDeliveries: number;
  compactedEntries: number;
  offlinePeriods: number;
  resolved: number;
}

function randomFields(prng: Prng, pool: Partial<Record<string, readonly FieldValue[]>>, count: number) {
  const fields = Object.keys(pool);
  const patch: Record<string, FieldValue> = {};
  for (let n = 0; n < count; n++) {
    const field = prng.pick(fields);
    patch[field] = prng.pick(pool[field] ?? []);
  }
  return patch;
}

function step(net: SimNetwork, oracle: WriteOracle, prng: Prng, stats: RunStats): void {
  const peer = prng.pick(net.peers);
  const { records, doc } = peer;
  const actor = prng.pick(ACTORS);
  const children = records.listChildren({ includeRemoved: true });
  const guardians = records.listGuardians();
  const r = prng.next();
  if (r < 0.08 || children.length === 0) {
    const fields = randomFields(prng, CHILD_VALUES, 1 + prng.int(3));
    const id = records.createChild(fields);
    oracle.record(doc, "child", id, Object.entries(fields));
  } else if (r < 0.12 || guardians.length === 0) {
    const fields = randomFields(prng, GUARDIAN_VALUES, 1 + prng.int(2));
    const id = records.createGuardian(fields);
    oracle.record(doc, "guardian", id, Object.entries(fields));
  } else if (r < 0.5) {
    const { id } = prng.pick(children);
    const field = prng.pick(CHILD_FIELDS_USED);
    const value = prng.pick(CHILD_VALUES[field] ?? []);
    const patch = { [field]: value };
    if (records.updateChild(id, patch, actor).length > 0) oracle.record(doc, "child", id, [[field, value]]);
  } else if (r < 0.62) {
    const { id } = prng.pick(guardians);
    const patch = randomFields(prng, GUARDIAN_VALUES, 1);
    const written = records.updateGuardian(id, patch, actor);
    oracle.record(doc, "guardian", id, written.map((f) => [f, patch[f] ?? null]));
  } else if (r < 0.72) {
    const { id } = prng.pick(children);
    const patch = randomFields(prng, CHILD_VALUES, 2 + prng.int(2));
    const written = records.updateChild(id, patch, actor);
    oracle.record(doc, "child", id, written.map((f) => [f, patch[f] ?? null]));
  } else if (r < 0.77) {
    const { id } = prng.pick(children);
    const reason = prng.pick(REASONS);
    const written = records.removeChild(id, reason, actor);
    const values: Record<string, FieldValue> = { removed: true, removedReason: reason };
    oracle.record(doc, "child", id, written.map((f) => [f, values[f] ?? null]));
  } else if (r < 0.85) {
    const conflicts = records.conflicts();
    if (conflicts.length === 0) return;
    const c = prng.pick(conflicts);
    const value = prng.chance(0.7) ? prng.pick(c.values).value : prng.pick(pool(c) ?? [null]);
    // Through the public overloads: the value is a valid one for this field either way.
    const changed =
      c.kind === "child"
        ? records.resolveConflict("child", c.id, c.field, value as never, actor)
        : records.resolveConflict("guardian", c.id, c.field, value as never, actor);
    if (changed) {
      oracle.record(doc, c.kind, c.id, [[c.field, value]]);
      stats.resolved++;
    }
  } else if (r < 0.88) {
    stats.compactedEntries += compactEditLog(doc);
  } else if (r < 0.93) {
    if (peer.online) stats.offlinePeriods++;
    net.setOnline(peer, !peer.online);
  } else {
    for (let n = prng.int(12); n > 0; n--) net.deliverOne();
  }
  for (let n = prng.int(4); n > 0; n--) net.deliverOne();
}

function pool(c: Conflict): readonly FieldValue[] | undefined {
  return c.kind === "child" ? CHILD_VALUES[c.field] : GUARDIAN_VALUES[c.field];
}

function rawValue(peer: Peer, e: FieldExpectation): unknown {
  const parent = peer.doc.getMap<unknown>(e.kind === "child" ? RECORDS_LAYOUT.children : RECORDS_LAYOUT.guardians);
  const record = parent.get(e.id) as { get(key: string): unknown } | undefined;
  return record?.get(e.field);
}

const sortValues = (values: readonly FieldValue[]) => values.map((v) => JSON.stringify(v)).sort();

/**
 * Compares what a converged peer reports with the oracle and returns every mismatch
 * (collected rather than asserted one by one: thousands of fields are checked per run).
 */
function oracleMismatches(peer: Peer, oracle: WriteOracle, stats: RunStats): string[] {
  const problems: string[] = [];
  const expectedKeys = new Set<string>();
  for (const e of oracle.expectations()) {
    const reported = peer.records.conflictsOf(e.kind, e.id).find((c) => c.field === e.field);
    const final = rawValue(peer, e);
    const where = `${e.kind} ${e.id} ${e.field}`;
    const maximalValues = e.maximal.map((w) => w.value);
    if (e.conflict) {
      stats.expectedConflicts++;
      expectedKeys.add(`${e.kind}:${e.id}:${e.field}`);
      // The heads are exactly the writes nobody replaced (creation writes have no entry
      // and are never among them once someone edited the field).
      const heads = sortValues(reported?.values.map((v) => v.value) ?? []);
      if (reported === undefined) problems.push(`missed conflict on ${where}`);
      else if (JSON.stringify(heads) !== JSON.stringify(sortValues(maximalValues))) {
        problems.push(`conflict values ${heads.join()} ≠ ${sortValues(maximalValues).join()} on ${where}`);
      }
      if (!maximalValues.includes(final as FieldValue)) problems.push(`final value not a concurrent one on ${where}`);
    } else {
      if (e.maximal.length > 1) stats.concurrentAgreeing++;
      if (reported !== undefined) problems.push(`false conflict on ${where}`);
      if (final !== maximalValues[0]) problems.push(`final ${JSON.stringify(final)} ≠ ${JSON.stringify(maximalValues[0])} on ${where}`);
    }
    // Nothing lost: each value is the final one, among the conflict's values, or was
    // replaced by a write that knew it.
    const shown = new Set<unknown>([final, ...(reported?.values.map((v) => v.value) ?? [])]);
    for (const w of e.writes) {
      const replaced = e.writes.some((other) => other.knew.has(w));
      if (!replaced && !shown.has(w.value)) problems.push(`lost ${JSON.stringify(w.value)} on ${where}`);
    }
  }
  // No conflict the oracle did not expect (in particular none between different fields).
  for (const c of peer.records.conflicts()) {
    if (!expectedKeys.has(`${c.kind}:${c.id}:${c.field}`)) problems.push(`unexpected conflict ${c.kind} ${c.id} ${c.field}`);
  }
  return problems;
}

function runSeed(seed: number, stats: RunStats): void {
  const prng = createPrng(seed);
  const net = new SimNetwork(3 + (seed % 3), prng);
  const oracle = new WriteOracle();
  try {
    for (let op = 0; op < OPS_PER_SEED; op++) step(net, oracle, prng, stats);
    net.flush();
    const [first, ...others] = net.peers as [Peer, ...Peer[]];
    for (const peer of net.peers) {
      expect(peer.doc.store.pendingStructs, `seed ${seed}: undelivered structs`).toBeNull();
      expect(peer.doc.store.pendingDs, `seed ${seed}: undelivered deletes`).toBeNull();
    }
    for (const peer of others) {
      expect(peer.doc.toJSON(), `seed ${seed}: peer ${peer.index} diverged`).toEqual(first.doc.toJSON());
      expect(peer.records.conflicts(), `seed ${seed}: conflicts differ`).toEqual(first.records.conflicts());
    }
    expect(oracleMismatches(first, oracle, stats)).toEqual([]);

    // Compacting the converged log keeps exactly the heads and changes no conflict.
    const before = first.records.conflicts();
    stats.compactedEntries += compactEditLog(first.doc);
    net.flush();
    for (const peer of net.peers) expect(peer.records.conflicts(), `seed ${seed}: after compaction`).toEqual(before);
    expect(compactEditLog(first.doc), `seed ${seed}: second compaction`).toBe(0);
    expect(oracleMismatches(net.peers[1] as Peer, oracle, { ...stats })).toEqual([]);
    stats.bufferedDeliveries += net.bufferedDeliveries;
  } catch (error) {
    throw new Error(`seed ${seed} failed: ${(error as Error).message}`, { cause: error });
  } finally {
    net.destroy();
  }
}

const BATCHES = 4;

describe("records document convergence", () => {
  const seedsPerBatch = SEEDS / BATCHES;
  // Batches only keep each test's run short; together they cover seeds 1..SEEDS.
  it.for(Array.from({ length: BATCHES }, (_, b) => b))(
    `converges and reports exactly the concurrent disagreeing writes (batch %i of ${SEEDS} seeds × ${OPS_PER_SEED} ops, 3–5 peers)`,
    { timeout: 120_000 },
    (batch) => {
      const stats: RunStats = {
        expectedConflicts: 0,
        concurrentAgreeing: 0,
        bufferedDeliveries: 0,
        compactedEntries: 0,
        offlinePeriods: 0,
        resolved: 0,
      };
      for (let seed = batch * seedsPerBatch + 1; seed <= (batch + 1) * seedsPerBatch; seed++) runSeed(seed, stats);
      // The scenarios must actually exercise what they claim to.
      expect(stats.expectedConflicts).toBeGreaterThan(seedsPerBatch);
      expect(stats.concurrentAgreeing).toBeGreaterThan(10);
      expect(stats.bufferedDeliveries).toBeGreaterThan(seedsPerBatch);
      expect(stats.compactedEntries).toBeGreaterThan(seedsPerBatch);
      expect(stats.offlinePeriods).toBeGreaterThan(seedsPerBatch);
      expect(stats.resolved).toBeGreaterThan(seedsPerBatch / 2);
    },
  );
});
