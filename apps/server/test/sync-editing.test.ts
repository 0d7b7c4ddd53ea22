// Sync end to end: the real server (in process, port 0, SQLite in a temporary DATA_DIR)
// and the stock y-websocket `WebsocketProvider`, editing through `RosterRecords` as the
// PWA does.
import { ChildViewSchema } from "@roster/schema";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { aChildWithoutPid } from "./helpers/fixtures";
import { api } from "./helpers/http";
import { barrier, connectClient, whenSynced, type SyncClient } from "./helpers/sync-clients";
import { useSharedServer } from "./helpers/shared-server";
import { eventually } from "./helpers/wait";
import { COMMUNE_A, ROSTERS, USERS, type UserKey } from "./helpers/world";

const shared = useSharedServer();

function client(room: string, who: UserKey): SyncClient {
  const c = connectClient(shared.server.syncUrl, room, shared.sessions[who].token);
  shared.clients.push(c);
  return c;
}

const editor = (who: UserKey) => ({ id: shared.sessions[who].id, name: USERS[who].displayName });

async function childrenOverRest(rosterId: string, who: UserKey = "admin") {
  const answer = await api(shared.server.url, `/api/rosters/${rosterId}/children`, { token: shared.sessions[who].token });
  expect(answer.status).toBe(200);
  return z.array(ChildViewSchema).parse(answer.body);
}

describe("records document over the stock provider", () => {
  it("two editors of one roster converge, field by field", async () => {
    const police = client(ROSTERS.a5.id, "police");
    const school = client(ROSTERS.a5.id, "school");
    await Promise.all([whenSynced(police), whenSynced(school)]);

    const id = school.records().createChild(aChildWithoutPid({ fullName: "Lò Văn Pấng", ethnicity: "03" }));
    await eventually(() => expect(police.records().getChild(id)?.fullName).toBe("Lò Văn Pấng"));

    // Both type at the same moment into different fields of the same child.
    police.records().setChildField(id, "pid", "014216004521", editor("police"));
    school.records().setChildField(id, "grade", "4B", editor("school"));
    await eventually(() => {
      expect(school.records().getChild(id)).toMatchObject({ pid: "014216004521", grade: "4B" });
      expect(police.records().getChild(id)).toMatchObject({ pid: "014216004521", grade: "4B" });
    });
    expect(police.doc.getMap("children").toJSON()).toEqual(school.doc.getMap("children").toJSON());
    const stored = (await childrenOverRest(ROSTERS.a5.id)).find((c) => c.id === id);
    expect(stored).toMatchObject({ fullName: "Lò Văn Pấng", pid: "014216004521", grade: "4B" });
  });

  it("an editor who went offline keeps its edits and receives the others' on reconnecting", async () => {
    const social = client(ROSTERS.a5.id, "social");
    const hamlet = client(ROSTERS.a5.id, "hamlet");
    const police = client(ROSTERS.a5.id, "police");
    await Promise.all([whenSynced(social), whenSynced(hamlet), whenSynced(police)]);
    const id = social.records().createChild(aChildWithoutPid({ fullName: "Hà Thị Mỷ" }));
    await eventually(() => expect(hamlet.records().getChild(id)).toBeDefined());

    hamlet.provider.disconnect();
    hamlet.records().setChildField(id, "address", "Nhà ông Hà Văn Sủ, ngõ 3", editor("hamlet"));
    social.records().setChildField(id, "healthBook", true, editor("social"));
    // The online edit reaches the other online client, never the offline one.
    await eventually(() => expect(police.records().getChild(id)?.healthBook).toBe(true));
    expect(hamlet.records().getChild(id)?.healthBook).toBe(false);
    expect(police.records().getChild(id)?.address).not.toBe("Nhà ông Hà Văn Sủ, ngõ 3");

    hamlet.provider.connect();
    await eventually(() => {
      for (const c of [social, hamlet, police]) {
        expect(c.records().getChild(id)).toMatchObject({ address: "Nhà ông Hà Văn Sủ, ngõ 3", healthBook: true });
      }
    });
    const stored = (await childrenOverRest(ROSTERS.a5.id)).find((c) => c.id === id);
    expect(stored).toMatchObject({ address: "Nhà ông Hà Văn Sủ, ngõ 3", healthBook: true });
  });

  it("a viewer reads the roster but its writes reach nobody and are not stored", async () => {
    const viewer = client(ROSTERS.a7.id, "viewer");
    const school = client(ROSTERS.a7.id, "school");
    const police = client(ROSTERS.a7.id, "police");
    await Promise.all([whenSynced(viewer), whenSynced(school), whenSynced(police)]);

    const seen = school.records().createChild(aChildWithoutPid({ fullName: "Vàng Thị Dế" }));
    await eventually(() => expect(viewer.records().getChild(seen)?.fullName).toBe("Vàng Thị Dế"));

    const ghost = viewer.records().createChild(aChildWithoutPid({ fullName: "Bản Ghi Của Người Xem" }));
    viewer.records().setChildField(seen, "note", "người xem sửa", editor("viewer"));
    await barrier(viewer, school, "viewer-wrote");
    // The server handled the viewer's writes before the marker; an editor's later change
    // is persisted and relayed after anything it accepted before, so once the police see
    // this one, they would have seen the viewer's.
    school.records().setChildField(seen, "grade", "3C", editor("school"));
    await eventually(() => expect(police.records().getChild(seen)?.grade).toBe("3C"));
    for (const other of [school, police]) {
      expect(other.records().getChild(ghost)).toBeUndefined();
      expect(other.records().getChild(seen)?.note ?? null).toBeNull();
    }

    for (const c of shared.clients.splice(0)) c.destroy();
    shared.server = await shared.server.restart();
    const stored = await childrenOverRest(ROSTERS.a7.id);
    expect(stored.map((c) => c.fullName)).toContain("Vàng Thị Dế");
    expect(stored.map((c) => c.fullName)).not.toContain("Bản Ghi Của Người Xem");
    expect(stored.find((c) => c.id === seen)).toMatchObject({ grade: "3C" });
    expect(stored.find((c) => c.id === seen)?.note ?? null).toBeNull();
    const audit = await api(shared.server.url, `/api/rosters/${ROSTERS.a7.id}/audit`, { token: shared.sessions.admin.token });
    expect(audit.text).not.toContain(USERS.viewer.username);
  });
});

describe("review document", () => {
  it("names its roster and drops every client's write", async () => {
    const police = client(`${ROSTERS.a5.id}/review`, "police");
    const witness = client(`${ROSTERS.a5.id}/review`, "school");
    const writer = client(ROSTERS.a5.id, "school");
    await Promise.all([whenSynced(police), whenSynced(witness), whenSynced(writer)]);
    expect(witness.review().meta()).toEqual({ rosterId: ROSTERS.a5.id, name: ROSTERS.a5.name, commune: ROSTERS.a5.commune, communeName: COMMUNE_A.name });

    const id = writer.records().createChild(aChildWithoutPid({ fullName: "Giàng A Páo", gender: "male" }));
    await eventually(() => expect(witness.review().mark(id)?.status).toBe("needs-fix"));
    // A police officer's client forges a verification and a mark straight into the review doc.
    const forged = { status: "verified" as const, codes: [], fingerprint: "f".repeat(64), at: new Date().toISOString() };
    police.review().setMark(id, forged);
    police.review().setVerification(id, { by: shared.sessions.police.id, byName: "giả mạo", at: forged.at, fingerprint: forged.fingerprint });
    await barrier(police, witness, "forged");

    // A later server write to the review doc is relayed after anything it accepted earlier.
    writer.records().setChildField(id, "pid", "002216001234", editor("school"));
    await eventually(() => expect(witness.review().mark(id)?.codes).not.toContain("pid.missing"));
    expect(witness.review().verification(id)).toBeUndefined();
    expect(witness.review().mark(id)?.status).not.toBe("verified");
    const stored = (await childrenOverRest(ROSTERS.a5.id)).find((c) => c.id === id);
    expect(stored?.status).not.toBe("verified");
  });
});
