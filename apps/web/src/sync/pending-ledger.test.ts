import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { AckProbe } from "./ack-probe";
import { confirm, emptyLedger, pendingCount, recordLocalChange, type LedgerState } from "./pending-ledger";

// A phone's records document and the server's copy, with the ledger fed the way
// RosterConnection feeds it: one entry per local transaction.
function phone() {
  const doc = new Y.Doc();
  let ledger: LedgerState = emptyLedger();
  doc.on("afterTransaction", (tr: Y.Transaction) => {
    if (tr.local) ledger = recordLocalChange(ledger, doc.clientID, Y.getState(doc.store, doc.clientID));
  });
  const children = doc.getMap<Y.Map<unknown>>("children");
  const setField = (id: string, field: string, value: string) =>
    doc.transact(() => {
      let child = children.get(id);
      if (!child) {
        child = new Y.Map();
        children.set(id, child);
      }
      child.set(field, value);
    });
  const stateVector = () => Y.decodeStateVector(Y.encodeStateVector(doc));
  return { doc, setField, stateVector, ledger: () => ledger, setLedger: (l: LedgerState) => (ledger = l) };
}

describe("pending ledger", () => {
  it("counts each offline edit once and clears them when the server's state vector covers them", () => {
    const p = phone();
    p.setField("c1", "dob", "2015-03-02");
    p.setField("c1", "pid", "001215000123");
    p.setField("c2", "fullName", "Nguyễn Văn An");
    expect(pendingCount(p.ledger())).toBe(3);

    // The server received everything (its step 1 on the next connection says so).
    const server = new Y.Doc();
    Y.applyUpdate(server, Y.encodeStateAsUpdate(p.doc));
    const serverSv = Y.decodeStateVector(Y.encodeStateVector(server));
    p.setLedger(confirm(p.ledger(), serverSv, "2026-06-08T03:00:00.000Z"));
    expect(pendingCount(p.ledger())).toBe(0);
    expect(p.ledger().lastSyncedAt).toBe("2026-06-08T03:00:00.000Z");
  });

  it("keeps the edits the server has not seen when it only holds older ones", () => {
    const p = phone();
    p.setField("c1", "dob", "2015-03-02");
    const server = new Y.Doc();
    Y.applyUpdate(server, Y.encodeStateAsUpdate(p.doc));
    p.setField("c1", "gender", "female");
    p.setField("c3", "fullName", "Lò Thị Mai");
    p.setLedger(confirm(p.ledger(), Y.decodeStateVector(Y.encodeStateVector(server)), null));
    expect(pendingCount(p.ledger())).toBe(2);
    expect(p.ledger().lastSyncedAt).toBeNull();
  });

  it("survives a restart: the state round-trips through JSON and a new client id", () => {
    const p = phone();
    p.setField("c1", "dob", "2015-03-02");
    p.setField("c1", "pid", "001215000123");
    const saved = JSON.parse(JSON.stringify(p.ledger())) as LedgerState;

    // After a restart the document is loaded from IndexedDB under a new client id.
    const restarted = new Y.Doc();
    Y.applyUpdate(restarted, Y.encodeStateAsUpdate(p.doc));
    expect(restarted.clientID).not.toBe(p.doc.clientID);
    expect(pendingCount(saved)).toBe(2);
    const afterSync = confirm(saved, Y.decodeStateVector(Y.encodeStateVector(restarted)), "2026-06-08T04:00:00.000Z");
    expect(pendingCount(afterSync)).toBe(0);
  });

  it("does not count remote updates applied from the server", () => {
    const p = phone();
    const other = new Y.Doc();
    other.getMap<string>("children").set("x", "y");
    Y.applyUpdate(p.doc, Y.encodeStateAsUpdate(other), "provider");
    expect(pendingCount(p.ledger())).toBe(0);
  });
});

describe("ack probe", () => {
  it("confirms nothing with the answer to the opening step 1, then each probe in order", () => {
    const probe = new AckProbe();
    const first = new Map([[7, 3]]);
    const second = new Map([[7, 5]]);
    probe.connected();
    probe.probeSent(first);
    probe.probeSent(second);
    expect(probe.outstanding).toBe(2);
    expect(probe.answered()).toBeNull();
    expect(probe.answered()).toBe(first);
    expect(probe.answered()).toBe(second);
    expect(probe.answered()).toBeNull();
  });

  it("forgets probes when the socket closes, so a late answer on a new socket confirms nothing", () => {
    const probe = new AckProbe();
    probe.connected();
    probe.probeSent(new Map([[7, 9]]));
    probe.disconnected();
    probe.connected();
    expect(probe.answered()).toBeNull();
    expect(probe.outstanding).toBe(0);
  });
});
