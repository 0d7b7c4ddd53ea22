// The operator CLI's import and export (DESIGN.md "Operator CLI"), as an operator runs
// them: `node cli.js …` over a DATA_DIR with the server stopped; then the server started
// on that DATA_DIR serves what was imported, with the audit naming the file.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { AuditEntrySchema, ChildViewSchema } from "@roster/schema";
import { CLEANED_LIST_COLUMNS } from "@roster/spreadsheet";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { addCommune, addRoster, addUser } from "../src/accounts/accounts";
import { TEST_PASSWORD_COST } from "../src/auth/passwords";
import { envFor } from "../src/env";
import { openStore } from "../src/storage/open-store";
import { api, login } from "./helpers/http";
import { buildBundle, runCli, type Bundle } from "./helpers/server-process";
import { SAMPLES_DIR } from "./helpers/upload";
import { tempDir, type TempDir } from "./helpers/temp-dir";
import { startTestServer } from "./helpers/test-server";

const ROSTER = "an-binh-thon-dong";
const CLASS_LIST = join(SAMPLES_DIR, "danh-sach-lop-3a.xlsx");
const TCVN3_LIST = join(SAMPLES_DIR, "danh-sach-tcvn3.xlsx");
const CLASSES = join(SAMPLES_DIR, "danh-sach-nhieu-lop.xlsx");
/** What an operator must never see: a stack trace or an internal error name. */
const UNREADABLE = /\n\s+at |SqliteError|TypeError|ZodError|undefined/;

let bundle: Bundle;
let data: TempDir;
let out: TempDir;
const cli = (...args: string[]) => runCli(bundle.cli, data.path, args);

beforeAll(async () => {
  bundle = await buildBundle("cli-files");
  data = tempDir("roster-cli-files-");
  out = tempDir("roster-cli-out-");
  const store = await openStore(envFor({ DATA_DIR: data.path }));
  await addCommune(store, "26734", "Xã An Bình");
  await addRoster(store, "26734", ROSTER, "Thôn Đông");
  await addUser(store, { commune: "26734", username: "ca.anbinh", password: "Cong-an-2026!", role: "police" }, TEST_PASSWORD_COST);
  await store.close();
});

afterAll(() => {
  bundle.remove();
  data.remove();
  out.remove();
});

function csvRows(path: string): string[][] {
  return readFileSync(path, "utf8").replace(/^\uFEFF/, "").trim().split("\r\n").map((line) => line.split(","));
}

describe("operator CLI: import and export", () => {
  it("previews without writing, imports a class list, and the server serves it with the file in the audit", { timeout: 180_000 }, async () => {
    const preview = await cli("import", "--roster", ROSTER, CLASS_LIST, "--preview");
    expect(preview.code, preview.stderr).toBe(0);
    expect(preview.stdout).toMatch(/add 8, .*rejected 2/);

    const imported = await cli("import", "--roster", ROSTER, CLASS_LIST);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/added 8, cập nhật \/ updated 0, bị loại \/ rejected 2/);
    expect(imported.stdout).toMatch(/row 12: .+\n.*row 13: /);

    const tcvn3 = await cli("import", "--roster", ROSTER, TCVN3_LIST, "--by", "Nguyễn Văn Quản");
    expect(tcvn3.code, tcvn3.stderr).toBe(0);
    expect(tcvn3.stdout).toMatch(/added 6/);

    const server = await startTestServer({}, data.path);
    try {
      const police = await login(server.url, "ca.anbinh", "Cong-an-2026!");
      const children = z.array(ChildViewSchema).parse((await api(server.url, `/api/rosters/${ROSTER}/children`, { token: police.token })).body);
      expect(children).toHaveLength(14); // not 16: the preview wrote nothing
      expect(children.map((c) => c.fullName)).toContain("Đặng Thu Trang"); // converted from TCVN3
      const audit = z.array(AuditEntrySchema).parse((await api(server.url, `/api/rosters/${ROSTER}/audit`, { token: police.token })).body);
      const sources = new Set(audit.map((e) => `${e.user} ${e.source}`));
      expect(sources).toEqual(new Set(["cli danh-sach-lop-3a.xlsx", "cli:Nguyễn Văn Quản danh-sach-tcvn3.xlsx"]));

      // While the server runs, writing behind its back is refused (its compaction could drop it).
      const behindItsBack = await cli("import", "--roster", ROSTER, CLASS_LIST);
      expect(behindItsBack.code).toBe(1);
      expect(behindItsBack.stderr).toMatch(/Máy chủ đang chạy.*\n.*server is running/);
      expect((await cli("import", "--roster", ROSTER, CLASS_LIST, "--preview")).code).toBe(0);
    } finally {
      await server.stop();
    }
  });

  it("exports the lists; export then import of the same file changes nothing", { timeout: 180_000 }, async () => {
    const csv = join(out.path, "thon-dong.csv");
    const exported = await cli("export", "--roster", ROSTER, "--format", "csv", "--out", csv);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toMatch(/Exported 14 trẻ/);
    const rows = csvRows(csv);
    expect(rows[0]).toEqual(CLEANED_LIST_COLUMNS.map((c) => c.header));
    expect(rows).toHaveLength(15);

    // Imported lists lack residence and representatives: every child needs a fix, none is verified.
    const needsFix = join(out.path, "can-sua.csv");
    expect((await cli("export", "--roster", ROSTER, "--format", "csv", "--status", "needs-fix", "--out", needsFix)).code).toBe(0);
    expect(csvRows(needsFix)).toHaveLength(15);
    const verified = join(out.path, "da-xac-minh.csv");
    expect((await cli("export", "--roster", ROSTER, "--format", "csv", "--status", "verified", "--out", verified)).code).toBe(0);
    expect(csvRows(verified)).toHaveLength(1);

    const xlsx = join(out.path, "thon-dong.xlsx");
    expect((await cli("export", "--roster", ROSTER, "--out", xlsx)).code).toBe(0);
    for (const file of [csv, xlsx]) {
      const again = await cli("import", "--roster", ROSTER, file);
      expect(again.code, again.stderr).toBe(0);
      expect(again.stdout).toMatch(/added 0, cập nhật \/ updated 0, bị loại \/ rejected 0/);
    }

    const problems = join(out.path, "van-de.xlsx");
    expect((await cli("export", "--roster", ROSTER, "--list", "problems", "--out", problems)).code).toBe(0);
    expect(existsSync(problems)).toBe(true);
    const handover = join(out.path, "ban-giao.html");
    expect((await cli("export", "--roster", ROSTER, "--format", "html", "--out", handover)).code).toBe(0);
    expect(readFileSync(handover, "utf8")).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
  });

  it.concurrent.for<[string, string[], RegExp]>([
    ["no file", ["import", "--roster", ROSTER], /Missing the file/],
    ["a file that does not exist", ["import", "--roster", ROSTER, "/khong/co/tep.xlsx"], /File not found/],
    ["an unknown roster", ["import", "--roster", "khong-co", CLASS_LIST], /No such roster: khong-co/],
    ["an unknown export format", ["export", "--roster", ROSTER, "--format", "pdf"], /must be xlsx\|csv\|html/],
    ["an unknown status", ["export", "--roster", ROSTER, "--status", "xong"], /must be clean\|needs-fix\|verified/],
    ["a mapping that is not JSON", ["import", "--roster", ROSTER, CLASS_LIST, "--mapping", "{1:"], /not valid JSON/],
  ])("refuses %s with a readable message", async ([, args, message], { expect }) => {
    const result = await cli(...args);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(UNREADABLE);
  });

  it("reads every class sheet by default and only the sheets --sheet names (repeatable); refuses a sheet the workbook lacks", async () => {
    const all = await cli("import", "--roster", ROSTER, CLASSES, "--preview");
    expect(all.code, all.stderr).toBe(0);
    expect(all.stdout).toMatch(/add 4, .*rejected 1/);
    expect(all.stdout).toContain("Sheets read: 1A, 1B, 2A");
    expect(all.stdout).toMatch(/sheet skipped Cũ: Trang bị ẩn/);
    expect(all.stdout).toMatch(/row 4 \[2A\]: Trùng với dòng 3 trang “1A”/);

    const chosen = await cli("import", "--roster", ROSTER, CLASSES, "--preview", "--sheet", "1B", "--sheet", "Cũ");
    expect(chosen.code, chosen.stderr).toBe(0);
    expect(chosen.stdout).toMatch(/add 2, .*rejected 0/);
    expect(chosen.stdout).toContain("Sheets read: 1B, Cũ");

    const missing = await cli("import", "--roster", ROSTER, CLASSES, "--preview", "--sheet", "3C");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/Tệp không có trang “3C”/);
    expect(missing.stderr).not.toMatch(UNREADABLE);
  });

  it("refuses a file that is not a list", async () => {
    const bogus = join(out.path, "anh.xlsx");
    writeFileSync(bogus, new Uint8Array([0x50, 0x4b, 0x03, 0x04, 9, 9, 9]));
    const result = await cli("import", "--roster", ROSTER, bogus);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^Không đọc được tệp|^Tệp/);
    expect(result.stderr).not.toMatch(UNREADABLE);
  });
});
