import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { messageSync } from "y-websocket";
import type { StateVector } from "./pending-ledger";

/** What an incoming sync message is, read without consuming the provider's decoder. */
export type PeekedSync =
  | { step: "step1"; serverState: StateVector }
  | { step: "step2" }
  | { step: "update" }
  | { step: "unknown" };

/** Peeks at a `sync` message whose outer type the provider has already read. */
export function peekSyncMessage(decoder: decoding.Decoder): PeekedSync {
  try {
    const peek = decoding.clone(decoder);
    const step = decoding.readVarUint(peek);
    if (step === syncProtocol.messageYjsSyncStep1) {
      return { step: "step1", serverState: Y.decodeStateVector(decoding.readVarUint8Array(peek)) };
    }
    if (step === syncProtocol.messageYjsSyncStep2) return { step: "step2" };
    if (step === syncProtocol.messageYjsUpdate) return { step: "update" };
  } catch {
    // A malformed frame is the provider's to report.
  }
  return { step: "unknown" };
}

/** A `sync step 1` frame carrying `doc`'s state vector (the probe). */
export function syncStep1Frame(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, messageSync);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

/** The state vector of `doc` as a map. */
export function stateVectorOf(doc: Y.Doc): StateVector {
  return Y.decodeStateVector(Y.encodeStateVector(doc));
}
