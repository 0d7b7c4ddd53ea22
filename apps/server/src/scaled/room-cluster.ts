import type { Lease } from "../storage/postgres-leases";
import { RemoteWriter, type DocRoom, type RoomReplication } from "../sync";
import type { RosterBus } from "./roster-bus";

/** A room's part in the cluster, and how to plug its room into the bus once it exists. */
export interface RoomCluster {
  replication: RoomReplication;
  /** Subscribes the room to what it needs from the bus; returns the unsubscribe. */
  attach(room: DocRoom): () => void;
}

/**
 * The replication of one document on this instance (scaled mode), over the bus:
 * - the owner (it holds the roster's lease) writes under the lease's epoch and publishes what
 *   it committed and compacted (the updates other instances forward to it come through
 *   `RosterCluster`, which loads the document if needed);
 * - a replica forwards its clients' updates to the owner and takes what the owner committed
 *   (in order, gaps and resyncs read from the store).
 */
export function roomCluster(docName: string, instance: string, bus: RosterBus, lease: Lease | undefined, beforePublish?: () => void): RoomCluster {
  const report = () => undefined; // a lost message is repaired from the store, never fatal
  if (lease) {
    return {
      replication: {
        role: "owner",
        fence: { lease: lease.name, epoch: lease.epoch },
        forward: () => undefined,
        committed: (entries) => {
          beforePublish?.();
          const at = Date.now();
          for (const { seq, update, origin, echo } of entries) {
            const from = origin instanceof RemoteWriter ? { origin: { instance: origin.instance, connection: origin.connection } } : {};
            bus.publishCommitted({ doc: docName, seq, update, at, ...from, ...(echo ? { echo } : {}) }).catch(report);
          }
        },
        compacted: (throughSeq) => void bus.publishCompacted({ doc: docName, throughSeq }).catch(report),
      },
      // Forwarded updates are taken per roster, not per room (`RosterCluster`): they may
      // arrive for a document this owner has not loaded.
      attach: () => () => undefined,
    };
  }
  return {
    replication: {
      role: "replica",
      forward: (update, connection) => {
        // Lost or refused: the room asks that client again (sync step 1) when it sees no commit.
        bus.forward({ doc: docName, origin: { instance, connection: connection.id }, context: connection.context, update }).catch(report);
      },
      committed: () => undefined,
      compacted: () => undefined,
    },
    attach: (room) => {
      const unwatch = bus.watch(docName, {
        committed: (message) =>
          room.receiveCommitted({
            seq: message.seq,
            ...(message.update ? { update: message.update } : {}),
            ...(message.origin?.instance === instance ? { origin: message.origin.connection } : {}),
            ...(message.echo ? { echo: true } : {}),
            ...(message.at !== undefined ? { at: message.at } : {}),
          }),
        compacted: () => void room.catchUp(),
        subscribed: () => void room.catchUp(),
      });
      const offResync = bus.onResync(() => void room.catchUp());
      return () => {
        unwatch();
        offResync();
      };
    },
  };
}
