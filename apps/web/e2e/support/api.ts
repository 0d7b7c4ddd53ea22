import { ChildViewSchema, LoginResponseSchema, type ChildView } from "@roster/schema";
import { RosterRecords, type Actor } from "@roster/doc";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";

/** Logs in through the HTTP API; returns the token and the actor for document writes. */
export async function apiLogin(baseUrl: string, username: string, password: string): Promise<{ token: string; actor: Actor }> {
  const response = await fetch(`${baseUrl}/api/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) throw new Error(`login ${username}: ${response.status} ${await response.text()}`);
  const session = LoginResponseSchema.parse(await response.json());
  return { token: session.token, actor: { id: session.user.id, name: session.user.displayName ?? session.user.username } };
}

/** `GET /api/rosters/:id/children` as the server evaluates them. */
export async function apiChildren(baseUrl: string, token: string, rosterId: string): Promise<ChildView[]> {
  const response = await fetch(`${baseUrl}/api/rosters/${rosterId}/children`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`children of ${rosterId}: ${response.status} ${await response.text()}`);
  return ChildViewSchema.array().parse(await response.json());
}

/** Polls `check` until it returns true (or throws after `timeoutMs`). */
export async function eventually(check: () => Promise<boolean>, timeoutMs = 20_000, what = "condition"): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      if (await check()) return;
    } catch (error) {
      lastError = error;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}${lastError ? `: ${String(lastError)}` : ""}`);
}

/**
 * Writes into a roster's records document as a stock y-websocket client would (what an
 * import or another device does), then waits until the server's API shows `expectCount`
 * children.
 */
export async function seedRoster(
  baseUrl: string,
  username: string,
  password: string,
  rosterId: string,
  write: (records: RosterRecords, actor: Actor) => void,
  expectCount: number,
): Promise<void> {
  const { token, actor } = await apiLogin(baseUrl, username, password);
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${baseUrl.replace(/^http/, "ws")}/sync`, rosterId, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("seed client did not sync")), 20_000);
      provider.on("sync", (synced: boolean) => {
        if (synced) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    const records = new RosterRecords(doc);
    write(records, actor);
    await eventually(async () => (await apiChildren(baseUrl, token, rosterId)).length >= expectCount, 20_000, "seeded children");
  } finally {
    provider.destroy();
    doc.destroy();
  }
}
