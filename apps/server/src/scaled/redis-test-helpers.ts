// Helpers of the Redis bus tests (not used by production code). The shared Redis is never
// flushed nor restarted: each test uses its own channel prefix and instance names.
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import type { BusPair } from "./bus-contract";
import { busChannels } from "./bus-outgoing";
import { RedisBus, type RedisBusOptions } from "./redis-bus";

export const SHARED_REDIS_URL = "redis://127.0.0.1:6379";

/** Two buses (two instances) and a raw client on one Redis, with a prefix of their own. */
export async function redisPair(url = SHARED_REDIS_URL, options: Partial<RedisBusOptions> = {}): Promise<BusPair & { raw: Redis; instances: [string, string] }> {
  const run = randomUUID().slice(0, 8);
  const prefix = `roster-test:${run}:`;
  const instances: [string, string] = [`bus-test-${run}-a`, `bus-test-${run}-b`];
  const a = new RedisBus({ url, prefix, instance: instances[0], ...options });
  const b = new RedisBus({ url, prefix, instance: instances[1], ...options });
  const raw = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  raw.on("error", () => {}); // a test that kills Redis expects the raw client to fail too
  await raw.connect();
  const channels = busChannels(prefix);
  return {
    a,
    b,
    raw,
    instances,
    injectRaw: async (doc, bytes) => {
      await raw.publish(channels.docChannel(doc), Buffer.from(bytes));
    },
    close: async () => {
      await Promise.all([a.close(), b.close()]);
      raw.disconnect();
    },
  };
}

/** The `id` of the connection named `name` in CLIENT LIST, or undefined. */
export async function clientId(raw: Redis, name: string): Promise<string | undefined> {
  const list = await raw.client("LIST");
  for (const line of String(list).split("\n")) {
    const fields = new Map(line.trim().split(" ").map((pair) => [pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1)]));
    if (fields.get("name") === name) return fields.get("id");
  }
  return undefined;
}

/** Kills the connection named `name` (one of our own, never anyone else's). */
export async function killClient(raw: Redis, name: string): Promise<void> {
  const id = await clientId(raw, name);
  if (id === undefined) throw new Error(`no Redis connection named ${name}`);
  await raw.client("KILL", "ID", id);
}
