import { AuditEntrySchema, type AuditEntry, type Child, type Verification } from "@roster/schema";
import { apiRequest } from "../session/api-client";

/** One change made after a verification, with the field named as findings name it. */
export interface ChangeSince extends AuditEntry {
  /** `dob`, or `mother.pid` for a linked guardian's field. */
  readonly name: string;
}

const LINKS = [
  ["father", "fatherId"],
  ["mother", "motherId"],
  ["guardian", "guardianId"],
] as const;

/** The audit of one record (a child, or a guardian: guardians are logged under their own id). */
function auditOf(token: string, rosterId: string, recordId: string): Promise<AuditEntry[]> {
  const path = `/api/rosters/${encodeURIComponent(rosterId)}/audit?childId=${encodeURIComponent(recordId)}`;
  return apiRequest(path, { token, schema: AuditEntrySchema.array() });
}

/**
 * What changed in a child's record, and in the records of the guardians it links, after
 * `verification.at`, oldest first: from the server's audit (field, from, to, who).
 */
export async function changesSince(token: string, rosterId: string, child: Child, verification: Verification): Promise<ChangeSince[]> {
  const sources: { id: string; role: string | undefined }[] = [{ id: child.id, role: undefined }];
  for (const [role, link] of LINKS) {
    const id = child[link];
    if (id) sources.push({ id, role });
  }
  const lists = await Promise.all(
    sources.map(async ({ id, role }) =>
      (await auditOf(token, rosterId, id))
        .filter((e) => (role === undefined ? e.kind !== "guardian" : e.kind === "guardian"))
        .map((e): ChangeSince => ({ ...e, name: role ? `${role}.${e.field}` : e.field })),
    ),
  );
  const since = Date.parse(verification.at);
  return lists
    .flat()
    .filter((e) => e.field !== "verification" && Date.parse(e.at) > since)
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}
