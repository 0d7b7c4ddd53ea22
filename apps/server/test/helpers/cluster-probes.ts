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
