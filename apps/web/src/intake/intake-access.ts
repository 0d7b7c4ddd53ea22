import { ROLE_ABILITIES, type Role } from "@roster/schema";

// Who does what with intake sessions (DOMAIN.md "Who does what"): the commune police run
// them; the social-affairs officer and schools help organise them (and the commune admin
// may stand in); every role that edits records may tick who came (a hamlet head helping
// at a village session); viewers only read.

const ORGANISERS: ReadonlySet<Role> = new Set<Role>(["police", "social", "school", "admin"]);

/** May create, edit and cancel sessions and assign children. */
export function organisesSessions(role: Role): boolean {
  return ORGANISERS.has(role) && ROLE_ABILITIES[role].edits;
}

/** May tick attendance. */
export function ticksAttendance(role: Role): boolean {
  return ROLE_ABILITIES[role].edits;
}
