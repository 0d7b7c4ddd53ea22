// What the sync endpoint refuses, and that a hostile client only ever hurts its own
// connection: close codes of DESIGN.md "Sync", oversize and garbage frames.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { TokenService } from "../src/auth/tokens";
import { aChildWithoutPid } from "./helpers/fixtures";
import { garbageBytes, garbageText, randomSource } from "./helpers/garbage";
import { api } from "./helpers/http";
import { closeCodeFor, connectClient, rawSocket, sleep, whenSynced, type SyncClient } from "./helpers/sync-clients";
import { useSharedServer } from "./helpers/shared-server";
import { eventually } from "./helpers/wait";
import { ROSTERS, type UserKey } from "./helpers/world";

const MAX_MESSAGE_BYTES = 65_536;

const sockets: { terminate(): void }[] = [];

const shared = useSharedServer({ MAX_MESSAGE_BYTES: String(MAX_MESSAGE_BYTES) });

afterEach(() => {
  for (const socket of sockets.splice(0)) socket.terminate();
});

function client(room: string, who: UserKey): SyncClient {
  const c = connectClient(shared.server.syncUrl, room, shared.sessions[who].token);
  shared.clients.push(c);
  return c;
}

const urlOf = (path: string, token?: string) => `${shared.server.syncUrl}/${path}${token === undefined ? "" : `?token=${encodeURIComponent(token)}`}`;

async function admittedSocket(path: string, who: UserKey) {
  const socket = await rawSocket(urlOf(path, shared.sessions[who].token));
  sockets.push(socket.ws);
  await socket.firstFrame; // the server's sync step 1: authenticated and in the room
  return socket;
}

/** A token signed with the server's own secret whose lifetime ended a minute ago. */
async function expiredToken(userId: string): Promise<string> {
  const secret = readFileSync(join(shared.server.dataDir, "token-secret"), "utf8").trim();
  return (await new TokenService(secret, -60).issue(userId, "phien-cu")).token;
}

describe("who may connect", () => {
  it.each<[string, () => Promise<string | undefined>]>([
    ["no token", async () => undefined],
    ["an empty token", async () => ""],
    ["a malformed token", async () => "khong-phai-token"],
    ["a token signed with another secret", async () => (await new TokenService("x".repeat(48), 3600).issue(shared.sessions.police.id, "phien-la")).token],
    ["an expired token", () => expiredToken(shared.sessions.police.id)],
    ["a valid token of an unknown user", async () => {
      const secret = readFileSync(join(shared.server.dataDir, "token-secret"), "utf8").trim();
      return (await new TokenService(secret, 3600).issue("nguoi-dung-da-xoa", "phien-la")).token;
    }],
  ])("%s: closed with 4401 on records and review", async (_name, token) => {
    const value = await token();
    expect(await closeCodeFor(urlOf(ROSTERS.a5.id, value))).toBe(4401);
    expect(await closeCodeFor(urlOf(`${ROSTERS.a5.id}/review`, value))).toBe(4401);
  });

  it("the expired token is refused by REST too, while a fresh one of the same user is accepted", async () => {
    const expired = await api(shared.server.url, "/api/me", { token: await expiredToken(shared.sessions.police.id) });
    expect(expired.status).toBe(401);
    expect((await api(shared.server.url, "/api/me", { token: shared.sessions.police.token })).status).toBe(200);
  });

  it.each<[string, UserKey, string, number]>([
    ["a police officer of another commune, records", "bPolice", ROSTERS.a5.id, 4403],
    ["a police officer of another commune, review", "bPolice", `${ROSTERS.a5.id}/review`, 4403],
    ["a school of commune A on commune B's roster", "school", ROSTERS.b2.id, 4403],
    ["a hamlet head on a roster not assigned to it", "hamlet", ROSTERS.a7.id, 4403],
    ["a hamlet head on the review of a roster not assigned to it", "hamlet", `${ROSTERS.a7.id}/review`, 4403],
    ["an unknown roster", "admin", "thon-khong-ton-tai", 4404],
    ["an unknown roster's review", "admin", "thon-khong-ton-tai/review", 4404],
    ["a malformed roster id", "admin", "Th%C3%B4n%201", 4404],
    ["an unknown document of a roster", "admin", `${ROSTERS.a5.id}/ghi-chu`, 4404],
  ])("%s: closed with %s", async (_name, who, path, code) => {
    expect(await closeCodeFor(urlOf(path, shared.sessions[who].token))).toBe(code);
  });

  it("the stock provider stops reconnecting when refused and reports the code", async () => {
    const outsider = client(ROSTERS.a5.id, "bSchool");
    await expect(whenSynced(outsider)).rejects.toThrow("closed with 4403");
    expect(outsider.provider.shouldConnect).toBe(false);
    const hamlet = client(ROSTERS.a5.id, "hamlet");
    await whenSynced(hamlet); // the assigned roster is open to it
  });
});

describe("hostile frames", () => {
  it("a frame above MAX_MESSAGE_BYTES closes that connection with 4413, and only it", async () => {
    const bystander = client(ROSTERS.a5.id, "police");
    const writer = client(ROSTERS.a5.id, "school");
    await Promise.all([whenSynced(bystander), whenSynced(writer)]);
    const { ws, closed } = await admittedSocket(ROSTERS.a5.id, "school");
    // A well-formed sync update header followed by more bytes than the limit allows.
    ws.send(Uint8Array.from([0, 2, ...new Uint8Array(MAX_MESSAGE_BYTES + 16)]));
    expect(await closed).toBe(4413);

    const id = writer.records().createChild(aChildWithoutPid({ fullName: "Mùa Thị Sua" }));
    await eventually(() => expect(bystander.records().getChild(id)?.fullName).toBe("Mùa Thị Sua"));
  });

  it("200 garbage frames (binary and text) crash nothing: other rosters keep syncing, the roster stays readable", async () => {
    const bPolice = client(ROSTERS.b2.id, "bPolice");
    const bSchool = client(ROSTERS.b2.id, "bSchool");
    await Promise.all([whenSynced(bPolice), whenSynced(bSchool)]);
    const next = randomSource(20260608);
    const frame = (i: number) => (i % 3 === 0 ? garbageText(next, 200) : garbageBytes(next, 400));

    // 1. 200 frames at once on one connection, before the server even admitted it.
    const early = await rawSocket(urlOf(ROSTERS.a7.id, shared.sessions.school.token));
    sockets.push(early.ws);
    for (let i = 0; i < 200; i++) early.ws.send(frame(i));
    // 2. 200 frames on one admitted connection.
    const admitted = await admittedSocket(ROSTERS.a7.id, "school");
    for (let i = 0; i < 200; i++) admitted.ws.send(frame(i));
    // 3. One frame per admitted connection, each with a real message type in front, so
    //    the update, awareness and sync-step decoders all see garbage.
    const prefixes = [[0, 0], [0, 1], [0, 2], [1], [3], [2], [0], [0, 2, 200, 1], [1, 5, 1]];
    const singles = [];
    for (let i = 0; i < 45; i++) {
      const socket = await admittedSocket(ROSTERS.a7.id, "school");
      socket.ws.send(garbageBytes(next, 120, prefixes[i % prefixes.length]));
      singles.push(socket);
    }
    // A protocol error, a rate limit or an early-frame overflow: never a crash nor a
    // server error (1011).
    expect([4400, 4429]).toContain(await early.closed);
    expect(await admitted.closed).toBe(4400);

    // Meanwhile, clients of another commune's roster keep syncing.
    bSchool.records().setChildField(
      bSchool.records().createChild(aChildWithoutPid({ fullName: "Lâm Thị Ngọc Hân" })),
      "grade",
      "2A",
      { id: shared.sessions.bSchool.id, name: "Thầy Tài" },
    );
    await eventually(() => expect(bPolice.records().listChildren().map((c) => c.fullName)).toContain("Lâm Thị Ngọc Hân"));

    // Each single frame either closes its own connection as a protocol error or happens to
    // decode as something harmless (an empty awareness update): never a server error.
    const outcomes = await Promise.all(singles.map((s) => Promise.race([s.closed, sleep(300).then(() => "open" as const)])));
    for (const outcome of outcomes) expect([4400, "open"]).toContain(outcome);
    expect(outcomes.filter((o) => o === 4400).length).toBeGreaterThan(30);
    for (const socket of singles) socket.ws.terminate();
    expect((await api(shared.server.url, "/healthz")).status).toBe(200);
    // The attacked roster still serves its editors and its REST readers.
    const fresh = client(ROSTERS.a7.id, "police");
    const other = client(ROSTERS.a7.id, "social");
    await Promise.all([whenSynced(fresh), whenSynced(other)]);
    const id = fresh.records().createChild(aChildWithoutPid({ fullName: "Sùng Thị Mỷ" }));
    await eventually(() => expect(other.records().getChild(id)?.fullName).toBe("Sùng Thị Mỷ"));
    const listed = await api(shared.server.url, `/api/rosters/${ROSTERS.a7.id}/children`, { token: shared.sessions.admin.token });
    expect(listed.status).toBe(200);
    expect(listed.text).toContain("Sùng Thị Mỷ");
  });
});
