import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer } from "ws";
import type { LiveConnections } from "./auth/live-connections";
import type { SessionService } from "./auth/sessions";
import { rosterFor } from "./api/roster-access";
import type { ChangeContext } from "./audit/change-origin";
import { RosterError } from "./errors";
import type { Logger } from "./observability/logger";
import type { RosterHub } from "./rosters/roster-hub";
import type { AccountStore } from "./storage/store";
import { CloseCode, CloseReason, SyncCloseError, isReadOnlySync, parseSyncPath, serveWebSocket, type CloseCodeValue } from "./sync";

/** How long shutdown waits for clients to answer the close frame before cutting them. */
const CLOSE_HANDSHAKE_MS = 1000;

export interface SyncEndpointOptions {
  hub: RosterHub;
  sessions: SessionService;
  live: LiveConnections;
  store: AccountStore;
  logger: Logger;
  maxMessageBytes: number;
}

/**
 * `ws://HOST/sync/<rosterId>[/review]?token=…`: authenticates every connection and checks
 * the user's role and commune before it reaches a document. The upgrade is accepted first
 * and then refused with a close code, because a browser cannot read the HTTP status of a
 * refused upgrade (4401 token, 4403 scope, 4404 unknown roster).
 */
export function createSyncEndpoint(options: SyncEndpointOptions) {
  // Exactly the limit: ws refuses a larger frame from its header, before reading it, and
  // `serveWebSocket` makes that refusal a 4413 (`closeOversizeWith4413`).
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes });

  const handleUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const url = new URL(request.url ?? "/", "http://localhost");
    if (!url.pathname.startsWith("/sync")) {
      socket.destroy();
      return;
    }
    const target = parseSyncPath(url.pathname);
    wss.handleUpgrade(request, socket, head, (ws) => {
      void serveWebSocket(
        ws,
        async (syncSocket) => {
          if (!target) throw new SyncCloseError(CloseCode.NotFound);
          const token = url.searchParams.get("token");
          // The same checks as every HTTP route, refused with the close code of their error.
          const admit = () =>
            closingWithCodeOf(async () => {
              const authenticated = await options.sessions.authenticate(token);
              const roster = await rosterFor(authenticated.user, target.rosterId, options.store);
              return { ...authenticated, roster, readOnly: isReadOnlySync(target.kind, authenticated.user.role, roster.archived) };
            });
          const { user, session, roster, readOnly } = await admit();
          const context: ChangeContext & { role: string } = {
            user: { id: user.id, username: user.username, displayName: user.displayName },
            role: user.role,
          };
          const connection = await options.hub.roster(roster).connect(target.kind, syncSocket, { readOnly, context });
          // The admission's checks run again: closes the connection if they no longer pass, or
          // pass with another access (read-only or not) than it was admitted with.
          const recheck = () =>
            void admit().then(
              (again) => {
                if (again.readOnly !== readOnly) connection.close(CloseCode.AccessChanged);
              },
              (error: unknown) => connection.close(error instanceof SyncCloseError ? (error.code as CloseCodeValue) : CloseCode.InternalError),
            );
          const forget = options.live.add({
            userId: user.id,
            sessionId: session.id,
            rosterId: roster.id,
            kind: target.kind,
            readOnly,
            close: (code, reason) => connection.close(code as CloseCodeValue, reason),
            recheck,
          });
          ws.once("close", forget);
          if (ws.readyState === ws.CLOSED) forget();
          // An account change made while this socket was being admitted found no connection
          // to close: check once more now that it is registered (in the background, so the
          // client's first frames are served at once).
          recheck();
          return connection;
        },
        { logger: { warn: (m, f) => options.logger.warn("sync.ws", { message: m, ...f }), error: (m, f) => options.logger.error("sync.ws", { message: m, ...f }) } },
      );
    });
  };

  return {
    handleUpgrade,
    /** Closes the sockets no room holds yet (still being admitted) with 1012, then stops. */
    close: async () => {
      for (const client of wss.clients) client.close(CloseCode.ServiceRestart, CloseReason[CloseCode.ServiceRestart]);
      // A client that does not answer the closing handshake is cut after a short bound.
      const deadline = Date.now() + CLOSE_HANDSHAKE_MS;
      while (wss.clients.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

/** Runs `admit`; a `RosterError` that names a close code (errors.ts) becomes that refusal. */
async function closingWithCodeOf<T>(admit: () => Promise<T>): Promise<T> {
  try {
    return await admit();
  } catch (error) {
    if (error instanceof RosterError && error.closeCode !== undefined) throw new SyncCloseError(error.closeCode);
    throw error;
  }
}
