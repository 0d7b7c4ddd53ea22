// The column menu of the mapping step: targets grouped as a person thinks of them.
import type { ColumnTarget } from "@roster/spreadsheet";
import type { MessageKey } from "../i18n/messages";
import type { TargetOption } from "./worker-protocol";

export interface TargetGroup {
  label: MessageKey;
  options: TargetOption[];
}

const ROLE_GROUPS: Readonly<Record<string, MessageKey>> = {
  father: "import.group.father",
  mother: "import.group.mother",
  guardian: "import.group.guardian",
};

const OTHER: ReadonlySet<ColumnTarget> = new Set<ColumnTarget>(["phone", "genderFemaleMark", "genderMaleMark", "index"]);

/** Child fields, then father, mother, guardian, then the rest (phone of unnamed owner, marks, row number). */
export function groupTargets(targets: readonly TargetOption[]): TargetGroup[] {
  const child: TargetOption[] = [];
  const roles = new Map<string, TargetOption[]>();
  const other: TargetOption[] = [];
  for (const option of targets) {
    const dot = option.target.indexOf(".");
    if (dot > 0) {
      const role = option.target.slice(0, dot);
      roles.set(role, [...(roles.get(role) ?? []), option]);
    } else if (OTHER.has(option.target)) other.push(option);
    else child.push(option);
  }
  const groups: TargetGroup[] = [{ label: "import.group.child", options: child }];
  for (const [role, options] of roles) {
    const label = ROLE_GROUPS[role];
    if (label) groups.push({ label, options });
    else other.push(...options);
  }
  groups.push({ label: "import.group.other", options: other });
  return groups.filter((g) => g.options.length > 0);
}

/** "dòng 5" or "dòng 5–6" (1-based, as Excel shows them) of a header location. */
export function headerRows(header: { first: number; last: number }): string {
  return header.first === header.last ? `${header.first + 1}` : `${header.first + 1}–${header.last + 1}`;
}
