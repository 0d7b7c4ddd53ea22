import type { Finding } from "@roster/schema";

/**
 * Findings grouped by the field they are about, so each shows next to its input.
 * Guardian findings use `<role>.<field>` (e.g. `mother.pid`); the link fields
 * (`fatherId`…) carry broken-link findings; `verification` carries the stale warning.
 */
export function findingsByField(findings: readonly Finding[]): Map<string, Finding[]> {
  const byField = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = byField.get(f.field);
    if (list) list.push(f);
    else byField.set(f.field, [f]);
  }
  return byField;
}
