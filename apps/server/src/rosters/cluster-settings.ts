import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { Env } from "../env";
import type { Logger } from "../observability/logger";
import { RedisBus } from "../scaled/redis-bus";
import { PostgresStore } from "../storage/postgres-store";
import type { Store } from "../storage/store";
import type { ClusterSettings } from "./roster-cluster";

/**
 * Scaled mode (DATABASE_URL and REDIS_URL): the relay over Redis and the ownership leases in
 * PostgreSQL. The instance's name is unique per process, so a restarted process never
 * mistakes the leases or forwarded updates of its previous life for its own. `listening`:
 * where the server listens, once it does.
 */
export function clusterSettings(env: Env, store: Store, logger: Logger, listening: () => string | undefined): ClusterSettings {
  if (!(store instanceof PostgresStore)) throw new Error("REDIS_URL needs DATABASE_URL");
  const instance = `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
  const bus = new RedisBus({ url: env.REDIS_URL ?? "", prefix: env.REDIS_PREFIX, instance, log: logger });
  const faultAfter = env.FAULT_KILL_BEFORE_PUBLISH;
  let commits = 0;
  return {
    bus,
    leases: store.leases,
    instance,
    url: () => {
      const at = listening();
      return env.INSTANCE_URL ?? (at ? instanceUrl(env, at) : undefined);
    },
    leaseTtlMs: env.LEASE_TTL_MS,
    ...(faultAfter
      ? {
          beforePublish: () => {
            commits += 1;
            if (commits >= faultAfter) process.kill(process.pid, "SIGKILL");
          },
        }
      : {}),
  };
}

/** Where the other instances reach this one: its listening address, or the host name when it listens on every interface. */
function instanceUrl(env: Env, listening: string): string {
  if (env.HOST !== "0.0.0.0" && env.HOST !== "::") return listening;
  const port = new URL(listening).port;
  return `http://${hostname()}:${port}`;
}
