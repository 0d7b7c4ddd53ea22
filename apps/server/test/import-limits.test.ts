// Hostile spreadsheets against the real server: each is refused with 413 and a Vietnamese
// message while `/healthz` keeps answering within a second, and a long list that is within
// the limits gets a preview of bounded size.
import { ErrorBodySchema } from "@roster/schema";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { addRoster } from "../src/accounts/accounts";
import { expandingXlsx, longCsv, mergedListXlsx } from "../../../packages/spreadsheet/test/hostile-files";
import { probeHealth } from "./helpers/liveness";
import { useSharedServer } from "./helpers/shared-server";
import { upload } from "./helpers/upload";
import { COMMUNE_A } from "./helpers/world";

const shared = useSharedServer();
let rosterCount = 0;

async function freshRoster(): Promise<string> {
  const id = `ngoc-ha-limits-${++rosterCount}`;
  await addRoster(shared.server.running.store, COMMUNE_A.code, id, `Tổ dân phố giới hạn ${rosterCount}`);
  return id;
}

const preview = (roster: string, file: { name: string; bytes: Uint8Array }, query = "") =>
  upload(shared.server.url, `/api/rosters/${roster}/import?preview=1${query}`, shared.sessions.school.token, file);

/** Uploads `file` for a preview while probing `/healthz`; the answer and the slowest probe. */
async function previewWhileProbing(file: { name: string; bytes: Uint8Array }) {
  const roster = await freshRoster();
  const probe = probeHealth(shared.server.url, 250);
  const answer = await preview(roster, file);
  // A few more probes after the answer: a dying worker must not take the server with it.
  await new Promise((resolve) => setTimeout(resolve, 600));
  return { answer, health: await probe.stop() };
}

const PagedPreviewSchema = z.object({
  summary: z.object({ added: z.number(), rejected: z.number() }),
  page: z.object({ offset: z.number(), limit: z.number(), more: z.boolean() }),
  plan: z.object({ add: z.array(z.object({ row: z.number(), fields: z.object({ fullName: z.string() }) })) }),
});

describe("spreadsheet limits on the import API", () => {
  it("previews the same list with a merged range, then refuses it merged over A1:XFD1048576 (413) while /healthz answers", async () => {
    const real = await preview(await freshRoster(), { name: "lop-1a.xlsx", bytes: await mergedListXlsx("D2:E3") });
    expect(real.status, real.text).toBe(200);
    expect(PagedPreviewSchema.parse(real.body).summary.added).toBe(2);

    const bomb = await mergedListXlsx("A1:XFD1048576");
    expect(bomb.length).toBeLessThan(2500);
    const { answer, health } = await previewWhileProbing({ name: "lop-1a.xlsx", bytes: bomb });
    expect(answer.status, answer.text).toBe(413);
    expect(ErrorBodySchema.parse(answer.body).error).toMatchObject({ code: "too_many_rows", message: expect.stringMatching(/^Danh sách quá dài.* \/ The list is too long/) });
    expect(health.probes).toBeGreaterThanOrEqual(3);
    expect(health.worstMs).toBeLessThan(1000);
  });

  it("refuses a workbook that inflates to 100 MB (413) while /healthz answers", async () => {
    const bytes = await expandingXlsx(100 * 1024 * 1024);
    expect(bytes.length).toBeLessThan(512 * 1024);
    const { answer, health } = await previewWhileProbing({ name: "lop-1a.xlsx", bytes });
    expect(answer.status, answer.text).toBe(413);
    expect(ErrorBodySchema.parse(answer.body).error.code).toBe("too_expanded");
    expect(health.worstMs).toBeLessThan(1000);
  });

  it("refuses a 1,000,000-row CSV with a short answer (413) while /healthz answers", async () => {
    // One name a line, so the 2 MB file is well within the 10 MB upload limit.
    const bytes = new TextEncoder().encode(`Họ và tên\r\n${"A\r\n".repeat(1_000_000)}`);
    const { answer, health } = await previewWhileProbing({ name: "danh-sach.csv", bytes });
    expect(answer.status, answer.text.slice(0, 300)).toBe(413);
    expect(ErrorBodySchema.parse(answer.body).error.code).toBe("too_many_rows");
    expect(answer.text.length).toBeLessThan(1000);
    expect(health.worstMs).toBeLessThan(1000);
  });

  it("answers a 3,000-row preview one page at a time: 100 rows of each list, the full counts in the summary", async () => {
    const roster = await freshRoster();
    const file = { name: "danh-sach.csv", bytes: longCsv(3000) };
    const first = await preview(roster, file);
    expect(first.status, first.text.slice(0, 300)).toBe(200);
    const page1 = PagedPreviewSchema.parse(first.body);
    expect(page1.summary.added).toBe(3000);
    expect(page1.plan.add).toHaveLength(100);
    expect(page1.page).toEqual({ offset: 0, limit: 100, more: true });
    expect(first.text.length).toBeLessThan(500_000);

    const page3 = PagedPreviewSchema.parse((await preview(roster, file, "&offset=200&limit=50")).body);
    expect(page3.plan.add.map((a) => a.fields.fullName)).toEqual(Array.from({ length: 50 }, (_, i) => `Trẻ ${201 + i}`));
    expect((await preview(roster, file, "&limit=100000")).status).toBe(400);
  });
});
