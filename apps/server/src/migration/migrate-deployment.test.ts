import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { TOKEN_SECRET_KEY } from "../auth/token-secret";
import { PostgresStore } from "../storage/postgres-store";
import { type TestDatabase, createTestDatabase, queryTestDatabase } from "../storage/postgres-test-database";
import { SqliteExport } from "../storage/sqlite-export";
import { SqliteStore } from "../storage/sqlite-store";
import { bytes } from "../storage/store-contract-data";
import { tempDir, type TempDir } from "../../test/helpers/temp-dir";
import { MigrationCheckError, checkMigration } from "./check-migration";
import { migrateDeployment } from "./migrate-deployment";

const T0 = "2026-06-01T07:00:00.000Z";
const SECRET = "bi-mat-ky-token-cua-kho-nhung-dai-hon-32-ky-tu";

let dir: TempDir;
let database: TestDatabase;
const open: { close(): Promise<void> }[] = [];

beforeEach(async () => {
  dir = tempDir("roster-migrate-unit-");
  database = await createTestDatabase();
});

afterEach(async () => {
  for (const store of open.splice(0)) await store.close();
  dir.remove();
  await database.drop();
});

/** A small embedded deployment holding a row of every kind. */
async function fill(store: SqliteStore): Promise<void> {
  await store.addCommune({ code: "25252", name: "Xã Tân Phú" });
  await store.addRoster({ id: "ap-1", name: "Ấp 1", commune: "25252" });
  await store.addRoster({ id: "ap-cu", name: "Ấp cũ", commune: "25252" });
  await store.updateRoster("ap-cu", { archived: true });
  await store.addUser({ id: "u-lan", username: "Lan.Nguyen", displayName: "Nguyễn Thị Lan", role: "hamlet", commune: "25252", passwordHash: "scrypt$lan", createdAt: T0, disabled: false, rosters: ["ap-1"] });
  await store.addUser({ id: "u-tinh", username: "tinh.01", displayName: "Sở Y tế", role: "province", commune: "", province: "01", passwordHash: "scrypt$tinh", createdAt: T0, disabled: true });
  await store.updateUser("u-lan", { lastLoginAt: "2026-06-02T01:02:03.456Z" });
  await store.addSession({ id: "s-1", userId: "u-lan", device: "Chrome trên Android", createdAt: T0, lastUsedAt: T0, expiresAt: "2099-01-01T00:00:00.000Z" });
  await store.revokeSession("s-1", "2026-06-01T08:00:00.000Z");
  await store.addSession({ id: "s-2", userId: "u-lan", device: "Firefox", createdAt: T0, lastUsedAt: T0, expiresAt: "2099-01-01T00:00:00.000Z" });
  await store.addPasswordCode({ codeHash: "hash-of-code", userId: "u-lan", createdAt: T0, expiresAt: "2099-01-01T00:00:00.000Z" });
  await store.appendSecurityEvent({ commune: "25252", at: T0, actor: "admin", target: "Lan.Nguyen", action: "user.reset", detail: "" });
  await store.appendAudit("ap-1", [
    { at: T0, user: "Lan.Nguyen", childId: "c1", field: "fullName", from: null, to: "Nguyễn Văn An" },
    { at: T0, user: "Lan.Nguyen", childId: "g1", kind: "guardian", field: "pid", from: "true", to: true, source: "tep.xlsx" },
  ]);
  await store.setValue("series.2026-06-01", "12");
  // A compacted document with updates after its snapshot, and one never compacted.
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on("update", (u: Uint8Array) => updates.push(u));
  for (let i = 0; i < 6; i += 1) doc.getMap("children").set(`c${i}`, `trẻ ${i}`);
  for (const u of updates) await store.appendUpdate("records:ap-1", u);
  const through = new Y.Doc();
  for (const u of updates.slice(0, 4)) Y.applyUpdate(through, u);
  await store.compactDoc("records:ap-1", { update: Y.encodeStateAsUpdate(through), stateVector: Y.encodeStateVector(through), witnessed: true }, 4);
  for (let i = 1; i <= 3; i += 1) await store.appendUpdate("review:ap-1", bytes(i));
}

describe("migrateDeployment", () => {
  it("copies every row and checks it; the copy reads back exactly as the embedded store", async () => {
    const sqlite = SqliteStore.open(dir.path);
    await fill(sqlite);
    await sqlite.close();
    writeFileSync(join(dir.path, "token-secret"), SECRET, { mode: 0o600 });
    const target = await PostgresStore.open(database.url);
    open.push(target);

    const result = await migrateDeployment(dir.path, target, database.name);
    expect(result.counts).toEqual({ communes: 1, rosters: 2, users: 2, userRosters: 1, sessions: 2, passwordCodes: 1, securityLog: 1, audit: 2, kv: 1, docs: 2, snapshots: 1, updates: 5 });
    expect(result.tokenSecretCopied).toBe(true);
    expect(await target.getValue(TOKEN_SECRET_KEY)).toBe(SECRET);

    const stored = await target.loadStored("records:ap-1");
    expect(stored.lastSeq).toBe(6);
    expect(stored.snapshot).toMatchObject({ seq: 4, witnessed: true });
    expect(stored.updates.map((u) => u.seq)).toEqual([5, 6]);
    expect(await target.getRoster("ap-cu")).toEqual({ id: "ap-cu", name: "Ấp cũ", commune: "25252", archived: true });
    expect(await target.getUserByUsername("lan.nguyen")).toMatchObject({ id: "u-lan", rosters: ["ap-1"], lastLoginAt: "2026-06-02T01:02:03.456Z" });
    expect(await target.getUserById("u-tinh")).toMatchObject({ role: "province", province: "01", disabled: true });
    expect((await target.getSession("s-1"))?.revokedAt).toBe("2026-06-01T08:00:00.000Z");
    expect(await target.findPasswordCode("hash-of-code", T0)).toBe("u-lan");
    // New rows continue after the copied ones: nothing collides, the order holds.
    expect(await target.appendUpdate("records:ap-1", bytes(99))).toBe(7);
    await target.appendAudit("ap-1", [{ at: T0, user: "x", childId: "c9", field: "note", from: null, to: "mới" }]);
    expect((await target.listAudit("ap-1")).map((e) => e.childId)).toEqual(["c1", "g1", "c9"]);
    await target.appendSecurityEvent({ commune: "25252", at: T0, actor: null, target: "x", action: "login.lockout", detail: "" });
    expect((await target.listSecurityEvents("25252", 10)).map((e) => e.action)).toEqual(["login.lockout", "user.reset"]);
  });

  it("the check names the first difference: a changed update byte, a changed password hash", async () => {
    const sqlite = SqliteStore.open(dir.path);
    await fill(sqlite);
    await sqlite.close();
    const target = await PostgresStore.open(database.url);
    open.push(target);
    await migrateDeployment(dir.path, target, database.name);

    const check = async () => {
      const source = SqliteStore.open(dir.path);
      const rows = SqliteExport.open(dir.path);
      try {
        const counts = rows.counts();
        return await checkMigration({ rows, store: source }, target, { counts, tokenSecret: undefined });
      } finally {
        rows.close();
        await source.close();
      }
    };
    await expect(check()).resolves.toMatchObject({ docs: 2 });
    await queryTestDatabase(database.url, "UPDATE doc_updates SET data = '\\x00'::bytea WHERE doc = 'review:ap-1' AND seq = 2");
    await expect(check()).rejects.toThrow(new MigrationCheckError("tài liệu / document review:ap-1"));
    await queryTestDatabase(database.url, "UPDATE doc_updates SET data = $1 WHERE doc = 'review:ap-1' AND seq = 2", [Buffer.from(bytes(2))]);
    await expect(check()).resolves.toMatchObject({ docs: 2 });
    await queryTestDatabase(database.url, "UPDATE users SET password_hash = 'scrypt$other' WHERE id = 'u-lan'");
    await expect(check()).rejects.toThrow(MigrationCheckError);
    await queryTestDatabase(database.url, "DELETE FROM sessions WHERE id = 's-2'");
    await expect(check()).rejects.toThrow(new MigrationCheckError("sessions: 2 → 1 rows"));
  });

  it("refuses a target holding roster data, writing nothing; a target a server only started on is fine", async () => {
    const sqlite = SqliteStore.open(dir.path);
    await fill(sqlite);
    await sqlite.close();
    const target = await PostgresStore.open(database.url);
    open.push(target);
    // A server that started on the empty database wrote its own token secret: not data.
    await target.setValueIfAbsent(TOKEN_SECRET_KEY, "x".repeat(40));
    await target.addCommune({ code: "99999", name: "Xã khác" });
    await expect(migrateDeployment(dir.path, target, database.name)).rejects.toThrow(/already holds roster data \(table communes\)/);
    expect(await target.getRoster("ap-1")).toBeUndefined();
    await queryTestDatabase(database.url, "DELETE FROM communes");
    const result = await migrateDeployment(dir.path, target, database.name);
    expect(result.counts.docs).toBe(2);
    // No secret in DATA_DIR: the server's own goes too (it signed nothing anyone holds).
    expect(await target.getValue(TOKEN_SECRET_KEY)).toBeUndefined();
  });
});
