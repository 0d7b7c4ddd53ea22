// Oversize frames and presence floods against the real sync endpoint (default limits):
// a 70 MB frame closes with 4413 unread, and a read-only client's invented presence
// reaches the others as at most a bounded trickle.
import * as encoding from "lib0/encoding";
import { WebSocket } from "ws";
import { afterEach, describe, expect, it } from "vitest";
import { encodeAwareness } from "../src/sync/protocol";
import { aChildWithoutPid } from "./helpers/fixtures";
import { useSharedServer } from "./helpers/shared-server";
import { connectClient, rawSocket, sleep, whenSynced, type SyncClient } from "./helpers/sync-clients";
import { eventually } from "./helpers/wait";
import { ROSTERS, type UserKey } from "./helpers/world";

const shared = useSharedServer();
const sockets: WebSocket[] = [];
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.terminate();
});

function client(room: string, who: UserKey): SyncClient {
  const c = connectClient(shared.server.syncUrl, room, shared.sessions[who].token);
  shared.clients.push(c);
  return c;
}

async function admittedSocket(room: string, who: UserKey) {
  const socket = await rawSocket(`${shared.server.syncUrl}/${room}?token=${encodeURIComponent(shared.sessions[who].token)}`);
  sockets.push(socket.ws);
  // A query for presence gets an answer once the socket is admitted (a read-only one is
  // sent nothing unasked).
  socket.ws.send(Uint8Array.from([3]));
  await socket.firstFrame;
  return socket;
}

/** An awareness message (as y-protocols encodes it) for `states`: [clientId, clock, state]. */
function presence(states: [number, number, unknown][]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, states.length);
  for (const [id, clock, state] of states) {
    encoding.writeVarUint(encoder, id);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, JSON.stringify(state));
  }
  return encodeAwareness(encoding.toUint8Array(encoder));
}

describe("sync limits at the defaults", () => {
  it("syncs an ordinary edit, and closes a 70 MB frame from a stock ws client with 4413", async () => {
    const writer = client(ROSTERS.a5.id, "school");
    const reader = client(ROSTERS.a5.id, "police");
    await Promise.all([whenSynced(writer), whenSynced(reader)]);
    const id = writer.records().createChild(aChildWithoutPid({ fullName: "Lò Văn Páo" }));
    await eventually(() => expect(reader.records().getChild(id)?.fullName).toBe("Lò Văn Páo"));

    const { ws, closed } = await admittedSocket(ROSTERS.a5.id, "school");
    const frame = new Uint8Array(70 * 1024 * 1024);
    frame.set([0, 2]); // a sync update header, then 70 MB
    ws.send(frame);
    expect(await closed).toBe(4413);
  });

  it("relays a viewer's own presence, and at most a bounded amount of a presence flood", async () => {
    const { ws: observer } = await admittedSocket(ROSTERS.a5.id, "police");
    let awarenessBytes = 0;
    const seen = new Set<number>();
    observer.on("message", (data: Buffer) => {
      if (data[0] !== 1) return; // awareness frames only
      awarenessBytes += data.length;
      for (const id of [9_000_001, 9_000_002, ...Array.from({ length: 5 }, (_, i) => 100 + i)]) if (data.includes(Buffer.from(`"n":${id}`))) seen.add(id);
    });
    const { ws: viewer } = await admittedSocket(ROSTERS.a5.id, "viewer");
    // The legitimate path: the viewer's own tab shows up for the others.
    viewer.send(presence([[9_000_001, 1, { n: 9_000_001, user: "Cán bộ xem" }]]));
    await eventually(() => expect(seen.has(9_000_001)).toBe(true));
    const before = awarenessBytes;

    // The flood: 20,000 invented clients with 1 kB each (20 MB), in 200 frames, then
    // one new id per frame, then huge states for its own id.
    const padding = "x".repeat(1000);
    for (let f = 0; f < 200; f++) {
      viewer.send(presence(Array.from({ length: 100 }, (_, i) => [100_000 + f * 100 + i, 1, { n: 100_000 + f * 100 + i, padding }] as [number, number, unknown])));
    }
    for (let i = 0; i < 200; i++) viewer.send(presence([[100 + (i % 5) + i * 1000, 1, { n: 100 + i, padding }]]));
    for (let i = 0; i < 200; i++) viewer.send(presence([[9_000_001, 2 + i, { n: 9_000_001, padding: padding.repeat(20) }]]));
    // Someone else's id cannot be taken over either.
    viewer.send(presence([[9_000_002, 1, { n: 9_000_002 }]]));
    const { ws: other } = await admittedSocket(ROSTERS.a5.id, "school");
    other.send(presence([[9_000_002, 1, { n: 9_000_002, user: "Cô giáo" }]]));
    await eventually(() => expect(seen.has(9_000_002)).toBe(true));
    await sleep(1000);

    const relayed = awarenessBytes - before;
    // At most 3 more ids of ≤ 1 kB, well within the 20-update burst: a few kB, not 20 MB.
    expect(relayed).toBeLessThan(64 * 1024);
    expect(viewer.readyState).toBe(WebSocket.OPEN);
  });
});
