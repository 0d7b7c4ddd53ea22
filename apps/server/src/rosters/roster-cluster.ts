import type { Logger } from "../observability/logger";
import { roomCluster } from "../scaled/room-cluster";
import type { BusStats, RosterBus } from "../scaled/roster-bus";
import { RosterOwnership, leaseName, type LeaseService } from "../scaled/roster-ownership";
import { RemoteWriter, parseDocName, syncDocName, type DocRoom, type RoomRegistry, type RoomRegistryOptions } from "../sync";

/** Another instance that owns a roster now: where its API requests go. */
export interface RemoteOwner {
  instance: string;
  url: string | null;
}

export interface ClusterStats {
  instance: string;
  /** Rosters whose lease this instance holds now. */
  owned: number;
  /** Leases taken: when free (claims), from an owner that stopped renewing (takeovers), and lost. */
  claims: number;
  takeovers: number;
  lost: number;
  busHealthy: boolean;
  bus: BusStats;
}

/** Scaled mode settings of a hub: the bus between instances and the ownership leases. */
export interface ClusterSettings {
  bus: RosterBus;
  leases: LeaseService;
  /** This process's name among the instances (unique per process: a restart is a new instance). */
  instance: string;
  /** Where the other instances reach this one (forwarded API requests); known once listening. */
  url?: () => string | undefined;
  leaseTtlMs?: number;
  tickMs?: number;
  /** Test fault hook: called after each commit, before its publish (see FAULT_KILL_BEFORE_PUBLISH). */
  beforePublish?: () => void;
}

/**
 * A hub's part in a cluster of instances: which rosters it owns (the lease), the registry
 * options that load each room as owner or replica, and what to do when ownership moves:
 * gained or lost, the roster's rooms reload (their clients come back, 1012); another owner
 * took over, the replica rooms ask their clients again and catch up from the store.
 */
export class RosterCluster {
  readonly ownership: RosterOwnership;
  /** The forwarded-update subscriptions of each roster owned here (both documents). */
  private readonly listening = new Map<string, () => void>();

  constructor(
    private readonly settings: ClusterSettings,
    private readonly registry: () => RoomRegistry,
    private readonly logger: Logger,
  ) {
    this.ownership = new RosterOwnership({
      leases: settings.leases,
      instance: settings.instance,
      ...(settings.url ? { url: settings.url } : {}),
      ...(settings.leaseTtlMs ? { ttlMs: settings.leaseTtlMs } : {}),
      ...(settings.tickMs ? { tickMs: settings.tickMs } : {}),
      onLost: (rosterId) => {
        this.stopListening(rosterId);
        this.reload(rosterId);
      },
      onGained: (rosterId) => {
        this.listen(rosterId);
        this.reload(rosterId);
      },
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
        const lease = await this.ownership.open(target.rosterId);
        if (lease) {
          this.listen(target.rosterId);
          // The roster's other document may be loaded here as a replica (from before this
          // instance held the lease): it reloads as owner, or its writes would go nowhere.
          this.reloadReplicas(target.rosterId, docName);
        }
        return roomCluster(docName, this.settings.instance, this.settings.bus, lease, this.settings.beforePublish);
      },
      onRoomUnloaded: (docName) => {
        const target = parseDocName(docName);
        if (target && this.rooms(target.rosterId).length === 0) {
          this.stopListening(target.rosterId);
          void this.ownership.closeRoster(target.rosterId);
        }
      },
    };
  }

  /** Whether this instance holds the roster's lease now. */
  ownsNow(rosterId: string): boolean {
    return this.ownership.lease(rosterId) !== undefined;
  }

  /**
   * Where a roster's API requests are served: undefined for here (owned here, or nobody
   * holds a live lease, so the first load here claims it), or the instance that owns it.
   */
  async ownerElsewhere(rosterId: string): Promise<RemoteOwner | undefined> {
    if (this.ownership.lease(rosterId)) return undefined;
    const holder = await this.settings.leases.holder(leaseName(rosterId));
    if (!holder || holder.expired || holder.holder === this.settings.instance) return undefined;
    return { instance: holder.holder, url: holder.url };
  }

  /**
   * Takes a roster over whose rooms are loaded here as replicas while nobody owns it (its
   * owner died and the next tick has not come): the rooms reload as owner. False if another
   * instance holds it.
   */
  async claim(rosterId: string): Promise<boolean> {
    const lease = this.ownership.lease(rosterId) ?? (await this.ownership.open(rosterId));
    if (!lease) return false;
    this.listen(rosterId);
    this.reloadReplicas(rosterId);
    return true;
  }

  /** This instance's name, the owned rosters, the ownership counters and the bus, for /metrics and /healthz. */
  stats(): ClusterStats {
    return {
      instance: this.settings.instance,
      owned: this.ownership.ownedCount(),
      ...this.ownership.stats,
      busHealthy: this.settings.bus.healthy,
      bus: this.settings.bus.stats(),
    };
  }

  close(): Promise<void> {
    for (const rosterId of [...this.listening.keys()]) this.stopListening(rosterId);
    return this.ownership.close();
  }

  /**
   * Owner: takes the updates other instances forward for either of the roster's documents,
   * loading the document when it is not (a roster's records clients may all be on other
   * instances while this one serves its review readers).
   */
  private listen(rosterId: string): void {
    if (this.listening.has(rosterId)) return;
    const stops = (["records", "review"] as const).map((kind) => {
      const docName = syncDocName(kind, rosterId);
      return this.settings.bus.receiveForwarded(docName, (message) => {
        if (!this.ownership.lease(rosterId)) return; // released or lost meanwhile: the sender asks again
        const writer = new RemoteWriter(message.context, message.origin.instance, message.origin.connection);
        this.registry()
          .receiveForwarded(docName, message.update, writer)
          .catch((error: unknown) => this.logger.warn("cluster.forward_failed", { doc: docName, error: String(error) }));
      });
    });
    this.listening.set(rosterId, () => stops.forEach((stop) => stop()));
  }

  private stopListening(rosterId: string): void {
    this.listening.get(rosterId)?.();
    this.listening.delete(rosterId);
  }

  private reload(rosterId: string): void {
    this.registry().reload(syncDocName("records", rosterId));
    this.registry().reload(syncDocName("review", rosterId));
  }

  /** Reloads the rooms of a roster loaded here as replicas (this instance owns it now), but `except`. */
  private reloadReplicas(rosterId: string, except?: string): void {
    for (const room of this.rooms(rosterId)) if (room.isReplica && room.name !== except) this.registry().reload(room.name);
  }

  /** The loaded rooms of a roster's two documents. */
  private rooms(rosterId: string): DocRoom[] {
    return (["records", "review"] as const).flatMap((kind) => this.registry().loadedRoom(syncDocName(kind, rosterId)) ?? []);
  }
}
