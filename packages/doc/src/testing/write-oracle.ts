import * as Y from "yjs";
import type { FieldValue, RecordKind } from "@roster/schema";

/** One write of one field as the test saw it happen. */
export interface OracleWrite {
  readonly kind: RecordKind;
  readonly id: string;
  readonly field: string;
  readonly value: FieldValue;
  /** The writer's Yjs client and its state right after the write's transaction. */
  readonly client: number;
  readonly endClock: number;
  /** Earlier writes of the same field that the writer's document had integrated. */
  readonly knew: ReadonlySet<OracleWrite>;
}

/** What the oracle expects of one field once every peer has everything. */
export interface FieldExpectation {
  readonly kind: RecordKind;
  readonly id: string;
  readonly field: string;
  readonly writes: readonly OracleWrite[];
  /** Writes no other write knew: the values nobody has replaced. */
  readonly maximal: readonly OracleWrite[];
  readonly conflict: boolean;
}

/**
 * A happens-before model of field writes, independent of the edit log: a write knew an
 * earlier one when the writer's document had integrated that write's Yjs items (Yjs
 * integrates one client's items in clock order, so "state ≥ end clock" says exactly
 * that). Two writes of a field are concurrent when neither knew the other.
 */
export class WriteOracle {
  private readonly byField = new Map<string, OracleWrite[]>();

  /** Records writes that `doc` just made in one transaction (call right after it). */
  record(doc: Y.Doc, kind: RecordKind, id: string, values: ReadonlyArray<readonly [string, FieldValue]>): void {
    const endClock = Y.getState(doc.store, doc.clientID);
    for (const [field, value] of values) {
      const key = `${kind}:${id}:${field}`;
      const earlier = this.byField.get(key) ?? [];
      const knew = new Set(earlier.filter((w) => Y.getState(doc.store, w.client) >= w.endClock));
      earlier.push({ kind, id, field, value, client: doc.clientID, endClock, knew });
      this.byField.set(key, earlier);
    }
  }

  /** Every written field with the writes nobody replaced and whether they disagree. */
  expectations(): FieldExpectation[] {
    return [...this.byField.values()].map((writes) => {
      const first = writes[0] as OracleWrite;
      const maximal = writes.filter((w) => !writes.some((other) => other.knew.has(w)));
      const conflict = new Set(maximal.map((w) => w.value)).size > 1;
      return { kind: first.kind, id: first.id, field: first.field, writes, maximal, conflict };
    });
  }
}
