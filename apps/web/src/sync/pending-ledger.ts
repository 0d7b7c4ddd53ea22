import { z } from "zod";

/** A state vector as plain data: client id → number of items known from that client. */
export type StateVector = ReadonlyMap<number, number>;

export const LedgerStateSchema = z.object({
  /** What the server is known to hold, per client id (keys are decimal client ids). */
  confirmed: z.record(z.string(), z.number().int().nonnegative()),
  /** Local changes: [client id, that client's clock right after the change]. */
  entries: z.array(z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()])),
  /** ISO time the server last answered a sync. */
  lastSyncedAt: z.string().nullable(),
});
export type LedgerState = z.infer<typeof LedgerStateSchema>;

/** A ledger with nothing pending and no sync yet. */
export function emptyLedger(): LedgerState {
  return { confirmed: {}, entries: [], lastSyncedAt: null };
}

function covered(state: LedgerState, client: number, clock: number): boolean {
  return (state.confirmed[String(client)] ?? 0) >= clock;
}

/**
 * Records one local change: the changing client's clock after the change. A change that
 * added no item (a pure deletion) is already covered and adds nothing.
 */
export function recordLocalChange(state: LedgerState, client: number, clockAfter: number): LedgerState {
  if (covered(state, client, clockAfter)) return state;
  return { ...state, entries: [...state.entries, [client, clockAfter]] };
}

/**
 * Marks everything in `known` as held by the server (the server's own state vector from
 * its sync step 1, or the local state vector at a probe the server has answered) and
 * drops the changes it covers.
 */
export function confirm(state: LedgerState, known: StateVector, at: string | null): LedgerState {
  const confirmed = { ...state.confirmed };
  for (const [client, clock] of known) {
    const key = String(client);
    if ((confirmed[key] ?? 0) < clock) confirmed[key] = clock;
  }
  const next: LedgerState = { confirmed, entries: [], lastSyncedAt: at ?? state.lastSyncedAt };
  next.entries = state.entries.filter(([client, clock]) => !covered(next, client, clock));
  return next;
}

/** How many local changes the server is not yet known to hold. */
export function pendingCount(state: LedgerState): number {
  return state.entries.length;
}
