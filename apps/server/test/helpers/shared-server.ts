import { afterAll, afterEach, beforeAll } from "vitest";
import type { SyncClient } from "./sync-clients";
import { startTestServer, type TestServer } from "./test-server";
import { createWorld, type Sessions } from "./world";

/** What a test file shares: set by the time its own `beforeAll` hooks and tests run. */
export interface SharedServer {
  server: TestServer;
  sessions: Sessions;
  /** Sync clients a test opened; destroyed after each test. */
  readonly clients: SyncClient[];
}

/**
 * Registers the hooks most integration test files share: one real server (arguments as
 * `startTestServer`) with the two-commune world before the tests, its sync clients
 * destroyed after each test, the server disposed after the file. Hooks a file registers
 * after this call run after these (vitest runs them in order), so they may seed data.
 */
export function useSharedServer(...args: Parameters<typeof startTestServer>): SharedServer {
  const shared = { clients: [] as SyncClient[] } as unknown as SharedServer;
  beforeAll(async () => {
    shared.server = await startTestServer(...args);
    shared.sessions = await createWorld(shared.server.running.store, shared.server.url);
  });
  afterEach(() => {
    for (const client of shared.clients.splice(0)) client.destroy();
  });
  afterAll(async () => {
    await shared.server?.dispose();
  });
  return shared;
}
