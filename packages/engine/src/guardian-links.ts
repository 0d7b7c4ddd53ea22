import type { Child } from "@roster/schema";
import { GUARDIAN_LINKS } from "@roster/rules";

/**
 * Which children link to each guardian (as father, mother or guardian), kept in step
 * child by child: a guardian's edit concerns exactly these children. A link to a
 * guardian that does not exist (yet) is kept too, so the guardian's arrival finds them.
 */
export class GuardianLinks {
  private readonly byGuardian = new Map<string, Set<string>>();

  /** Ids of the children linking to `guardianId`. */
  childrenOf(guardianId: string): ReadonlySet<string> {
    return this.byGuardian.get(guardianId) ?? NONE;
  }

  /** Follows `after` instead of `before` (either may be undefined: added, gone); true when a link changed. */
  replace(before: Child | undefined, after: Child | undefined): boolean {
    let changed = false;
    for (const { link } of GUARDIAN_LINKS) {
      const was = idOf(before?.[link]);
      const now = idOf(after?.[link]);
      if (was === now) continue;
      changed = true;
      const childId = (before ?? after)!.id;
      if (was !== undefined) this.remove(was, childId);
      if (now !== undefined) this.add(now, childId);
    }
    return changed;
  }

  clear(): void {
    this.byGuardian.clear();
  }

  private add(guardianId: string, childId: string): void {
    let ids = this.byGuardian.get(guardianId);
    if (!ids) this.byGuardian.set(guardianId, (ids = new Set()));
    ids.add(childId);
  }

  private remove(guardianId: string, childId: string): void {
    const ids = this.byGuardian.get(guardianId);
    ids?.delete(childId);
    if (ids?.size === 0) this.byGuardian.delete(guardianId);
  }
}

const NONE: ReadonlySet<string> = new Set();

function idOf(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}
