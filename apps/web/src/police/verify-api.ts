import { VerificationSchema, type Verification } from "@roster/schema";
import { z } from "zod";
import { apiRequest } from "../session/api-client";

// The server answers 200 with the stamp; accept a bare stamp or one wrapped in `verification`.
const StampSchema = z.union([VerificationSchema, z.object({ verification: VerificationSchema }).transform((v) => v.verification)]);

function childPath(rosterId: string, childId: string): string {
  return `/api/rosters/${encodeURIComponent(rosterId)}/children/${encodeURIComponent(childId)}/verify`;
}

/** Police verify the record as they saw it (`fingerprint`); 409 when it changed meanwhile. */
export function verifyChild(token: string, rosterId: string, childId: string, fingerprint: string): Promise<Verification> {
  return apiRequest(childPath(rosterId, childId), { method: "POST", token, body: { fingerprint }, schema: StampSchema });
}

/** Police revoke a verification. */
export async function revokeVerification(token: string, rosterId: string, childId: string): Promise<void> {
  await apiRequest(childPath(rosterId, childId), { method: "DELETE", token, schema: z.unknown() });
}
