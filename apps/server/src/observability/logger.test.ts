import { describe, expect, it } from "vitest";
import { createLogger } from "./logger";

describe("logger", () => {
  it("never writes tokens, passwords or ID numbers", () => {
    const lines: string[] = [];
    const log = createLogger("debug", (l) => lines.push(l));
    log.info("login", { token: "eyJhbGciOi.secret", password: "hunter2", username: "ca.xa" });
    log.warn("bad pid", { detail: "pid 001215012345 and CMND 012345678 rejected", pid: "001215012345" });
    const text = lines.join("\n");
    expect(text).not.toContain("eyJhbGciOi");
    expect(text).not.toContain("hunter2");
    expect(text).not.toContain("001215012345");
    expect(text).not.toContain("012345678");
    expect(text).toContain("ca.xa");
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: "info", event: "login", username: "ca.xa" });
  });

  it("drops events below its level", () => {
    const lines: string[] = [];
    createLogger("warn", (l) => lines.push(l)).info("quiet");
    expect(lines).toEqual([]);
  });
});
