import { WebSocket } from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { RosterRecords } from "@roster/doc";
import { LoginResponseSchema } from "@roster/schema";
import { waitUntil } from "../wait";

/** One stock y-websocket client of a roster's records document. */
export interface BenchClient {
  rosterIndex: number;
  doc: Y.Doc;
  records: RosterRecords;
  provider: WebsocketProvider;
  /** Close codes the server sent this client (4429 would mean the rate limit bit). */
  closeCodes: number[];
}

/** `POST /api/login`, as the web app does; resolves to the token. */
export async function login(httpUrl: string, username: string, password: string): Promise<string> {
  return (await loginSession(httpUrl, username, password)).token;
}

/** `POST /api/login`; the token and the user id the web app writes as its edit-log actor. */
export async function loginSession(httpUrl: string, username: string, password: string): Promise<{ token: string; userId: string }> {
  const response = await fetch(`${httpUrl}/api/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) throw new Error(`bench: login of ${username} answered ${response.status}`);
  const body = LoginResponseSchema.parse(await response.json());
  return { token: body.token, userId: body.user.id };
}

/**
 * Connects a stock `WebsocketProvider` (Node `ws` as the WebSocket, no BroadcastChannel)
 * to `ws://…/sync/<rosterId>?token=…`, the URL both servers under test answer.
 */
export function connectClient(wsUrl: string, rosterId: string, rosterIndex: number, token: string | undefined): BenchClient {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${wsUrl}/sync`, rosterId, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: token ? { token } : {},
  });
  const client: BenchClient = { rosterIndex, doc, records: new RosterRecords(doc), provider, closeCodes: [] };
  provider.on("connection-close", (event) => {
    if (event) client.closeCodes.push(event.code);
  });
  return client;
}

/** Waits until every client is synced and holds the whole seeded roster. */
export async function waitAllSynced(clients: readonly BenchClient[], childrenPerRoster: number, timeoutMs: number): Promise<void> {
  await waitUntil(
    () => clients.every((c) => c.provider.synced && c.doc.getMap("children").size >= childrenPerRoster),
    timeoutMs,
    `${clients.length} clients to sync ${childrenPerRoster} children each`,
    50,
  );
}

/** Disconnects and frees every client. */
export function destroyClients(clients: readonly BenchClient[]): void {
  for (const client of clients) {
    client.provider.destroy();
    client.records.destroy();
    client.doc.destroy();
  }
}
