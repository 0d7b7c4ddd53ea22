import { ReconcileResultSchema, type ReconcileDecisions, type ReconcileResult } from "@roster/schema";
import type { ColumnMapping } from "@roster/spreadsheet";
import { ApiError, apiErrorFromBody } from "../session/api-error";

/**
 * Sends police's decisions with the extract to the server, which matches the file again
 * against the roster as it is now and answers what it did (`POST /api/rosters/:id/reconcile`).
 * Throws `ApiError` (status 0 when offline).
 */
export async function applyReconcile(
  token: string,
  rosterId: string,
  file: File,
  mapping: ColumnMapping,
  decisions: ReconcileDecisions,
  fetchFn: typeof fetch = fetch,
): Promise<ReconcileResult> {
  const form = new FormData();
  form.append("file", file, file.name);
  form.append("mapping", JSON.stringify(mapping));
  form.append("decisions", JSON.stringify(decisions));
  let response: Response;
  try {
    response = await fetchFn(`/api/rosters/${encodeURIComponent(rosterId)}/reconcile`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, accept: "application/json" },
      body: form,
      cache: "no-store",
    });
  } catch (error) {
    throw new ApiError(0, "network", (error as Error).message);
  }
  const json: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw apiErrorFromBody(response.status, json);
  const parsed = ReconcileResultSchema.safeParse(json);
  if (!parsed.success) throw new ApiError(response.status, "bad_response", parsed.error.message);
  return parsed.data;
}
