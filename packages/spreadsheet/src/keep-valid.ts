// An import never replaces a value the rules accept with one they reject: a school list
// with a mistyped ID number must not spoil the number police already checked.
import type { Gender } from "@roster/schema";
import { checkBhyt, checkName, checkPid } from "@roster/rules";

type Checked = "fullName" | "pid" | "bhyt";

function hasError(field: Checked, value: string, holder: { dob?: string | null; gender?: Gender | null }): boolean {
  const findings = field === "fullName" ? checkName(value) : field === "pid" ? checkPid(value, holder) : checkBhyt(value);
  return findings.some((f) => f.severity === "error");
}

/**
 * Whether `incoming` should be kept out because `stored` passes the rules and `incoming`
 * does not. Only names, ID numbers and BHYT numbers are judged; `holder` is the date of
 * birth and gender the ID number is checked against.
 */
export function wouldSpoil(
  field: string,
  stored: unknown,
  incoming: unknown,
  holder: { dob?: string | null; gender?: Gender | null } = {},
): boolean {
  if (field !== "fullName" && field !== "pid" && field !== "bhyt") return false;
  if (typeof stored !== "string" || stored.trim() === "" || typeof incoming !== "string") return false;
  return !hasError(field, stored, holder) && hasError(field, incoming, holder);
}
