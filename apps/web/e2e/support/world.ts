import type { Actor, RosterRecords } from "@roster/doc";
import type { ChildFields } from "@roster/schema";
import type { Browser } from "playwright-core";
import { seedRoster } from "./api";
import { launchBrowser } from "./browser";
import { PASSWORD, ROSTER, USERS, setUpCommune } from "./fixtures";
import { NetSwitch } from "./net-switch";
import { makeDataDir, removeDataDir, startServer, type TestServer } from "./server";

/** What one browser-test file runs against: a commune on a real server, and Chromium. */
export interface World {
  readonly dataDir: string;
  readonly server: TestServer;
  readonly browser: Browser;
  /** Stops everything started, in reverse order, and removes the data folder. */
  stop(): Promise<void>;
}

/** A world whose browser reaches the server through a relay the test can cut. */
export interface NetWorld extends World {
  readonly net: NetSwitch;
}

export interface WorldOptions {
  /** Written into the roster as the commune admin before the browser starts. */
  seed?: (records: RosterRecords, actor: Actor) => void;
  /** How many children the server must show once `seed` has run. */
  expectChildren?: number;
  /** Put a NetSwitch in front of the server (tests that cut the signal). */
  net?: boolean;
}

/** Options seeding `count` children made by `make` (in one transaction) and expecting them all. */
export function withChildren(count: number, make: (index: number) => ChildFields): Pick<WorldOptions, "seed" | "expectChildren"> {
  return {
    seed: (records) =>
      records.doc.transact(() => {
        for (let i = 0; i < count; i += 1) records.createChild(make(i));
      }),
    expectChildren: count,
  };
}

/**
 * The set-up every browser test shares: a fresh data folder with the test commune
 * (setUpCommune), the server, optionally a NetSwitch, the seeded roster, then Chromium.
 * If a step fails, what was already started is stopped before the error is rethrown,
 * since the test file's afterAll has no world to stop.
 */
export async function startWorld(options: WorldOptions & { net: true }): Promise<NetWorld>;
export async function startWorld(options?: WorldOptions): Promise<World>;
export async function startWorld(options: WorldOptions = {}): Promise<World | NetWorld> {
  const dataDir = await makeDataDir();
  let server: TestServer | undefined;
  let net: NetSwitch | undefined;
  let browser: Browser | undefined;
  const stop = async (): Promise<void> => {
    await browser?.close();
    await net?.stop();
    await server?.stop();
    await removeDataDir(dataDir);
  };
  try {
    await setUpCommune(dataDir);
    server = await startServer(dataDir);
    if (options.net) {
      net = new NetSwitch(server.port);
      await net.start();
    }
    if (options.seed) await seedRoster(server.url, USERS.admin, PASSWORD, ROSTER, options.seed, options.expectChildren ?? 0);
    browser = await launchBrowser();
  } catch (error) {
    await stop();
    throw error;
  }
  const world = { dataDir, server, browser, stop };
  return net ? { ...world, net } : world;
}
