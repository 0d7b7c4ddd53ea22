import type { Finding } from "@roster/schema";
import { normalizeName, repairLegacyText } from "@roster/rules";

/** A one-tap fix: the value to write instead of the current one. */
export interface QuickFix {
  readonly kind: "normalize-name" | "repair-encoding";
  readonly value: string;
  /** For `repair-encoding`: which legacy encoding was detected. */
  readonly encoding?: string;
}

const NAME_FORMAT = new Set(["name.format", "guardian.name.format"]);
const NAME_ENCODING = new Set(["name.encoding", "guardian.name.encoding"]);

/**
 * The one-tap fixes the rules package offers for `finding` on a field holding `value`:
 * normalising a name, converting TCVN3/VNI text to Unicode (then normalising it).
 * A fix that would not change the value is not offered.
 */
export function quickFixesFor(finding: Finding, value: string | null | undefined): QuickFix[] {
  const current = value ?? "";
  if (current.trim() === "") return [];
  if (NAME_FORMAT.has(finding.code)) {
    const fixed = normalizeName(current);
    return fixed !== current ? [{ kind: "normalize-name", value: fixed }] : [];
  }
  if (NAME_ENCODING.has(finding.code)) {
    const repaired = repairLegacyText(current);
    if (repaired.encoding === null) return [];
    const fixed = normalizeName(repaired.text);
    return fixed !== current ? [{ kind: "repair-encoding", value: fixed, encoding: repaired.encoding.toUpperCase() }] : [];
  }
  return [];
}
