import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createRecordsDoc } from "./layout";
import type { ImportLogEntry } from "@roster/schema";
import { cleanFileName, importsAddedIn, listImports, recordImport } from "./import-log";

const entry = (id: string, file = "lop-3A.xlsx"): ImportLogEntry => ({
  id,
  file,
  at: "2026-11-23T08:00:00.000Z",
  by: "u1",
  byName: "Trường TH Yên Thành",
  added: 3,
  updated: 1,
  rejected: 0,
});

describe("import log", () => {
  it("keeps only the base name of a file without control characters", () => {
    expect(cleanFileName("C:\\Users\\gv\\Desktop\\DS lớp 3A.xlsx")).toBe("DS lớp 3A.xlsx");
    expect(cleanFileName("/tmp/a\u0000b.csv")).toBe("ab.csv");
    expect(cleanFileName("")).toBe("?");
  });

  it("tells which entries a remote transaction appended, and not older ones", () => {
    const a = createRecordsDoc();
    const b = createRecordsDoc();
    a.transact(() => recordImport(a, entry("one")));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const before = Y.encodeStateVector(b);
    a.transact(() => {
      a.getMap("children").set("c1", new Y.Map());
      recordImport(a, entry("two", "../x/ds.csv"));
    });
    const seen: string[] = [];
    b.on("afterTransaction", (tr: Y.Transaction) => seen.push(...importsAddedIn(tr).map((e) => `${e.id}:${e.file}`)));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a, before));
    expect(seen).toEqual(["two:ds.csv"]);
    expect(listImports(b).map((e) => e.id)).toEqual(["one", "two"]);
  });

  it("ignores slots that are not entries", () => {
    const doc = createRecordsDoc();
    const seen: string[] = [];
    doc.on("afterTransaction", (tr: Y.Transaction) => seen.push(...importsAddedIn(tr).map((e) => e.id)));
    doc.getArray("imports").push([{ id: 1 }, "x", { ...entry("ok"), added: -1 }]);
    expect(seen).toEqual([]);
    expect(listImports(doc)).toEqual([]);
  });
});
