import { describe, expect, it } from "vitest";
import { RecordIdSchema } from "@roster/schema";
import { entryId, newRecordId, parseEntryId } from "./ids";

describe("newRecordId", () => {
  it("makes 21-symbol URL-safe ids that the schema accepts and that do not repeat", () => {
    const ids = new Set(Array.from({ length: 5000 }, () => newRecordId()));
    expect(ids.size).toBe(5000);
    const odd = [...ids].filter((id) => !/^[A-Za-z0-9_-]{21}$/.test(id) || !RecordIdSchema.safeParse(id).success);
    expect(odd).toEqual([]);
  });
});

describe("entry ids", () => {
  it.each([
    [0, 0, "0.0"],
    [1, 35, "1.z"],
    [4294967295, 123456, "1z141z3.2n9c"],
  ])("client %i clock %i ⇄ %s", (client, clock, id) => {
    expect(entryId(client, clock)).toBe(id);
    expect(parseEntryId(id)).toEqual({ client, clock });
  });

  it.each(["", "abc", "1.2.3", "A.1", "1.", ".1", "zzzzzzzzzzzz.1", "x-1"])("does not locate %j", (id) => {
    expect(parseEntryId(id)).toBeUndefined();
  });
});
