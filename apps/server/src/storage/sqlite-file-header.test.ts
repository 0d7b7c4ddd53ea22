import { describe, expect, it } from "vitest";
import { SQLITE_HEADER_BYTES, headerProblem, readSqliteHeader } from "./sqlite-file-header";

/** A database header as SQLite writes it: page size, change counter, page count, valid-for. */
function header(fields: { pageSize?: number; counter?: number; pages?: number; validFor?: number; magic?: string } = {}): Uint8Array {
  const { pageSize = 4096, counter = 7, pages = 10, magic = "SQLite format 3\0" } = fields;
  const validFor = fields.validFor ?? counter;
  const bytes = new Uint8Array(SQLITE_HEADER_BYTES);
  bytes.set(new TextEncoder().encode(magic), 0);
  const view = new DataView(bytes.buffer);
  view.setUint16(16, pageSize === 65_536 ? 1 : pageSize);
  view.setUint32(24, counter);
  view.setUint32(28, pages);
  view.setUint32(92, validFor);
  return bytes;
}

describe("SQLite file header", () => {
  it("reads the page size and the page count", () => {
    expect(readSqliteHeader(header())).toEqual({ pageSize: 4096, pageCount: 10 });
    expect(readSqliteHeader(header({ pageSize: 65_536, pages: 3 }))).toEqual({ pageSize: 65_536, pageCount: 3 });
  });

  it("does not trust a page count written by an older change", () => {
    expect(readSqliteHeader(header({ counter: 8, validFor: 7 }))?.pageCount).toBeUndefined();
    expect(readSqliteHeader(header({ pages: 0 }))?.pageCount).toBeUndefined();
  });

  it("accepts a whole database", () => {
    expect(headerProblem(header(), 10 * 4096)).toBeUndefined();
    // Pages past the header's count (a file grown by a later writer) are no damage.
    expect(headerProblem(header(), 12 * 4096)).toBeUndefined();
    expect(headerProblem(header({ counter: 1, validFor: 0 }), 3 * 4096)).toBeUndefined();
  });

  it("names a file that is not SQLite", () => {
    expect(headerProblem(new Uint8Array(0), 0)).toBe("not_sqlite");
    expect(headerProblem(header().subarray(0, 50), 50)).toBe("not_sqlite");
    expect(headerProblem(header({ magic: "PK\u0003\u0004 zip file.." }), 40_960)).toBe("not_sqlite");
    expect(headerProblem(header({ pageSize: 1000 }), 10_000)).toBe("not_sqlite");
    expect(headerProblem(header({ pageSize: 256 }), 2_560)).toBe("not_sqlite");
  });

  it("names a database cut short", () => {
    expect(headerProblem(header(), 9 * 4096)).toBe("truncated");
    expect(headerProblem(header(), 10 * 4096 - 1)).toBe("truncated");
    expect(headerProblem(header({ counter: 1, validFor: 0 }), 3 * 4096 + 100)).toBe("truncated");
  });
});
