// Police verification end to end: REST stamps, the review document as a stock client
// sees it, and an identity edit over sync that makes the stamp stale.
import { ChildViewSchema, ErrorBodySchema, VerificationSchema, type ChildView } from "@roster/schema";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { aChildWithoutPid, aCleanChild, aMother, seedRecords } from "./helpers/fixtures";
import { api } from "./helpers/http";
import { connectClient, whenSynced, type SyncClient } from "./helpers/sync-clients";
import { useSharedServer } from "./helpers/shared-server";
import { eventually, heldWithin } from "./helpers/wait";
import { ROSTERS, USERS, type UserKey } from "./helpers/world";

/** DESIGN.md: "Marks follow a change within 1 second." */
const MARK_DEADLINE_MS = 1_000;
const ROSTER = ROSTERS.a5.id;

/** The server's clock runs three days ahead: stamps must take their time from it, not from `new Date()`. */
const CLOCK_AHEAD_MS = 3 * 86_400_000;
const shared = useSharedServer({}, undefined, { now: () => new Date(Date.now() + CLOCK_AHEAD_MS) });

beforeAll(async () => {
  await seedRecords(
    shared.server.running.store,
    ROSTER,
    [aCleanChild(), { id: "c-hoa", ...aChildWithoutPid() }, aCleanChild({ id: "c-lan", fullName: "Lê Thị Lan", gender: "female", pid: "001315004321", bhyt: "HS4010155555555" }),
      aCleanChild({ id: "c-minh", fullName: "Đỗ Văn Minh", pid: "001215067890", bhyt: "HS4010111112222" }),
    ],
    [aMother()],
  );
});

function client(room: string, who: UserKey): SyncClient {
  const c = connectClient(shared.server.syncUrl, room, shared.sessions[who].token);
  shared.clients.push(c);
  return c;
}

async function childNamed(fullName: string): Promise<ChildView> {
  const answer = await api(shared.server.url, `/api/rosters/${ROSTER}/children`, { token: shared.sessions.police.token });
  const child = z.array(ChildViewSchema).parse(answer.body).find((c) => c.fullName === fullName);
  if (!child?.fingerprint) throw new Error(`no ${fullName} with a fingerprint`);
  return child;
}

const verify = (childId: string, fingerprint: unknown, who: UserKey = "police") =>
  api(shared.server.url, `/api/rosters/${ROSTER}/children/${childId}/verify`, { method: "POST", token: shared.sessions[who].token, body: { fingerprint } });
const revoke = (childId: string, who: UserKey = "police") =>
  api(shared.server.url, `/api/rosters/${ROSTER}/children/${childId}/verify`, { method: "DELETE", token: shared.sessions[who].token });

describe("police verification", () => {
  it("stamps a clean child, shows it in the review doc, goes stale on an identity edit, and is revoked", async () => {
    const review = client(`${ROSTER}/review`, "police");
    const school = client(ROSTER, "school");
    const witness = client(ROSTER, "social");
    await Promise.all([whenSynced(review), whenSynced(school), whenSynced(witness)]);
    const an = await childNamed("Nguyễn Văn An");
    expect(an.status).toBe("clean");

    const answer = await verify(an.id, an.fingerprint);
    expect(answer.status, answer.text).toBe(200);
    const stamp = VerificationSchema.parse(answer.body);
    expect(stamp).toMatchObject({ by: shared.sessions.police.id, byName: USERS.police.displayName, fingerprint: an.fingerprint });
    expect(Date.parse(stamp.at) - Date.now()).toBeGreaterThan(CLOCK_AHEAD_MS - 60_000);
    const shown = await heldWithin(() => {
      const r = review.review();
      return r.verification(an.id)?.fingerprint === an.fingerprint && r.mark(an.id)?.status === "verified";
    }, MARK_DEADLINE_MS);
    expect(shown, "verification and `verified` mark in the review doc within 1 s").toBe(true);
    expect((await api(shared.server.url, `/api/rosters/${ROSTER}/children?status=verified`, { token: shared.sessions.viewer.token })).body).toEqual([
      expect.objectContaining({ id: an.id, status: "verified" }),
    ]);

    // A school fixes the spelling of the name: the police verified another identity.
    school.records().setChildField(an.id, "fullName", "Nguyễn Văn Ân", { id: shared.sessions.school.id, name: USERS.school.displayName });
    await eventually(() => expect(witness.records().getChild(an.id)?.fullName).toBe("Nguyễn Văn Ân"));
    const dropped = await heldWithin(() => {
      const mark = review.review().mark(an.id);
      return mark !== undefined && mark.status !== "verified" && mark.codes.includes("verification.stale");
    }, MARK_DEADLINE_MS);
    expect(dropped, "mark left `verified` with verification.stale within 1 s of the acknowledged edit").toBe(true);
    expect(["clean", "needs-fix"]).toContain(review.review().mark(an.id)?.status);
    const edited = await childNamed("Nguyễn Văn Ân");
    expect(edited.status).toBe("clean");
    expect(edited.findings.map((f) => f.code)).toContain("verification.stale");

    // The old fingerprint no longer matches; the new one can be verified, then revoked.
    const stale = await verify(an.id, an.fingerprint);
    expect(stale.status).toBe(409);
    expect(ErrorBodySchema.parse(stale.body).error.code).toBe("fingerprint_stale");
    expect((await verify(an.id, edited.fingerprint)).status).toBe(200);
    await eventually(() => expect(review.review().mark(an.id)?.status).toBe("verified"));

    const revoked = await revoke(an.id);
    expect(revoked.status).toBe(200);
    const cleared = await heldWithin(() => {
      const r = review.review();
      const mark = r.mark(an.id);
      return r.verification(an.id) === undefined && mark?.status === "clean" && !mark.codes.includes("verification.stale");
    }, MARK_DEADLINE_MS);
    expect(cleared, "revocation shown in the review doc within 1 s").toBe(true);
    expect((await childNamed("Nguyễn Văn Ân")).status).toBe("clean");
    expect((await revoke(an.id)).status).toBe(404);
  });

  it("an edit outside the verified identity (grade, health book) keeps the record verified", async () => {
    const school = client(ROSTER, "school");
    const witness = client(ROSTER, "social");
    await Promise.all([whenSynced(school), whenSynced(witness)]);
    const lan = await childNamed("Lê Thị Lan");
    expect((await verify(lan.id, lan.fingerprint)).status).toBe(200);
    school.records().updateChild(lan.id, { grade: "6A", healthBook: true }, { id: shared.sessions.school.id, name: USERS.school.displayName });
    await eventually(() => expect(witness.records().getChild(lan.id)?.healthBook).toBe(true));
    const after = await childNamed("Lê Thị Lan");
    expect(after).toMatchObject({ status: "verified", grade: "6A", fingerprint: lan.fingerprint });
    expect((await revoke(lan.id)).status).toBe(200);
  });

  it.each<UserKey>(["admin", "social", "school", "hamlet", "viewer"])("%s may not verify nor revoke (403)", async (who) => {
    const lan = await childNamed("Lê Thị Lan");
    const answer = await verify(lan.id, lan.fingerprint, who);
    expect(answer.status).toBe(403);
    expect(ErrorBodySchema.parse(answer.body).error.code).toBe("not_police");
    expect((await childNamed("Lê Thị Lan")).status).toBe("clean");
    expect((await verify(lan.id, lan.fingerprint)).status).toBe(200);
    expect((await revoke(lan.id, who)).status).toBe(403);
    expect((await childNamed("Lê Thị Lan")).status).toBe("verified");
    expect((await revoke(lan.id)).status).toBe(200);
  });

  it("a child with errors cannot be verified (409 has_errors)", async () => {
    const hoa = await childNamed("Phạm Thị Hoa");
    expect(hoa.status).toBe("needs-fix");
    const answer = await verify(hoa.id, hoa.fingerprint);
    expect(answer.status).toBe(409);
    expect(ErrorBodySchema.parse(answer.body).error.code).toBe("has_errors");
    expect((await childNamed("Phạm Thị Hoa")).status).toBe("needs-fix");
  });

  it("a value in dispute on a verified field blocks verification (409 verify.conflict) until police settle it", async () => {
    const school = client(ROSTER, "school");
    const hamlet = client(ROSTER, "hamlet");
    const witness = client(ROSTER, "social");
    await Promise.all([whenSynced(school), whenSynced(hamlet), whenSynced(witness)]);
    const minh = await childNamed("Đỗ Văn Minh");
    // The same record, undisputed, verifies.
    expect((await verify(minh.id, minh.fingerprint)).status).toBe(200);
    expect((await revoke(minh.id)).status).toBe(200);

    // School and hamlet head each type a date of birth while offline: day and month swapped.
    school.provider.disconnect();
    hamlet.provider.disconnect();
    school.records().setChildField(minh.id, "dob", "2015-01-02", { id: shared.sessions.school.id, name: USERS.school.displayName });
    hamlet.records().setChildField(minh.id, "dob", "2015-02-01", { id: shared.sessions.hamlet.id, name: USERS.hamlet.displayName });
    // A disagreement outside the verified identity does not stand in the way.
    school.records().setChildField(minh.id, "grade", "5B", { id: shared.sessions.school.id, name: USERS.school.displayName });
    hamlet.records().setChildField(minh.id, "grade", "5C", { id: shared.sessions.hamlet.id, name: USERS.hamlet.displayName });
    school.provider.connect();
    hamlet.provider.connect();
    await eventually(() => expect(witness.records().conflictsOf("child", minh.id).map((c) => c.field)).toEqual(["dob", "grade"]));
    let disputed = minh;
    await eventually(async () => {
      disputed = await childNamed("Đỗ Văn Minh");
      expect(disputed.findings.filter((f) => f.code === "conflict.field").map((f) => f.field)).toEqual(["dob", "grade"]);
    });
    expect(disputed.status).toBe("clean");

    const refused = await verify(minh.id, disputed.fingerprint);
    expect(refused.status).toBe(409);
    const error = ErrorBodySchema.parse(refused.body).error;
    expect(error.code).toBe("verify.conflict");
    expect(error.message).toContain("dob");
    expect(error.message).not.toContain("grade");
    expect((await childNamed("Đỗ Văn Minh")).status).toBe("clean");
    expect(witness.review().verification(minh.id)).toBeUndefined();

    // Police settle the date of birth from the birth certificate; the grade may wait.
    school.records().resolveConflict("child", minh.id, "dob", "2015-01-02", { id: shared.sessions.police.id, name: USERS.police.displayName });
    let settled = disputed;
    await eventually(async () => {
      settled = await childNamed("Đỗ Văn Minh");
      expect(settled.findings.filter((f) => f.code === "conflict.field").map((f) => f.field)).toEqual(["grade"]);
    });
    expect(settled.dob).toBe("2015-01-02");
    expect((await verify(minh.id, settled.fingerprint)).status).toBe(200);
    expect((await childNamed("Đỗ Văn Minh")).status).toBe("verified");
  });

  it("a fingerprint the record never had is stale (409), a malformed one is a 400, an unknown child a 404", async () => {
    const lan = await childNamed("Lê Thị Lan");
    const stale = await verify(lan.id, "a".repeat(64));
    expect(stale.status).toBe(409);
    expect(ErrorBodySchema.parse(stale.body).error.code).toBe("fingerprint_stale");
    expect((await verify(lan.id, "khong-phai-dau-van-tay")).status).toBe(400);
    expect((await verify("c-khong-co", lan.fingerprint)).status).toBe(404);
  });

  it("the audit names the officer who verified and who revoked", async () => {
    const lan = await childNamed("Lê Thị Lan");
    const audit = await api(shared.server.url, `/api/rosters/${ROSTER}/audit?childId=${lan.id}`, { token: shared.sessions.admin.token });
    const entries = (audit.body as { field: string; user: string; from: unknown; to: unknown }[]).filter((e) => e.field === "verification");
    expect(entries.length).toBeGreaterThanOrEqual(2);
    for (const entry of entries) expect(entry.user).toBe(USERS.police.username);
    expect(entries.some((e) => e.to === lan.fingerprint && e.from === null)).toBe(true);
    expect(entries.some((e) => e.from === lan.fingerprint && e.to === null)).toBe(true);
  });
});
