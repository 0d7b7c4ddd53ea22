// The fingerprint is stored in verification stamps: the faster build of it must hash the
// very bytes the first one hashed (reference-records.fixtures.ts), for any input,
// including lone surrogates and canonical forms longer than the encoding buffer.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { child, guardianPool } from "./arbitraries.fixtures";
import { fingerprint } from "./fingerprint";
import { referenceFingerprint } from "./reference-records.fixtures";

describe("fingerprint agrees with the reference (property)", () => {
  it("on records of every kind", () => {
    fc.assert(
      fc.property(child, guardianPool, (c, guardians) => {
        expect(fingerprint(c, guardians)).toBe(referenceFingerprint(c, guardians));
      }),
      { numRuns: 2000 },
    );
  });

  it("on any text, long or not well formed", () => {
    const anyText = fc.oneof(fc.string({ unit: "binary", maxLength: 40 }), fc.string({ unit: "grapheme", minLength: 500, maxLength: 900 }));
    fc.assert(
      fc.property(child, anyText, anyText, (c, name, pid) => {
        const record = { ...c, fullName: name, pid, fatherId: null, motherId: null, guardianId: null };
        expect(fingerprint(record, {})).toBe(referenceFingerprint(record, {}));
      }),
      { numRuns: 500 },
    );
  });

  it("hashes the same bytes twice in a row (the buffer is reused)", () => {
    const long = { id: "c", fullName: "Nguyễn ".repeat(400) + "An" };
    const short = { id: "c", fullName: "Lê An" };
    expect([fingerprint(short, {}), fingerprint(long, {}), fingerprint(short, {})]).toEqual([
      referenceFingerprint(short, {}), referenceFingerprint(long, {}), referenceFingerprint(short, {}),
    ]);
  });
});
