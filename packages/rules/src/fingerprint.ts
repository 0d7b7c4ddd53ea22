// What police verification is tied to. A verification stamp stores the fingerprint of
// the record as the officer saw it; the record stays `verified` only while its current
// fingerprint is the same (DESIGN.md "Review document").
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import type { Child, Guardian } from "@roster/schema";
import { GUARDIAN_LINKS, linkedGuardian } from "./guardians";
import { normalizeName } from "./names";
import { normalizePid } from "./pid";

/** Names the serialisation; a change of the field list must change this, so that old
 * stamps stop matching instead of matching by accident. */
export const FINGERPRINT_VERSION = "roster-fp-v1";

// Absent, null, "" and blanks are one value: "not filled in".
function text(value: unknown): string {
  return typeof value === "string" ? value.trim() : "";
}

function nameOf(value: unknown): string {
  const s = text(value);
  return s === "" ? "" : normalizeName(s);
}

function pidOf(value: unknown): string {
  const s = text(value);
  return s === "" ? "" : normalizePid(s);
}

/**
 * The fingerprint of a child's identity: SHA-256, as 64 lowercase hex characters, of
 * `JSON.stringify` of an array in this fixed order:
 *
 * 1. `"roster-fp-v1"` (`FINGERPRINT_VERSION`);
 * 2. the child's `fullName` (after `normalizeName`: NFC, single spaces, capitalised),
 *    `dob`, `gender`, `ethnicity`, `pid` (after `normalizePid`), `residenceType`,
 *    `residenceRegisteredOn`, `birthRegisteredOn`, `representative`;
 * 3. for `father`, `mother`, `guardian` in that order: `null` when the role has no link
 *    or a broken one, else `[fullName, pid]` of the linked guardian (normalised as above).
 *    The guardian's id is left out: relinking to an identical record changes nothing.
 *
 * These are the fields commune police compare with the national population database;
 * "verified" means exactly them. Values are trimmed, and absent, null and "" are the same
 * value. Everything else (address, village, school, grade, BHYT, VNeID, ID card, health
 * book, appointment, note, guardians' phone, date of birth, VNeID, ...) and the key order
 * of the objects do not change it. Synchronous and pure JavaScript, so the browser and
 * the server compute the same string.
 */
export function fingerprint(child: Child, guardians: Record<string, Guardian>): string {
  const canonical: unknown[] = [
    FINGERPRINT_VERSION,
    nameOf(child.fullName),
    text(child.dob),
    text(child.gender),
    text(child.ethnicity),
    pidOf(child.pid),
    text(child.residenceType),
    text(child.residenceRegisteredOn),
    text(child.birthRegisteredOn),
    text(child.representative),
  ];
  for (const { link } of GUARDIAN_LINKS) {
    const guardian = linkedGuardian(child[link], guardians);
    canonical.push(guardian ? [nameOf(guardian.fullName), pidOf(guardian.pid)] : null);
  }
  return bytesToHex(sha256(utf8ToBytes(JSON.stringify(canonical))));
}
