import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DatabaseLockedError, acquireDatabaseLock, type DatabaseLock } from "./postgres-instance-lock";
import { type TestDatabase, createTestDatabase, queryTestDatabase } from "./postgres-test-database";
import { eventually } from "../../test/helpers/wait";

let database: TestDatabase;
const held: DatabaseLock[] = [];

beforeEach(async () => {
  database = await createTestDatabase();
});

afterEach(async () => {
  for (const lock of held.splice(0)) await lock.release();
  await database.drop();
});

describe("the PostgreSQL instance lock", () => {
  it("is held by one session at a time; the refusal names the holder; release frees it", async () => {
    const first = await acquireDatabaseLock(database.url, "server");
    held.push(first);
    const refused = acquireDatabaseLock(database.url, "cli");
    await expect(refused).rejects.toBeInstanceOf(DatabaseLockedError);
    await expect(refused).rejects.toMatchObject({ holder: { kind: "server", pid: process.pid } });
    await first.release();
    const second = await acquireDatabaseLock(database.url, "cli");
    held.push(second);
    await expect(acquireDatabaseLock(database.url, "server")).rejects.toMatchObject({ holder: { kind: "cli" } });
  });

  it("is shared among the instances of the scaled mode, and keeps the CLI and an exclusive server off", async () => {
    const one = await acquireDatabaseLock(database.url, "server", "shared");
    held.push(one);
    const two = await acquireDatabaseLock(database.url, "server", "shared");
    held.push(two);
    await expect(acquireDatabaseLock(database.url, "cli")).rejects.toMatchObject({ holder: { kind: "server" } });
    await expect(acquireDatabaseLock(database.url, "server", "exclusive")).rejects.toBeInstanceOf(DatabaseLockedError);
    await one.release();
    await two.release();
    held.push(await acquireDatabaseLock(database.url, "cli"));
    await expect(acquireDatabaseLock(database.url, "server", "shared")).rejects.toMatchObject({ holder: { kind: "cli" } });
  });

  it("is another database's business: a lock on one database does not hold another", async () => {
    const other = await createTestDatabase();
    try {
      held.push(await acquireDatabaseLock(database.url, "server"));
      const there = await acquireDatabaseLock(other.url, "server");
      await there.release();
    } finally {
      await other.drop();
    }
  });

  it("ends with its session: a terminated session frees it and the holder is told", async () => {
    const lost: Error[] = [];
    held.push(await acquireDatabaseLock(database.url, "server", "exclusive", (error) => lost.push(error)));
    await queryTestDatabase(database.url, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1", [`roster-server ${process.pid}`]);
    await eventually(() => expect(lost).toHaveLength(1));
    held.push(await acquireDatabaseLock(database.url, "server"));
  });
});
