import { createServer, connect, type Server, type Socket } from "node:net";

/**
 * A TCP relay between the browser and the server that a test can cut, as a phone loses
 * its signal: `offline()` drops every open connection (WebSockets included) and refuses
 * new ones until `online()`. The browser talks to the relay's port only, so its origin
 * (and service worker, and IndexedDB) stays the same across the cut.
 */
export class NetSwitch {
  private readonly sockets = new Set<Socket>();
  private up = true;
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
      const upstream = connect(this.targetPort, "127.0.0.1");
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on("close", () => this.sockets.delete(s));
        s.on("error", () => s.destroy());
      }
      client.pipe(upstream);
      upstream.pipe(client);
      client.on("close", () => upstream.destroy());
      upstream.on("close", () => client.destroy());
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    const address = this.server.address();
    this.port = typeof address === "object" && address ? address.port : 0;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  offline(): void {
    this.up = false;
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
  }

  online(): void {
    this.up = true;
  }

  async stop(): Promise<void> {
    this.offline();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
