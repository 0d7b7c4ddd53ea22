import type { Finding } from "@roster/schema";

const GUARDIAN_ROLES = ["father", "mother", "guardian"] as const;
const LINK_ROLE: Record<string, (typeof GUARDIAN_ROLES)[number]> = { fatherId: "father", motherId: "mother", guardianId: "guardian" };

/**
 * The id of the form element a finding is about (ChildEditor's and GuardianCard's ids),
 * so the summary at the top can take the person straight to it; undefined when the form
 * has no such element (the finding is then listed without a link).
 */
export function targetOf(finding: Finding, placed: ReadonlySet<string>): string | undefined {
  const [head, field] = finding.field.split(".");
  if (field !== undefined && (GUARDIAN_ROLES as readonly string[]).includes(head ?? "")) {
    return placed.has(finding.field) ? `guardian-${head}-${field}` : `guardian-${head}-card`;
  }
  const role = LINK_ROLE[finding.field];
  if (role !== undefined) return `guardian-${role}-card`;
  return placed.has(finding.field) ? `child-${finding.field}` : undefined;
}
