import { Redis } from "ioredis";
import { killClient } from "../../src/scaled/redis-test-helpers";
import type { ServerProcess } from "./server-process";

/** Whether the process still runs (not killed, not exited). */
export function isRunning(server: ServerProcess): boolean {
  return server.child.exitCode === null && server.child.signalCode === null;
}

/** `/healthz` of one instance: its name and how many rosters it owns now. */
export async function health(server: ServerProcess): Promise<{ ok: boolean; instance?: string; ownedRosters?: number }> {
  return (await fetch(`${server.url}/healthz`)).json() as Promise<{ ok: boolean; instance?: string; ownedRosters?: number }>;
}

/** The running instance that owns a roster now (the only roster the test opens), or undefined. */
export async function ownerOf(servers: readonly ServerProcess[]): Promise<ServerProcess | undefined> {
  const running = servers.filter(isRunning);
  const answers = await Promise.all(running.map(async (s) => [s, await health(s)] as const));
  const owners = answers.filter(([, h]) => (h.ownedRosters ?? 0) > 0);
  if (owners.length > 1) throw new Error(`${owners.length} instances own rosters at once`);
  return owners[0]?.[0];
}

/** One counter or gauge of `/metrics` (the sum of its series), 0 when absent. */
export async function metric(server: ServerProcess, name: string): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  let sum = 0;
  for (const line of text.split("\n")) {
    if (line.startsWith("#")) continue;
    const [key, value] = line.split(/\s+/);
    if (key === name || key?.startsWith(`${name}{`)) sum += Number(value);
  }
  return sum;
}

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

/** For a failed test: each instance's warnings, errors and ownership/relay events. */
export function printTroubles(servers: readonly ServerProcess[]): void {
  for (const [i, server] of servers.entries()) {
    const lines = server.logs.filter((line) => line.level === "warn" || line.level === "error" || /^(bus|ownership)\./.test(String(line.event)));
    console.error(`instance ${i} (${server.url}): ${lines.length} notable log lines\n${lines.map((line) => JSON.stringify(line).slice(0, 500)).join("\n")}`);
  }
}
