import { cpSync, rmSync } from "node:fs";
import { join } from "node:path";
import { forkBenchChild, type BenchChild } from "../child-rpc";
import { loginSession } from "../fanout/clients";
import { fetchMetrics } from "../fanout/run-target";
import { sleep } from "../wait";
import { FIRST_SYNC_PASSWORD, type StoredVariant } from "./fixture";
import { openRawSyncClient, type RawSyncClient } from "./raw-client";

/** A fresh server process on a fresh copy of a variant's DATA_DIR. */
export interface OurServer {
  child: BenchChild;
  httpUrl: string;
  wsUrl: string;
  metrics(): Promise<Record<string, number>>;
  /** One counter of `/metrics`, summed over its labels. */
  metric(name: string): Promise<number>;
  /** `POST /api/login` as `username`: its token and user id. */
  login(username: string): Promise<{ token: string; userId: string }>;
  /** A bare sync socket to the roster, authenticated with `token`. */
  openRaw(rosterId: string, token: string): Promise<RawSyncClient>;
  /** Polls `/metrics` until `done` holds. */
  waitForMetrics(done: (metrics: Record<string, number>) => boolean, timeoutMs: number, what: string): Promise<Record<string, number>>;
}

export interface OurServerOptions {
  /** Our server's environment, over `BENCH_SERVER_ENV`. */
  env: Record<string, string>;
  exposeGc?: boolean;
  cpuProfDir?: string;
}

/** Starts our server on a copy of `variant` in `runDir`, runs `work`, then stops it and removes the copy. */
export async function withOurServer<T>(variant: StoredVariant, runDir: string, options: OurServerOptions, work: (server: OurServer) => Promise<T>): Promise<T> {
  const dataDir = join(runDir, `${variant.name}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`);
  cpSync(variant.dataDir, dataDir, { recursive: true });
  const child = forkBenchChild(new URL("./server-child.ts", import.meta.url), [dataDir, JSON.stringify(options.env)], {
    exposeGc: options.exposeGc ?? false,
    ...(options.cpuProfDir ? { cpuProfDir: options.cpuProfDir } : {}),
  });
  try {
    const { port } = (await child.ready) as { port: number };
    const httpUrl = `http://127.0.0.1:${port}`;
    const wsUrl = `ws://127.0.0.1:${port}`;
    // Once more after a failure: undici may reuse a keep-alive socket the server is closing
    // as idle just then ("fetch failed", other side closed).
    const metrics = () => fetchMetrics(httpUrl).catch(() => sleep(50).then(() => fetchMetrics(httpUrl)));
    const server: OurServer = {
      child,
      httpUrl,
      wsUrl,
      metrics,
      metric: async (name) => sumOf(await metrics(), name),
      login: (username) => loginSession(httpUrl, username, FIRST_SYNC_PASSWORD),
      openRaw: (rosterId, token) => openRawSyncClient(`${wsUrl}/sync/${rosterId}?token=${encodeURIComponent(token)}`),
      waitForMetrics: async (done, timeoutMs, what) => {
        const deadline = performance.now() + timeoutMs;
        for (;;) {
          const now = await metrics();
          if (done(now)) return now;
          if (performance.now() > deadline) throw new Error(`bench: timed out after ${timeoutMs} ms waiting for ${what}`);
          await sleep(50);
        }
      },
    };
    return await work(server);
  } finally {
    await child.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** A counter summed over its labels (`name` and every `name{…}`). */
export function sumOf(metrics: Record<string, number>, name: string): number {
  let sum = 0;
  for (const [key, value] of Object.entries(metrics)) if (key === name || key.startsWith(`${name}{`)) sum += value;
  return sum;
}
