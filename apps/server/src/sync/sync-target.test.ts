import type { Role } from "@roster/schema";
import { describe, expect, it } from "vitest";
import { isReadOnlySync, parseSyncPath, syncDocName } from "./sync-target";

describe("parseSyncPath", () => {
  it.each([
    ["/sync/thon-na-hang", { rosterId: "thon-na-hang", kind: "records", docName: "records:thon-na-hang" }],
    ["/sync/to-dan-pho-3/review", { rosterId: "to-dan-pho-3", kind: "review", docName: "review:to-dan-pho-3" }],
  ])("%s", (path, target) => {
    expect(parseSyncPath(path)).toEqual(target);
  });

  it.each(["/sync/", "/sync/Thon-1", "/sync/thôn-1", "/sync/a/b", "/sync/a/review/x", "/api/rosters", "/sync/a/"])(
    "refuses %s",
    (path) => {
      expect(parseSyncPath(path)).toBeUndefined();
    },
  );

  it("refuses an id longer than 64 characters", () => {
    expect(parseSyncPath(`/sync/${"a".repeat(65)}`)).toBeUndefined();
  });
});

describe("isReadOnlySync", () => {
  it.each<[Role, boolean]>([
    ["admin", false],
    ["police", false],
    ["social", false],
    ["school", false],
    ["hamlet", false],
    ["viewer", true],
  ])("records document for %s: read-only %s", (role, readOnly) => {
    expect(isReadOnlySync("records", role)).toBe(readOnly);
    expect(isReadOnlySync("review", role)).toBe(true);
  });

  it("names documents as the storage expects", () => {
    expect(syncDocName("review", "ban-khe-lech")).toBe("review:ban-khe-lech");
  });
});
