import { describe, expect, it } from "vitest";
import { TrustedProxies } from "./client-address";

describe("TrustedProxies", () => {
  const proxies = new TrustedProxies(["127.0.0.1", "::1", "10.0.0.0/8"]);

  it("takes the rightmost untrusted X-Forwarded-For hop behind a trusted proxy", () => {
    expect(proxies.clientAddress("127.0.0.1", "203.0.113.9")).toBe("203.0.113.9");
    // The client wrote the first entry itself; the proxy appended the address it saw.
    expect(proxies.clientAddress("::ffff:127.0.0.1", "198.51.100.1, 203.0.113.9")).toBe("203.0.113.9");
    expect(proxies.clientAddress("::1", "198.51.100.1, 203.0.113.9, 10.1.2.3")).toBe("203.0.113.9");
  });

  it("ignores the header from anyone else, and when no proxy is configured", () => {
    expect(proxies.clientAddress("203.0.113.9", "127.0.0.1")).toBe("203.0.113.9");
    expect(new TrustedProxies([]).clientAddress("127.0.0.1", "203.0.113.9")).toBe("127.0.0.1");
  });

  it("refuses an entry that is not an address", () => {
    expect(() => new TrustedProxies(["proxy.local"])).toThrow(/not an IP address/);
  });
});
