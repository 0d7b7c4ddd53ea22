import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer } from "ws";
import * as Y from "yjs";
import { docs, getYDoc, setupWSConnection } from "@y/websocket-server/utils";
import { serveParent } from "../child-rpc";
import { loopDelayHandler } from "../loop-delay";

// The reference: @y/websocket-server as its own `server.js` wires it (in memory, no auth,
// no durability), in a process of its own. `preload` puts the same seeded updates into
// its documents before any client connects. A connection to `/sync/<id>` gets the
// document `records:<id>`, the name our server stores it under.

const http = createServer((_request, response) => {
  response.writeHead(200, { "Content-Type": "text/plain" });
  response.end("okay");
});
const wss = new WebSocketServer({ noServer: true });
http.on("upgrade", (request, socket, head) => {
  const path = new URL(request.url ?? "/", "http://localhost").pathname;
  const docName = `records:${path.replace(/^\/sync\//, "")}`;
  wss.handleUpgrade(request, socket, head, (ws) => setupWSConnection(ws, request, { docName }));
});
await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));

serveParent(
  { port: (http.address() as AddressInfo).port },
  {
    preload: (payload) => {
      for (const { name, update } of payload as { name: string; update: Uint8Array }[]) Y.applyUpdate(getYDoc(name), update);
      return docs.size;
    },
    cpu: () => process.cpuUsage(),
    loop: loopDelayHandler(),
    stop: async () => {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      for (const doc of docs.values()) doc.destroy();
      docs.clear();
    },
  },
);
