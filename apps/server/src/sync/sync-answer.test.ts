import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { EMPTY_UPDATE, answerSync } from "./sync-answer";
import type { StoredCapture } from "./stored-state";

const diff = async (update: Uint8Array, stateVector: Uint8Array) => Y.diffUpdate(update, stateVector);

/** A document edited in three steps; each step's update, and the state after each. */
function history() {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on("update", (u: Uint8Array) => updates.push(u));
  const map = doc.getMap<string>("children");
  doc.transact(() => map.set("c-1", "Lò Văn Pọm"));
  const afterFirst = Y.encodeStateVector(doc);
  doc.transact(() => map.set("c-2", "Lò Thị Ín"));
  doc.transact(() => map.set("c-1", "Lò Văn Pâng"));
  return { doc, updates: updates as [Uint8Array, Uint8Array, Uint8Array], afterFirst };
}

function capture(snapshotOf: Uint8Array, snapshotSv: Uint8Array | null, tail: { update: Uint8Array; witnessed?: boolean }[], witnessed = true): StoredCapture {
  return {
    snapshot: { seq: 1, update: snapshotOf, stateVector: snapshotSv, witnessed },
    tail: tail.map((entry, i) => ({ seq: 2 + i, ...entry })),
    lastSeq: 1 + tail.length,
  };
}

describe("answerSync", () => {
  it("gives a new client the stored bytes as they are, and an empty document one empty update", async () => {
    const { updates, afterFirst } = history();
    const answer = await answerSync(capture(updates[0], afterFirst, [{ update: updates[1] }, { update: updates[2] }]), new Uint8Array([0]), diff);
    expect(answer).toEqual({ kind: "stored-bytes", parts: updates, skipped: 0 });
    const empty = await answerSync({ snapshot: undefined, tail: [], lastSeq: 0 }, new Uint8Array([0]), diff);
    expect(empty.parts).toEqual([EMPTY_UPDATE]);
  });

  it("leaves out a witnessed snapshot and the updates a returning client holds, and nothing else", async () => {
    const { doc, updates, afterFirst } = history();
    const client = new Y.Doc();
    Y.applyUpdate(client, updates[0]);
    Y.applyUpdate(client, updates[1]);
    const answer = await answerSync(capture(updates[0], afterFirst, [{ update: updates[1] }, { update: updates[2] }]), Y.encodeStateVector(client), diff);
    expect(answer.skipped).toBe(2);
    for (const part of answer.parts) Y.applyUpdate(client, part);
    expect(client.getMap("children").toJSON()).toEqual(doc.getMap("children").toJSON());
  });

  it("never leaves out a part whose deletions the state vector cannot vouch for", async () => {
    const { updates, afterFirst } = history();
    const client = new Y.Doc();
    for (const u of updates) Y.applyUpdate(client, u);
    const sv = Y.encodeStateVector(client);
    // A snapshot not witnessed, one without its state vector, an update stored before witnesses.
    expect((await answerSync(capture(updates[0], afterFirst, [], false), sv, diff)).skipped).toBe(0);
    expect((await answerSync(capture(updates[0], null, []), sv, diff)).skipped).toBe(0);
    expect((await answerSync(capture(updates[0], afterFirst, [{ update: updates[1], witnessed: false }]), sv, diff)).skipped).toBe(1);
    // An update of deletions only has no structs to hold.
    const deleter = new Y.Doc();
    Y.applyUpdate(deleter, Y.encodeStateAsUpdate(client));
    let deletion: Uint8Array | undefined;
    deleter.on("update", (u: Uint8Array) => (deletion = u));
    deleter.getMap("children").delete("c-2");
    const answer = await answerSync(capture(updates[0], afterFirst, [{ update: deletion as Uint8Array }]), sv, diff);
    expect(answer.skipped).toBe(1); // the snapshot only
    for (const part of answer.parts) Y.applyUpdate(client, part);
    expect(client.getMap("children").has("c-2")).toBe(false);
  });

  it("refuses a state vector that is not one", async () => {
    const { updates, afterFirst } = history();
    await expect(answerSync(capture(updates[0], afterFirst, []), new Uint8Array([3, 255, 255, 255]), diff)).rejects.toThrow();
  });
});
