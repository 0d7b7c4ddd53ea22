// A round of renewals must not last N round trips for N rosters: with a province's rosters on
// a busy instance that passed the lease's TTL and owners lost rosters they were renewing.
import { describe, expect, it } from "vitest";
import type { Lease, LeaseHolder } from "../storage/postgres-leases";
import { RosterOwnership, type LeaseService } from "./roster-ownership";

/** Leases whose renewals and holder look-ups wait until the test answers them. */
function heldLeases() {
  const renewals: { lease: Lease; answer: (kept: boolean) => void }[] = [];
  const lookups: { name: string; answer: (holder: LeaseHolder | undefined) => void }[] = [];
  const service: LeaseService = {
    acquire: async (name, holder) => (name.endsWith("-other") ? undefined : { name, holder, epoch: 1 }),
    renew: (lease) => new Promise<boolean>((answer) => renewals.push({ lease, answer })),
    release: async () => undefined,
    holder: (name) => new Promise<LeaseHolder | undefined>((answer) => lookups.push({ name, answer })),
  };
  return { service, renewals, lookups };
}

describe("RosterOwnership.tick", () => {
  it("renews every owned lease at once, then checks every watched roster at once", async () => {
    const leases = heldLeases();
    const lost: string[] = [];
    const ownership = new RosterOwnership({ leases: leases.service, instance: "a", tickMs: 60_000, onLost: (id) => lost.push(id), onGained: () => {}, onOwnerChanged: () => {} });
    try {
      for (let i = 0; i < 20; i++) expect(await ownership.open(`thon-${i}`)).toBeDefined();
      for (let i = 0; i < 5; i++) expect(await ownership.open(`thon-${i}-other`)).toBeUndefined();
      const round = ownership.tick();
      await new Promise((resolve) => setImmediate(resolve));
      // All 20 in flight together (one after another, there would be one).
      expect(leases.renewals).toHaveLength(20);
      leases.renewals.forEach((r, i) => r.answer(i !== 3));
      await new Promise((resolve) => setImmediate(resolve));
      // The lease another instance took is reported lost; the others are still owned.
      expect(lost).toEqual(["thon-3"]);
      expect(ownership.ownedCount()).toBe(19);
      // The rosters open here as replicas (5, and the lost one) are looked up together too.
      expect(leases.lookups.map((l) => l.name).sort()).toEqual(["roster:thon-3", ...[0, 1, 2, 3, 4].map((i) => `roster:thon-${i}-other`)].sort());
      for (const lookup of leases.lookups) lookup.answer({ name: lookup.name, holder: "b", epoch: 2, url: null, expiresAt: new Date().toISOString(), expired: false });
      await round;
    } finally {
      ownership.stopRenewing();
    }
  });
});
