// A round of renewals must not cost a round trip per roster: with a province's rosters on a
// busy instance, one after another outlasted the lease's TTL (owners lost rosters they were
// renewing), and all at once filled the connection pool. One statement renews them all, one
// looks every watched roster's holder up.
import { describe, expect, it } from "vitest";
import type { Lease, LeaseHolder } from "../storage/postgres-leases";
import { RosterOwnership, type LeaseService } from "./roster-ownership";

/** Leases whose batched renewals and look-ups wait until the test answers them. */
function heldLeases() {
  const renewals: { leases: readonly Lease[]; answer: (kept: Set<string>) => void }[] = [];
  const lookups: { names: readonly string[]; answer: (holders: Map<string, LeaseHolder>) => void }[] = [];
  const service: LeaseService = {
    acquire: async (name, holder) => (name.endsWith("-other") ? undefined : { name, holder, epoch: 1 }),
    renewAll: (leases) => new Promise<Set<string>>((answer) => renewals.push({ leases, answer })),
    release: async () => undefined,
    holder: async () => undefined,
    holders: (names) => new Promise<Map<string, LeaseHolder>>((answer) => lookups.push({ names, answer })),
  };
  return { service, renewals, lookups };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("RosterOwnership.tick", () => {
  it("renews every owned lease in one call, then looks every watched roster up in one call", async () => {
    const leases = heldLeases();
    const lost: string[] = [];
    const changed: string[] = [];
    const ownership = new RosterOwnership({
      leases: leases.service,
      instance: "a",
      tickMs: 60_000,
      onLost: (id) => lost.push(id),
      onGained: () => {},
      onOwnerChanged: (id) => changed.push(id),
    });
    try {
      for (let i = 0; i < 20; i++) expect(await ownership.open(`thon-${i}`)).toBeDefined();
      for (let i = 0; i < 5; i++) expect(await ownership.open(`thon-${i}-other`)).toBeUndefined();
      const round = ownership.tick();
      await settle();
      expect(leases.renewals).toHaveLength(1);
      expect(leases.renewals[0]!.leases).toHaveLength(20);
      // Another instance took thon-3 over: reported lost; the others are still owned.
      leases.renewals[0]!.answer(new Set(leases.renewals[0]!.leases.filter((l) => l.name !== "roster:thon-3").map((l) => l.name)));
      await settle();
      expect(lost).toEqual(["thon-3"]);
      expect(ownership.ownedCount()).toBe(19);
      // The rosters open here as replicas (5, and the lost one) are looked up together.
      expect(leases.lookups).toHaveLength(1);
      expect([...leases.lookups[0]!.names].sort()).toEqual(["roster:thon-3", ...[0, 1, 2, 3, 4].map((i) => `roster:thon-${i}-other`)].sort());
      const live = (name: string): LeaseHolder => ({ name, holder: "b", epoch: 2, url: null, expiresAt: new Date().toISOString(), expired: false });
      leases.lookups[0]!.answer(new Map(leases.lookups[0]!.names.map((name) => [name, live(name)])));
      await round;
      expect(ownership.ownedCount()).toBe(19);
      // Epoch 2 seen for the first time: only thon-3 had an owner seen before (ours, epoch 1).
      expect(changed).toEqual(["thon-3"]);
    } finally {
      ownership.stopRenewing();
    }
  });
});
