/** What the passes since the last `takeChanges` did. */
export interface EngineChanges {
  /** Every child read, evaluated or fingerprinted again, gone ones included: the results
   * a view must look at again. Holds every child when `all` is set. */
  readonly children: Set<string>;
  /** The children whose evaluation and fingerprint were brought up to date (removed and
   * gone ones too): the only ones whose results may differ, unless `all` is set. A child
   * whose edit touched no field the rules read is in `children`, not here. */
  readonly reevaluated: Set<string>;
  /** Children added or renamed (their place in class-list order may have changed). */
  readonly renamed: Set<string>;
  /** Every child was evaluated again (the first pass, or a new day). */
  all: boolean;
  /** A father/mother/guardian link was set, changed or cleared, or a child added, gone,
   * removed or restored (who counts as a guardian's child). */
  linksChanged: boolean;
  guardiansChanged: boolean;
  /** `conflicts()` was read again. */
  conflictsChanged: boolean;
  /** Children (not removed) whose rules ran again. */
  evaluated: number;
}

export function noChanges(): EngineChanges {
  return {
    children: new Set(),
    reevaluated: new Set(),
    renamed: new Set(),
    all: false,
    linksChanged: false,
    guardiansChanged: false,
    conflictsChanged: false,
    evaluated: 0,
  };
}
