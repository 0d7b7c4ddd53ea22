// The operator CLI (DESIGN.md "Operator CLI") as an operator runs it: `node cli.js …`
// over a DATA_DIR, then the server started on that DATA_DIR serves what it created.
import { ChildViewSchema, RosterListItemSchema } from "@roster/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { addCommune, addRoster, addUser } from "../src/accounts/accounts";
import { TEST_PASSWORD_COST } from "../src/auth/passwords";
import { envFor } from "../src/env";
import { openStore } from "../src/storage/open-store";
import { api, login } from "./helpers/http";
import { buildBundle, runCli, type Bundle } from "./helpers/server-process";
import { tempDir, type TempDir } from "./helpers/temp-dir";
import { startTestServer } from "./helpers/test-server";

let bundle: Bundle;
const dirs: TempDir[] = [];

beforeAll(async () => {
  bundle = await buildBundle("cli");
});

afterAll(() => {
  bundle.remove();
  for (const dir of dirs) dir.remove();
});

/** A fresh DATA_DIR and a CLI bound to it. */
function operator(): { data: TempDir; cli: (...args: string[]) => ReturnType<typeof runCli> } {
  const data = tempDir("roster-cli-");
  dirs.push(data);
  return { data, cli: (...args) => runCli(bundle.cli, data.path, args) };
}

/** What an operator must never see: a stack trace or an internal error name. */
const UNREADABLE = /\n\s+at |SqliteError|TypeError|ZodError|undefined/;

describe("operator CLI", () => {
  // The CLI hashes passwords at full scrypt cost (about 0.3 s each, seconds on a loaded 2-core machine).
  it("creates a commune, rosters and accounts, seeds villages, and the server serves them", { timeout: 180_000 }, async () => {
    const { data, cli } = operator();
    const steps: [string[], RegExp][] = [
      [["commune", "add", "--code", "00097", "--name", "Phường Ngọc Hà"], /Commune added: 00097/],
      [["roster", "add", "--commune", "00097", "--id", "ngoc-ha-to-5", "--name", "Tổ dân phố số 5"], /Roster added: ngoc-ha-to-5/],
      [["user", "add", "--commune", "00097", "--username", "ca.ngocha", "--password", "Cong-an-2026!", "--role", "police", "--display-name", "Đại úy Phạm Văn Đức"], /User added: ca\.ngocha/],
      [["user", "add", "--commune", "00097", "--username", "to5.binh", "--password", "Truong-to-5!", "--role", "hamlet", "--roster", "ngoc-ha-to-5"], /User added: to5\.binh/],
      [["seed", "--commune", "00097", "--villages", "2", "--children", "15", "--seed", "42"], /^[a-z0-9-]+\t\d+\t.+\n[a-z0-9-]+\t\d+\t.+\n$/],
    ];
    for (const [args, expected] of steps) {
      const result = await cli(...args);
      expect(result.code, `${args.join(" ")}: ${result.stderr}`).toBe(0);
      expect(result.stdout).toMatch(expected);
    }
    const listed = await cli("rosters", "--commune", "00097");
    const rosterIds = listed.stdout.trim().split("\n").map((line) => line.split("\t")[0]);
    expect(rosterIds).toHaveLength(3);
    expect(rosterIds).toContain("ngoc-ha-to-5");
    const seeded = rosterIds.filter((id) => id !== "ngoc-ha-to-5");

    const server = await startTestServer({}, data.path);
    try {
      const police = await login(server.url, "ca.ngocha", "Cong-an-2026!");
      expect(police.user).toMatchObject({ role: "police", commune: "00097", displayName: "Đại úy Phạm Văn Đức" });
      const rosters = z.array(RosterListItemSchema).parse((await api(server.url, "/api/rosters", { token: police.token })).body);
      expect(rosters.map((r) => r.id).sort()).toEqual([...rosterIds].sort());
      const children = z.array(ChildViewSchema).parse((await api(server.url, `/api/rosters/${seeded[0]}/children`, { token: police.token })).body);
      expect(children.length).toBeGreaterThanOrEqual(12); // 15 per village, ±20 %
      expect(children.length).toBeLessThanOrEqual(18);
      expect(new Set(children.map((c) => c.status)).size).toBeGreaterThan(0);

      const hamlet = await login(server.url, "to5.binh", "Truong-to-5!");
      const own = z.array(RosterListItemSchema).parse((await api(server.url, "/api/rosters", { token: hamlet.token })).body);
      expect(own.map((r) => r.id)).toEqual(["ngoc-ha-to-5"]);
    } finally {
      await server.stop();
    }
  });

});

describe("operator CLI, bad input", () => {
  const { data, cli } = operator();

  beforeAll(async () => {
    // Created in process (cheap password hashing): these tests are about refusals.
    const store = await openStore(envFor({ DATA_DIR: data.path }));
    await addCommune(store, "00097", "Phường Ngọc Hà");
    await addRoster(store, "00097", "ngoc-ha-to-5", "Tổ dân phố số 5");
    await addUser(store, { commune: "00097", username: "ca.ngocha", password: "Cong-an-2026!", role: "police" }, TEST_PASSWORD_COST);
    await store.close();
  });

  // Independent refusals, run side by side: each is a separate process.
  it.concurrent.for<[string, string[], RegExp]>([
    ["an unknown command", ["frobnicate"], /Unknown command: frobnicate/],
    ["a missing flag", ["commune", "add", "--code", "00098"], /Missing --name/],
    ["a duplicate commune", ["commune", "add", "--code", "00097", "--name", "Phường Ngọc Hà"], /00097/],
    ["a roster id with spaces and accents", ["roster", "add", "--commune", "00097", "--id", "Thôn 1", "--name", "Thôn 1"], /Invalid input: id/],
    ["a roster of an unknown commune", ["roster", "add", "--commune", "99999", "--id", "thon-1", "--name", "Thôn 1"], /No commune 99999/],
    ["a duplicate roster id", ["roster", "add", "--commune", "00097", "--id", "ngoc-ha-to-5", "--name", "Tổ 5 lần hai"], /ngoc-ha-to-5/],
    ["an unknown role", ["user", "add", "--commune", "00097", "--username", "ct.phuong", "--password", "Chu-tich-2026", "--role", "chairman"], /Invalid input/],
    ["a short password", ["user", "add", "--commune", "00097", "--username", "gv.lan", "--password", "ngan", "--role", "school"], /at least 10 characters/],
    ["a duplicate username", ["user", "add", "--commune", "00097", "--username", "ca.ngocha", "--password", "Khac-2026!", "--role", "viewer"], /ca\.ngocha/],
    ["a user of an unknown commune", ["user", "add", "--commune", "99999", "--username", "gv.hoa", "--password", "Giao-vien-26", "--role", "school"], /No commune 99999/],
    ["a hamlet head assigned to an unknown roster", ["user", "add", "--commune", "00097", "--username", "to9.son", "--password", "Truong-to-9!", "--role", "hamlet", "--roster", "khong-co"], /khong-co/],
    ["zero villages", ["seed", "--commune", "00097", "--villages", "0", "--children", "10"], /--villages must be a whole number/],
    ["a non-numeric child count", ["seed", "--commune", "00097", "--villages", "1", "--children", "nhieu"], /--children must be a whole number/],
    ["seeding an unknown commune", ["seed", "--commune", "99999", "--villages", "1", "--children", "10"], /No commune 99999/],
    ["a backup without --out", ["backup"], /Thiếu --out \/ Missing --out/],
    ["a backup into a folder that does not exist", ["backup", "--out", "/khong-co-thu-muc/ban-sao.db"], /The folder does not exist: \/khong-co-thu-muc/],
    ["a restore without a file", ["restore"], /Missing the backup file to restore/],
    ["a restore of a file that does not exist", ["restore", "/khong-co-thu-muc/ban-sao.db"], /Cannot read the file: \/khong-co-thu-muc\/ban-sao\.db/],
  ])("%s exits non-zero with a readable message", async ([, args, message], { expect }) => {
    const result = await cli(...args);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(UNREADABLE);
  });

  it("no command prints the usage and exits 2", async () => {
    const result = await cli();
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/Cách dùng \/ Usage/);
  });
});
