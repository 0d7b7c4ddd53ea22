import { z } from "zod";
import {
  CreateUserResponseSchema,
  IssuedCodeSchema,
  LoginResponseSchema,
  RosterListItemSchema,
  SecurityEventSchema,
  SessionInfoSchema,
  UserSchema,
  type CreateUserRequest,
  type PatchRosterRequest,
  type PatchUserRequest,
} from "@roster/schema";
import { apiRequest } from "../session/api-client";

// The accounts API (DESIGN "Accounts and administration"), parsed with the shared schemas.

const Ok = z.object({ ok: z.literal(true) });

export const listUsers = (token: string) => apiRequest("/api/users", { token, schema: UserSchema.array() });
export const createUser = (token: string, body: CreateUserRequest) => apiRequest("/api/users", { method: "POST", token, body, schema: CreateUserResponseSchema });
export const patchUser = (token: string, id: string, body: PatchUserRequest) =>
  apiRequest(`/api/users/${encodeURIComponent(id)}`, { method: "PATCH", token, body, schema: UserSchema });
export const resetUser = (token: string, id: string) => apiRequest(`/api/users/${encodeURIComponent(id)}/reset`, { method: "POST", token, schema: IssuedCodeSchema });
export const listAllRosters = (token: string) => apiRequest("/api/rosters?archived=include", { token, schema: RosterListItemSchema.array() });
export const createRoster = (token: string, body: { id: string; name: string }) => apiRequest("/api/rosters", { method: "POST", token, body, schema: RosterListItemSchema });
export const patchRoster = (token: string, id: string, body: PatchRosterRequest) =>
  apiRequest(`/api/rosters/${encodeURIComponent(id)}`, { method: "PATCH", token, body, schema: RosterListItemSchema });
export const securityLog = (token: string) => apiRequest("/api/security-log", { token, schema: SecurityEventSchema.array() });

export const redeemCode = (code: string, password: string) => apiRequest("/api/password-codes/redeem", { method: "POST", body: { code, password }, schema: LoginResponseSchema });
export const changePassword = (token: string, current: string, next: string) => apiRequest("/api/me/password", { method: "POST", token, body: { current, next }, schema: Ok });
export const mySessions = (token: string) => apiRequest("/api/me/sessions", { token, schema: SessionInfoSchema.array() });
export const endSession = (token: string, id: string) => apiRequest(`/api/me/sessions/${encodeURIComponent(id)}`, { method: "DELETE", token, schema: Ok });

/** The link a QR code carries: the code rides in the fragment, which no server or proxy log sees. */
export function setPasswordLink(origin: string, code: string): string {
  return `${origin}/set-password#${encodeURIComponent(code)}`;
}
