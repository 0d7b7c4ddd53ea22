import { ProgressReportSchema, type ProgressReport } from "@roster/schema";
import { apiRequest } from "../session/api-client";
import { apiErrorFromBody, ApiError } from "../session/api-error";

/** Where the server's reports are (DESIGN.md HTTP API; made by the server, not the app). */
export const REPORT_PATHS = {
  progress: "/api/progress",
  dailyReport: "/api/progress/daily-report.xlsx",
  followUp: (rosterId: string) => `/api/rosters/${encodeURIComponent(rosterId)}/follow-up?format=xlsx`,
} as const;

/** `GET /api/progress`: the commune's figures, per village, and the daily series. */
export function fetchProgress(token: string): Promise<ProgressReport> {
  return apiRequest(REPORT_PATHS.progress, { token, schema: ProgressReportSchema });
}

/** The file name a response offers (`Content-Disposition`), else `fallback`. */
export function fileNameOf(response: Pick<Response, "headers">, fallback: string): string {
  const header = response.headers.get("content-disposition") ?? "";
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(header);
  return plain?.[1] ?? fallback;
}

/** Fetches a report file the server makes (it needs the token, so not a plain link). */
export async function fetchReportFile(token: string, path: string, fallbackName: string): Promise<{ blob: Blob; fileName: string }> {
  let response: Response;
  try {
    response = await fetch(path, { headers: { authorization: `Bearer ${token}` }, cache: "no-store" });
  } catch (error) {
    throw new ApiError(0, "network", (error as Error).message);
  }
  if (!response.ok) throw apiErrorFromBody(response.status, await response.json().catch(() => undefined));
  return { blob: await response.blob(), fileName: fileNameOf(response, fallbackName) };
}
