import type { Logger } from "../observability/logger";
import { roomCluster } from "../scaled/room-cluster";
import type { RosterBus } from "../scaled/roster-bus";
import { RosterOwnership, type LeaseService } from "../scaled/roster-ownership";
import { parseDocName, syncDocName, type DocRoom, type RoomRegistry, type RoomRegistryOptions } from "../sync";

/** Scaled mode settings of a hub: the bus between instances and the ownership leases. */
export interface ClusterSettings {
  bus: RosterBus;
  leases: LeaseService;
  /** This process's name among the instances. */
  instance: string;
  url?: string;
  leaseTtlMs?: number;
  tickMs?: number;
}

/**
 * A hub's part in a cluster of instances: which rosters it owns (the lease), the registry
 * options that load each room as owner or replica, and what to do when ownership moves:
 * gained or lost, the roster's rooms reload (their clients come back, 1012); another owner
 * took over, the replica rooms ask their clients again and catch up from the store.
 */
export class RosterCluster {
  readonly ownership: RosterOwnership;

  constructor(
    private readonly settings: ClusterSettings,
    private readonly registry: () => RoomRegistry,
    logger: Logger,
  ) {
    this.ownership = new RosterOwnership({
      leases: settings.leases,
      instance: settings.instance,
      ...(settings.url ? { url: settings.url } : {}),
      ...(settings.leaseTtlMs ? { ttlMs: settings.leaseTtlMs } : {}),
      ...(settings.tickMs ? { tickMs: settings.tickMs } : {}),
      onLost: (rosterId) => this.reload(rosterId),
      onGained: (rosterId) => this.reload(rosterId),
      onOwnerChanged: (rosterId) => {
        for (const room of this.rooms(rosterId)) {
          room.askClients();
          void room.catchUp();
        }
      },
      onReplicaTick: (rosterId) => {
        for (const room of this.rooms(rosterId)) {
          room.replicaTick();
          void room.catchUp();
        }
      },
      logger: { warn: (message, fields) => logger.warn("ownership.warn", { message, ...fields }) },
    });
  }

  /** What the room registry needs: each document loaded as its roster's owner or a replica. */
  registryOptions(): Pick<RoomRegistryOptions, "clusterFor" | "onRoomUnloaded"> {
    return {
      clusterFor: async (docName) => {
        const target = parseDocName(docName);
        if (!target) return undefined;
        return roomCluster(docName, this.settings.instance, this.settings.bus, await this.ownership.open(target.rosterId));
      },
      onRoomUnloaded: (docName) => {
        const target = parseDocName(docName);
        if (target && this.rooms(target.rosterId).length === 0) void this.ownership.closeRoster(target.rosterId);
      },
    };
  }

  close(): Promise<void> {
    return this.ownership.close();
  }

  private reload(rosterId: string): void {
    this.registry().reload(syncDocName("records", rosterId));
    this.registry().reload(syncDocName("review", rosterId));
  }

  /** The loaded rooms of a roster's two documents. */
  private rooms(rosterId: string): DocRoom[] {
    return (["records", "review"] as const).flatMap((kind) => this.registry().loadedRoom(syncDocName(kind, rosterId)) ?? []);
  }
}
