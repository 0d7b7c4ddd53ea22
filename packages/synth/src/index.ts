// The public surface of @roster/synth: realistic synthetic rosters for the demo, tests and
// benchmarks. Nothing outside this package imports a file below src/ directly.
export { generateRoster, generatePlantedRoster, DEFAULT_AS_OF, DEFAULT_VILLAGE, type RosterOptions } from "./roster";
export { generateCommune, type CommuneOptions, type GeneratedCommune, type GeneratedVillage } from "./commune";
export type { GeneratedRoster, PlantedRoster } from "./village";
export {
  BASE_PROBLEM_SHARES,
  DEFAULT_PROBLEM_RATE,
  PROBLEM_FINDINGS,
  PROBLEM_KINDS,
  sharesForRate,
  type ProblemKind,
  type ProblemShares,
} from "./problems";
export { REGIONS, type Region } from "./regions";
export { LEGACY_NAMES, type LegacyName } from "./legacy-names";
export { villageSlug } from "./village-names";
export { createRandom, type Random } from "./random";
