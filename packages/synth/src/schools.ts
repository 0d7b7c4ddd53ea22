import { foldName } from "@roster/rules";

/** Schools split by level: primary (grades 1–5) and lower secondary (grades 6–9). */
export interface SchoolsByLevel {
  readonly primary: readonly string[];
  readonly secondary: readonly string[];
}

/**
 * Sorts school names by level from their names ("Trường Tiểu học …", "Trường THCS …",
 * "Trường TH&THCS …" and "liên cấp" serve both). A name that says neither serves both;
 * when a level has no school, every school serves it.
 * @throws RangeError for an empty list.
 */
export function schoolsByLevel(schools: readonly string[]): SchoolsByLevel {
  if (schools.length === 0) throw new RangeError("schools: need at least one school");
  const primary: string[] = [];
  const secondary: string[] = [];
  for (const school of schools) {
    const folded = ` ${foldName(school)} `;
    const both = / th (va )?thcs /.test(folded) || folded.includes(" lien cap ");
    const isPrimary = both || folded.includes(" tieu hoc ");
    const isSecondary = both || folded.includes(" thcs ") || folded.includes(" trung hoc co so ");
    if (isPrimary || !isSecondary) primary.push(school);
    if (isSecondary || !isPrimary) secondary.push(school);
  }
  return {
    primary: primary.length > 0 ? primary : [...schools],
    secondary: secondary.length > 0 ? secondary : [...schools],
  };
}
