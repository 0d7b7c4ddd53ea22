import { LoginResponseSchema, type LoginResponse } from "@roster/schema";

/** What a call answered: status, parsed JSON (if any) and the raw text (to search for leaks). */
export interface ApiAnswer {
  status: number;
  body: unknown;
  text: string;
}

/** One real HTTP request to the server; `token` goes in `Authorization: Bearer`. */
export async function api(
  baseUrl: string,
  path: string,
  options: { method?: string; token?: string; body?: unknown; rawBody?: string; authorization?: string } = {},
): Promise<ApiAnswer> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.authorization) headers.authorization = options.authorization;
  let body: string | undefined;
  if (options.body !== undefined) body = JSON.stringify(options.body);
  if (options.rawBody !== undefined) body = options.rawBody;
  if (body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(baseUrl + path, { method: options.method ?? "GET", headers, ...(body === undefined ? {} : { body }) });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: response.status, body: parsed, text };
}

/** `POST /api/login`; throws unless it answers 200 with a well-formed body. */
export async function login(baseUrl: string, username: string, password: string): Promise<LoginResponse> {
  const answer = await api(baseUrl, "/api/login", { method: "POST", body: { username, password } });
  if (answer.status !== 200) throw new Error(`login ${username}: ${answer.status} ${answer.text}`);
  return LoginResponseSchema.parse(answer.body);
}
