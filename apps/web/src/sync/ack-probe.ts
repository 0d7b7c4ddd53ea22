import type { StateVector } from "./pending-ledger";

/**
 * Tells which state vectors a server's answers confirm. The y-websocket protocol has no
 * acknowledgement, but the server answers every `sync step 1` with one `sync step 2`,
 * in order, and only once what it received before is durable. So a step 1 sent after
 * every local change has gone out is a probe: its answer confirms the local state vector
 * of that moment. The step 1 the provider sends on connecting confirms nothing (our
 * offline changes go out only after it, in reply to the server's step 1).
 */
export class AckProbe {
  private waiting: (StateVector | null)[] = [];

  /** The socket opened; the provider has just sent its own step 1. */
  connected(): void {
    this.waiting = [null];
  }

  /** The socket closed: answers to earlier probes will never come. */
  disconnected(): void {
    this.waiting = [];
  }

  /** A probe went out after everything in `sent` had been sent. */
  probeSent(sent: StateVector): void {
    this.waiting.push(sent);
  }

  /** A step 2 arrived: what it confirms, or null when it answered the opening step 1. */
  answered(): StateVector | null {
    return this.waiting.shift() ?? null;
  }

  /** Probes sent and not answered yet. */
  get outstanding(): number {
    return this.waiting.filter((w) => w !== null).length;
  }
}
