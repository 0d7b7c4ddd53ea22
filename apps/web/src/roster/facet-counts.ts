import type { ChildRow } from "./child-row";
import { facetsFrom, type Facets } from "./filters";

/**
 * Counts, over the rows of a roster, how many (not removed) children show each school,
 * grade and finding code. `facets()` lists the values present, as `facetsOf` does; it
 * only needs calling when `changed` (a value appeared or disappeared), which an edit of
 * one child in a roster of thousands rarely causes.
 */
export class FacetCounts {
  private readonly schools = new Map<string, number>();
  private readonly grades = new Map<string, number>();
  private readonly codes = new Map<string, number>();
  /** True when the set of values changed since the last `facets()`. */
  changed = true;

  /** Adds (`by` = 1) or takes away (`by` = -1) one row. */
  count(row: ChildRow, by: 1 | -1): void {
    const child = row.child;
    if (child.removed === true) return;
    if (child.school) this.bump(this.schools, child.school, by);
    if (child.grade) this.bump(this.grades, child.grade, by);
    // A code counts once per row, however many findings of it the row has.
    for (const code of new Set(row.findings.map((f) => f.code))) this.bump(this.codes, code, by);
  }

  clear(): void {
    this.schools.clear();
    this.grades.clear();
    this.codes.clear();
    this.changed = true;
  }

  /** The values present, sorted like `facetsOf`. */
  facets(): Facets {
    this.changed = false;
    return facetsFrom(this.schools.keys(), this.grades.keys(), this.codes.keys());
  }

  private bump(map: Map<string, number>, value: string, by: 1 | -1): void {
    const next = (map.get(value) ?? 0) + by;
    if (next <= 0) {
      map.delete(value);
      this.changed = true;
    } else {
      if (next === 1 && by === 1) this.changed = true;
      map.set(value, next);
    }
  }
}
