import { z } from "zod";
import { LoginResponseSchema, RosterListItemSchema, type LoginResponse, type RosterListItem } from "@roster/schema";
import { apiRequest } from "./api-client";

/** `POST /api/login`: the token and user of a username and password. */
export function login(username: string, password: string): Promise<LoginResponse> {
  return apiRequest("/api/login", { method: "POST", body: { username, password }, schema: LoginResponseSchema });
}

/** `GET /api/rosters`: the rosters this user may see. */
export function fetchRosters(token: string): Promise<RosterListItem[]> {
  return apiRequest("/api/rosters", { token, schema: RosterListItemSchema.array() });
}

/** `POST /api/logout`: the server ends the session behind the token. */
export async function logoutRequest(token: string): Promise<void> {
  await apiRequest("/api/logout", { method: "POST", token, schema: z.object({ ok: z.literal(true) }) });
}
