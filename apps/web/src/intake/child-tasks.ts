import type { Child } from "@roster/schema";
import type { CallListRepresentative } from "@roster/doc";

// What a child comes to an intake session for, and what the family must not forget. The
// campaign (DOMAIN.md, level-2 ID for children 6 to under 14): an ID card application
// with biometrics, then a level-2 VNeID account filed from the parent's level-2 account.

/** What the police do for the child at the session. */
export type IntakeTask = "idCard" | "level2";

/** Per-child reminders printed beside the tasks. */
export type IntakeReminder = "noPid" | "noRepresentative" | "repNoLevel2" | "bhyt";

/** Which children the assignment list offers. */
export type NeedFilter = "todo" | "idCard" | "level2" | "all";
export const NEED_FILTERS: readonly NeedFilter[] = ["todo", "idCard", "level2", "all"];

/** The tasks still open for a child (none when card applied or issued and level 2 done). */
export function tasksOf(child: Child): IntakeTask[] {
  const tasks: IntakeTask[] = [];
  if (child.idCard !== "applied" && child.idCard !== "issued") tasks.push("idCard");
  if (child.vneid !== "level2") tasks.push("level2");
  return tasks;
}

/**
 * What to tell the family beforehand: a child without an ID number must be checked at the
 * desk; without a representative in the record nobody can file the request; a
 * representative without level-2 VNeID cannot receive the child's activation; a child with
 * a health-insurance card brings it.
 */
export function remindersOf(child: Child, representative: CallListRepresentative | undefined): IntakeReminder[] {
  const reminders: IntakeReminder[] = [];
  if (!child.pid) reminders.push("noPid");
  if (representative === undefined) reminders.push("noRepresentative");
  else if (representative.guardian.vneid !== "level2") reminders.push("repNoLevel2");
  if (child.bhyt) reminders.push("bhyt");
  return reminders;
}

/** Whether a child matches what the person wants to assign. */
export function matchesNeed(child: Child, need: NeedFilter): boolean {
  const tasks = tasksOf(child);
  switch (need) {
    case "todo":
      return tasks.length > 0;
    case "idCard":
      return tasks.includes("idCard");
    case "level2":
      return tasks.includes("level2");
    case "all":
      return true;
  }
}
