import { ProgressReportSchema, type ProgressReport } from "@roster/schema";
import { z } from "zod";
import { readTool, writeTool } from "../lists/tools-db";

/** The last report this device loaded, with when it was loaded (shown offline). */
export interface CachedProgress {
  report: ProgressReport;
  savedAt: string;
}

const CachedSchema = z.object({ report: ProgressReportSchema, savedAt: z.string() });
const KEY = "progress";

export async function loadCachedProgress(): Promise<CachedProgress | null> {
  const parsed = CachedSchema.safeParse(await readTool(KEY));
  return parsed.success ? parsed.data : null;
}

export async function saveProgress(report: ProgressReport, now: Date = new Date()): Promise<CachedProgress> {
  const cached = { report, savedAt: now.toISOString() };
  await writeTool(KEY, cached);
  return cached;
}
