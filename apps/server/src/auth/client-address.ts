import { BlockList, isIP } from "node:net";

/** `::ffff:127.0.0.1` (an IPv4 peer on a dual-stack socket) is `127.0.0.1`. */
function plain(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1]! : address;
}

/**
 * The reverse proxies whose `X-Forwarded-For` is believed (`TRUSTED_PROXIES`, addresses or
 * CIDR ranges). Anyone else can write that header, so it is read only when the socket's
 * peer is one of them, and then from the right: each trusted hop appended the address it
 * saw, so the first untrusted address from the right is the client.
 */
export class TrustedProxies {
  private readonly list = new BlockList();
  private readonly empty: boolean;

  /** @throws Error for an entry that is neither an address nor a CIDR range (env.ts checks first). */
  constructor(entries: readonly string[]) {
    this.empty = entries.length === 0;
    for (const entry of entries) {
      const [address = "", bits] = entry.split("/");
      const family = isIP(address);
      if (family === 0) throw new Error(`not an IP address: ${entry}`);
      const type = family === 4 ? "ipv4" : "ipv6";
      if (bits === undefined) this.list.addAddress(address, type);
      else this.list.addSubnet(address, Number(bits), type);
    }
  }

  private trusts(address: string): boolean {
    const family = isIP(address);
    return !this.empty && family !== 0 && this.list.check(address, family === 4 ? "ipv4" : "ipv6");
  }

  /** The client behind `peer` (the socket's remote address), given its `X-Forwarded-For` header. */
  clientAddress(peer: string | undefined, forwardedFor: string | undefined): string {
    const socket = peer ? plain(peer) : "unknown";
    if (!forwardedFor || !this.trusts(socket)) return socket;
    const hops = forwardedFor.split(",").map((hop) => plain(hop.trim())).filter((hop) => hop !== "");
    let client = socket;
    for (let i = hops.length - 1; i >= 0; i--) {
      client = hops[i]!;
      if (!this.trusts(client)) break;
    }
    return client;
  }
}
