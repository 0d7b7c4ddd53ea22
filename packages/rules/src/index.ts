// The public surface of @roster/rules. Nothing outside this package imports a file
// below src/ directly.
export * from "./findings";
export * from "./dates";
export * from "./pid";
export * from "./pid-typo";
export { isVietnameseSyllable } from "./vietnamese-syllable";
export * from "./bhyt";
export * from "./ethnicity";
export * from "./names";
export { withinOneEdit } from "./edit-distance";
export * from "./legacy-encoding";
export * from "./guardians";
export * from "./residence";
export * from "./evaluate";
export * from "./duplicates";
export * from "./fingerprint";
export * from "./mark";
export * from "./rule-inputs";
