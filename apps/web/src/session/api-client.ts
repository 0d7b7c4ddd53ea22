import type { z } from "zod";
import { ApiError, apiErrorFromBody } from "./api-error";

export interface ApiRequest<T extends z.ZodType> {
  method?: "GET" | "POST" | "PATCH" | "DELETE";
  token?: string;
  body?: unknown;
  /** Parses the JSON answer; the call fails when the server sends something else. */
  schema: T;
}

/**
 * Calls the roster API on the same origin and parses the answer with `schema`.
 * Throws `ApiError` (status 0 when the network is down) and never returns unchecked data.
 */
export async function apiRequest<T extends z.ZodType>(
  path: string,
  { method = "GET", token, body, schema }: ApiRequest<T>,
  fetchFn: typeof fetch = fetch,
): Promise<z.infer<T>> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  let response: Response;
  try {
    response = await fetchFn(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: "no-store",
    });
  } catch (error) {
    throw new ApiError(0, "network", (error as Error).message);
  }
  const json: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw apiErrorFromBody(response.status, json);
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new ApiError(response.status, "bad_response", parsed.error.message);
  return parsed.data;
}
