import ExcelJS from "exceljs";
import type { CampaignCounts } from "@roster/schema";
import { describe, expect, it } from "vitest";
import { campaignPercent, dailyReportValues, dailyReportXlsx, meetsWeeklyTarget, weeklyGain, type DailyReportInput } from "./daily-report";

function counts(overrides: Partial<CampaignCounts>): CampaignCounts {
  return {
    children: 0, inCampaignAge: 0, validPid: 0, clean: 0, needsFix: 0, verified: 0, idCardApplied: 0,
    idCardIssued: 0, vneidLevel2: 0, healthBook: 0, residenceRegistered: 0, ...overrides,
  };
}

const dong = { name: "Thôn Đông", counts: counts({ children: 40, inCampaignAge: 40, validPid: 30, vneidLevel2: 20, healthBook: 12, needsFix: 10, verified: 20, clean: 10 }), weekStart: counts({ inCampaignAge: 40, vneidLevel2: 14, healthBook: 10 }) };
const tay = { name: "=HYPERLINK(\"x\")", counts: counts({ children: 10, inCampaignAge: 10, vneidLevel2: 10, healthBook: 10, clean: 10 }), weekStart: counts({ inCampaignAge: 10, vneidLevel2: 10, healthBook: 10 }) };
const input: DailyReportInput = {
  communeName: "Xã An Bình",
  date: "2026-06-15",
  weekStart: "2026-06-08",
  weeklyTargetPercent: 10,
  lines: [dong, tay],
  total: { name: "Tổng cộng", counts: counts({ children: 50, inCampaignAge: 50, validPid: 30, vneidLevel2: 30, healthBook: 22, needsFix: 10, verified: 20, clean: 20 }), weekStart: counts({ inCampaignAge: 50, vneidLevel2: 24, healthBook: 20 }) },
};

describe("daily report figures", () => {
  it("computes percentages of the children in campaign age and the week's gain in points", () => {
    expect(campaignPercent(dong.counts, "vneidLevel2")).toBe(50);
    expect(campaignPercent(counts({}), "vneidLevel2")).toBe(0);
    expect(weeklyGain(dong, "vneidLevel2")).toBe(15); // 35 % → 50 %
    expect(weeklyGain(dong, "healthBook")).toBe(5); // 25 % → 30 %
    expect(weeklyGain({ name: "x", counts: dong.counts }, "healthBook")).toBe(0);
  });

  it("judges the weekly target on level-2 accounts and health books; complete counts as met", () => {
    expect(meetsWeeklyTarget(dong, 10)).toBe(false); // health book gained only 5 points
    expect(meetsWeeklyTarget(dong, 5)).toBe(true);
    expect(meetsWeeklyTarget(tay, 10)).toBe(true); // 100 % already
    expect(dailyReportValues(dong, 10).at(-1)).toBe("Chưa đạt");
  });
});

describe("dailyReportXlsx", () => {
  it("writes one uniform sheet: heading, title, two-row header, a row per village, the total, the gains", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await dailyReportXlsx(input)) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const text = (row: number, col: number) => String(sheet.getCell(row, col).value ?? "");
    expect(text(1, 1)).toBe("UBND XÃ AN BÌNH");
    expect(text(1, 11)).toBe("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    expect(text(3, 11)).toBe("Xã An Bình, ngày 15 tháng 6 năm 2026");
    expect(text(5, 1)).toBe("BÁO CÁO TIẾN ĐỘ HẰNG NGÀY");
    expect(text(7, 1)).toContain("08/06/2026");
    expect(text(9, 1)).toBe("STT");
    expect(text(10, 6)).toBe("Tỷ lệ %");
    const values = (row: number) => (sheet.getRow(row).values as unknown[]).slice(1);
    expect(values(11)).toEqual([1, "Thôn Đông", ...dailyReportValues(dong, 10)]);
    // A name that looks like a formula is text, never a formula.
    expect(text(12, 2)).toBe("'=HYPERLINK(\"x\")");
    expect(values(13).slice(1)).toEqual(["Tổng cộng", ...dailyReportValues(input.total, 10)]);
    expect(sheet.getCell(13, 2).font?.bold).toBe(true);
    expect(values(13).at(-3)).toBe(12); // level 2: 48 % → 60 %
    expect(sheet.pageSetup.orientation).toBe("landscape");
  });
});
