// The public surface of @roster/engine. Nothing outside this package imports a file below
// src/ directly.
export { RosterEngine } from "./roster-engine";
export type { EngineChanges } from "./engine-changes";
export { evaluateRecords, evaluateWhole } from "./full-evaluation";
export type { ChildResult, RosterInput } from "./full-evaluation";
export { childrenLinkingTo, conflictFieldsByChild } from "./conflict-fields";
export { DuplicateIndex } from "./duplicate-index";
