import type { Role } from "@roster/schema";
import { addUser } from "../../src/accounts/accounts";
import { TEST_PASSWORD_COST } from "../../src/auth/passwords";
import type { Store } from "../../src/storage/store";
import { login } from "./http";
import type { SyncClient } from "./sync-clients";
import { COMMUNE_A, PASSWORD } from "./world";

let serial = 0;

/** A new account of commune A (its own, so a test may disable or change it), logged in over HTTP. */
export async function freshUser(
  store: Store,
  baseUrl: string,
  role: Role,
  rosters: string[] = [],
  commune: string = COMMUNE_A.code,
): Promise<{ id: string; username: string; token: string }> {
  serial += 1;
  const username = `t${serial}.${role}.${process.pid}`;
  const id = await addUser(store, { commune, username, password: PASSWORD, role, rosters, displayName: `Người thử ${serial}` }, TEST_PASSWORD_COST);
  const { token } = await login(baseUrl, username, PASSWORD);
  return { id, username, token };
}

/**
 * Resolves with the close code the server sends to `client` and how long after `from` it
 * arrived (ms); rejects after `timeoutMs`.
 */
export function nextClose(client: SyncClient, from: () => number, timeoutMs = 10_000): Promise<{ code: number; afterMs: number }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no close within ${timeoutMs} ms`)), timeoutMs);
    const onClose = (event: { code: number } | null) => {
      if (!event) return;
      clearTimeout(timer);
      client.provider.off("connection-close", onClose);
      resolve({ code: event.code, afterMs: performance.now() - from() });
    };
    client.provider.on("connection-close", onClose);
  });
}
