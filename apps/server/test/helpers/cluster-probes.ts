import { Redis } from "ioredis";
import { killClient } from "../../src/scaled/redis-test-helpers";
import type { ServerProcess } from "./server-process";

/** What `/healthz` of an instance answers (scaled mode: its name and how many rosters it owns). */
export interface Health {
  status: number;
  ok: boolean;
  instance?: string;
  ownedRosters?: number;
  code?: string;
}

export async function healthz(server: ServerProcess): Promise<Health> {
  const response = await fetch(`${server.url}/healthz`, { signal: AbortSignal.timeout(5_000) });
  const body = (await response.json()) as { ok?: boolean; instance?: string; ownedRosters?: number; error?: { code?: string } };
  return {
    status: response.status,
    ok: body.ok === true,
    ...(body.instance !== undefined ? { instance: body.instance } : {}),
    ...(body.ownedRosters !== undefined ? { ownedRosters: body.ownedRosters } : {}),
    ...(body.error?.code !== undefined ? { code: body.error.code } : {}),
  };
}

/** `/healthz`, or undefined while the process does not answer (paused, dead). */
export async function healthzOrNothing(server: ServerProcess): Promise<Health | undefined> {
  try {
    return await healthz(server);
  } catch {
    return undefined;
  }
}

/** The value of an unlabelled sample in `/metrics` (0 when absent). */
export async function metric(server: ServerProcess, name: string): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`, { signal: AbortSignal.timeout(5_000) })).text();
  const line = text.split("\n").find((l) => l.startsWith(`${name} `));
  return line ? Number(line.slice(name.length + 1)) : 0;
}

/** The instance's name, as its Redis connections are named (`<instance>:pub` / `<instance>:sub`). */
export async function instanceName(server: ServerProcess): Promise<string> {
  const health = await healthz(server);
  if (!health.instance) throw new Error(`no instance name in /healthz of ${server.url}`);
  return health.instance;
}

/**
 * CLIENT KILL of an instance's two relay connections (its own, found by name: never another
 * run's). ioredis reconnects them by itself.
 */
export async function killRelayConnections(redisUrl: string, instance: string): Promise<void> {
  const raw = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  raw.on("error", () => undefined);
  try {
    await raw.connect();
    await killClient(raw, `${instance}:pub`);
    await killClient(raw, `${instance}:sub`);
  } finally {
    raw.disconnect();
  }
}

/** Whether the process is still running (not exited); a paused one is running. */
export function running(server: ServerProcess): boolean {
  return server.child.exitCode === null && server.child.signalCode === null;
}

/** For a failed test: each instance's warnings, errors and ownership/relay events. */
export function printTroubles(servers: readonly ServerProcess[]): void {
  for (const [i, server] of servers.entries()) {
    const lines = server.logs.filter((line) => line.level === "warn" || line.level === "error" || /^(bus|ownership)\./.test(String(line.event)));
    console.error(`instance ${i} (${server.url}): ${lines.length} notable log lines\n${lines.map((line) => JSON.stringify(line).slice(0, 500)).join("\n")}`);
  }
}
