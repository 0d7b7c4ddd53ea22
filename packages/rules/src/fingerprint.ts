// What police verification is tied to. A verification stamp stores the fingerprint of
// the record as the officer saw it; the record stays `verified` only while its current
// fingerprint is the same (DESIGN.md "Review document").
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";
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

/** The child fields the fingerprint covers (item 2 below). */
export const FINGERPRINT_CHILD_FIELDS = [
  "fullName", "dob", "gender", "ethnicity", "pid", "residenceType", "residenceRegisteredOn",
  "birthRegisteredOn", "representative",
] as const;

/** The fields of a linked guardian the fingerprint covers (item 3 below). */
export const FINGERPRINT_GUARDIAN_FIELDS = ["fullName", "pid"] as const;

/**
 * Every field police verify, as findings name them: the child's fingerprinted fields, its
 * father/mother/guardian links (they choose whose name and number are hashed) and
 * `<role>.fullName` / `<role>.pid` of each linked guardian.
 */
export const VERIFIED_FIELDS: ReadonlySet<string> = new Set<string>([
  ...FINGERPRINT_CHILD_FIELDS,
  ...GUARDIAN_LINKS.map(({ link }) => link),
  ...GUARDIAN_LINKS.flatMap(({ role }) => FINGERPRINT_GUARDIAN_FIELDS.map((field) => `${role}.${field}`)),
]);

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
  return fingerprintOfInput(fingerprintInput(child, guardians));
}

/**
 * The text `fingerprint` hashes: the canonical form above, as a string. Two children with
 * the same input have the same fingerprint, so a cache compares inputs and hashes only
 * when one changed (hashing costs more than the rest of a child's evaluation).
 */
export function fingerprintInput(child: Child, guardians: Record<string, Guardian>): string {
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
    // The links in `GUARDIAN_LINKS` order, each read by name (cheaper than by a variable key).
    guardianPart(linkedGuardian(child.fatherId, guardians)),
    guardianPart(linkedGuardian(child.motherId, guardians)),
    guardianPart(linkedGuardian(child.guardianId, guardians)),
  ];
  return JSON.stringify(canonical);
}

/** The fingerprint of a `fingerprintInput`. */
export function fingerprintOfInput(input: string): string {
  return bytesToHex(sha256OfText(input));
}

function guardianPart(guardian: Guardian | null | undefined): [string, string] | null {
  return guardian ? [nameOf(guardian.fullName), pidOf(guardian.pid)] : null;
}

// The encoder holds no state between calls. In Node 20 `encode` allocates a fresh buffer
// outside the heap on every call, which cost a third of a fingerprint; `encodeInto` a
// reused buffer costs a fifth of that. The buffer is filled, hashed and wiped within one
// synchronous call, so no call ever sees another's bytes (they are personal data).
interface Utf8Encoder {
  encode(input: string): Uint8Array;
  encodeInto(input: string, into: Uint8Array): { read: number; written: number };
}
// The WHATWG TextEncoder of browsers, workers and Node, reached through globalThis
// because the isomorphic tsconfig has neither DOM nor Node types.
const UTF8 = new (globalThis as unknown as { TextEncoder: new () => Utf8Encoder }).TextEncoder();
const SCRATCH = new Uint8Array(2048);

/** SHA-256 of the UTF-8 bytes of `text` (the bytes `TextEncoder.encode` gives). */
function sha256OfText(text: string): Uint8Array {
  const { read, written } = UTF8.encodeInto(text, SCRATCH);
  // A canonical form too long for the buffer (junk typed into a name) takes the slow way.
  if (read !== text.length) return sha256(UTF8.encode(text));
  const digest = sha256(SCRATCH.subarray(0, written));
  SCRATCH.fill(0, 0, written);
  return digest;
}
