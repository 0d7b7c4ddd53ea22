import { HistoryEntrySchema, type HistoryEntry } from "@roster/schema";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { aCleanChild, aMother, seedRecords } from "./helpers/fixtures";
import { api } from "./helpers/http";
import { useSharedServer } from "./helpers/shared-server";
import { connectClient, whenSynced, type SyncClient } from "./helpers/sync-clients";
import { upload } from "./helpers/upload";
import { eventually } from "./helpers/wait";
import { ROSTERS, USERS, type UserKey } from "./helpers/world";

const ROSTER = ROSTERS.a5.id;
const shared = useSharedServer();
beforeAll(async () => {
  await seedRecords(shared.server.running.store, ROSTER, [aCleanChild()], [aMother()]);
});

function client(who: UserKey): SyncClient {
  const c = connectClient(shared.server.syncUrl, ROSTER, shared.sessions[who].token);
  shared.clients.push(c);
  return c;
}
const editor = (who: UserKey) => ({ id: shared.sessions[who].id, name: USERS[who].displayName });

/** The stored ids of the seeded child and its mother (the seed gives records ids of its own). */
function seeded(c: SyncClient): { an: string; mother: string } {
  const an = c.records().listChildren().find((x) => x.fullName === aCleanChild().fullName);
  return { an: an?.id ?? "", mother: an?.motherId ?? "" };
}

async function history(childId: string, who: UserKey = "viewer"): Promise<HistoryEntry[]> {
  const answer = await api(shared.server.url, `/api/rosters/${ROSTER}/children/${childId}/history`, { token: shared.sessions[who].token });
  expect(answer.status, answer.text).toBe(200);
  return z.array(HistoryEntrySchema).parse(answer.body);
}

describe("field history", () => {
  it("shows each change of the child and of its guardians, newest first, with who, from, to and where from", async () => {
    const school = client("school");
    const police = client("police");
    const hamlet = client("hamlet");
    await Promise.all([whenSynced(school), whenSynced(police), whenSynced(hamlet)]);
    const ids = seeded(school);
    const an = { id: ids.an };

    school.records().setChildField(an.id, "dob", "2015-03-15", editor("school"));
    await eventually(async () => expect((await history(an.id)).some((h) => h.field === "dob" && h.to === "2015-03-15")).toBe(true));
    await eventually(() => expect(police.records().getChild(an.id)?.dob).toBe("2015-03-15"));
    police.records().setChildField(an.id, "dob", "2015-03-14", editor("police"));
    await eventually(async () => expect((await history(an.id)).some((h) => h.field === "dob" && h.to === "2015-03-14")).toBe(true));
    hamlet.records().setGuardianField(ids.mother, "phone", "0987654321", editor("hamlet"));
    await eventually(async () => expect((await history(an.id)).some((h) => h.field === "mother.phone")).toBe(true));

    // A police verification is in the history too.
    const children = (await api(shared.server.url, `/api/rosters/${ROSTER}/children`, { token: shared.sessions.police.token })).body as { id: string; fingerprint: string }[];
    const fingerprint = children.find((c) => c.id === an.id)?.fingerprint;
    const verified = await api(shared.server.url, `/api/rosters/${ROSTER}/children/${an.id}/verify`, { method: "POST", token: shared.sessions.police.token, body: { fingerprint } });
    expect(verified.status, verified.text).toBe(200);

    const list = await history(an.id);
    expect(list.map((h) => [h.field, h.user, h.userName, h.from, h.to, h.source])).toEqual([
      ["verification", USERS.police.username, USERS.police.displayName, null, fingerprint, "verify"],
      ["mother.phone", USERS.hamlet.username, USERS.hamlet.displayName, "0912345678", "0987654321", "sync"],
      ["dob", USERS.police.username, USERS.police.displayName, "2015-03-15", "2015-03-14", "sync"],
      ["dob", USERS.school.username, USERS.school.displayName, "2015-03-14", "2015-03-15", "sync"],
    ]);
    expect(list[1]?.guardianId).toBe(ids.mother);
    const times = list.map((h) => Date.parse(h.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    // Every role that sees the roster may read it; the hamlet head of Tổ 5 too.
    expect((await history(an.id, "hamlet")).length).toBe(list.length);
  });

  it("names the imported file as the source of an imported child's fields", async () => {
    const csv = "Họ và tên,Ngày sinh,Giới tính\nLò Văn Pá,12/05/2016,Nam\n";
    const answer = await upload(shared.server.url, `/api/rosters/${ROSTER}/import`, shared.sessions.school.token, { name: "ds-lop-4b.csv", bytes: new TextEncoder().encode(csv) });
    expect(answer.status, answer.text).toBe(200);
    const children = (await api(shared.server.url, `/api/rosters/${ROSTER}/children`, { token: shared.sessions.school.token })).body as { id: string; fullName: string }[];
    const pa = children.find((c) => c.fullName === "Lò Văn Pá");
    expect(pa).toBeDefined();
    const list = await history(pa?.id ?? "");
    expect(list.find((h) => h.field === "fullName")).toMatchObject({ from: null, to: "Lò Văn Pá", source: "import:ds-lop-4b.csv", user: USERS.school.username });
    expect(list.every((h) => h.source === "import:ds-lop-4b.csv")).toBe(true);
  });

  it("is refused outside the reader's scope and answers 404 for an unknown child", async () => {
    const reader = client("viewer");
    await whenSynced(reader);
    const an = { id: seeded(reader).an };
    const path = `/api/rosters/${ROSTER}/children/${an.id}/history`;
    expect((await api(shared.server.url, path, { token: shared.sessions.viewer.token })).status).toBe(200);
    expect((await api(shared.server.url, path, { token: shared.sessions.bPolice.token })).status).toBe(403);
    expect((await api(shared.server.url, path)).status).toBe(401);
    expect((await api(shared.server.url, `/api/rosters/${ROSTER}/children/khong-co/history`, { token: shared.sessions.viewer.token })).status).toBe(404);
    expect((await api(shared.server.url, `/api/rosters/${ROSTERS.a7.id}/children/${an.id}/history`, { token: shared.sessions.hamlet.token })).status).toBe(403);
  });
});
