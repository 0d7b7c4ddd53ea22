import { describe, expect, it } from "vitest";
import { statusAfterClose } from "./connection-status";

describe("statusAfterClose", () => {
  it.each([
    [4401, "expired", false],
    [4403, "forbidden", false],
    [4404, "not-found", false],
    [4413, "too-large", false],
    [4429, "rate-limited", true],
    [4400, "offline", false],
    [1006, "offline", true],
    [1001, "offline", true],
    [undefined, "offline", true],
  ] as const)("close code %s → %s, reconnect %s", (code, status, reconnect) => {
    expect(statusAfterClose(code)).toEqual({ status, reconnect });
  });
});
