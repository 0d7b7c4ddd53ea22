import { createServer, connect, type Server, type Socket } from "node:net";

/**
 * A TCP relay between the browser and the server that a test can cut, as a phone loses
 * its signal: `offline()` drops every open connection (WebSockets included) and refuses
 * new ones until `online()`; `stall()` lets the link die without a word (nothing is
 * closed, nothing gets through). The browser talks to the relay's port only, so its
 * origin (and service worker, and IndexedDB) stays the same across the cut.
 */
export class NetSwitch {
  private readonly sockets = new Set<Socket>();
  private up = true;
  private stalled = false;
  private server: Server | undefined;
  port = 0;

  constructor(private targetPort: number) {}

  /** Points new connections at another server (a restarted one on a new port). */
  retarget(port: number): void {
    this.targetPort = port;
  }

  async start(): Promise<void> {
    this.server = createServer((client) => {
      if (!this.up) {
        client.destroy();
        return;
      }
      this.track(client);
      // A connection opened on a dead link is accepted and never answered.
      if (this.stalled) return;
      const upstream = connect(this.targetPort, "127.0.0.1");
      this.track(upstream);
      // Data is dropped while stalled, like packets on a dead link.
      client.on("data", (chunk) => void (this.stalled || upstream.write(chunk)));
      upstream.on("data", (chunk) => void (this.stalled || client.write(chunk)));
      client.on("close", () => upstream.destroy());
      upstream.on("close", () => client.destroy());
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    const address = this.server.address();
    this.port = typeof address === "object" && address ? address.port : 0;
  }

  private track(socket: Socket): void {
    this.sockets.add(socket);
    socket.on("close", () => this.sockets.delete(socket));
    socket.on("error", () => socket.destroy());
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  offline(): void {
    this.up = false;
    this.dropAll();
  }

  /** The link goes dead silently: open connections stay open and carry nothing. */
  stall(): void {
    this.stalled = true;
  }

  /** The link is back; connections a stall killed are gone (their bytes were lost). */
  online(): void {
    if (this.stalled) this.dropAll();
    this.stalled = false;
    this.up = true;
  }

  private dropAll(): void {
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
  }

  async stop(): Promise<void> {
    this.offline();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
