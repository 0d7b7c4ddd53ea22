import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { encodeIntegratedState } from "./integrated-state";
import { childField, clientUpdate, setChildField } from "./test-doubles";

/** A server doc that received a client's second update but not its first. */
function serverWithPendingUpdate(): { server: Y.Doc; first: Uint8Array } {
  const { doc: client, update: first } = clientUpdate((d) => setChildField(d, "c-07", "fullName", "Vàng A Dính"));
  const { update: second } = clientUpdate((d) => setChildField(d, "c-07", "pid", "011215001234"), client);
  const server = new Y.Doc();
  setChildField(server, "c-01", "fullName", "Trần Văn Bình");
  Y.applyUpdate(server, second);
  return { server, first };
}

function restore(update: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return doc;
}

describe("encodeIntegratedState", () => {
  it("leaves out structs whose dependencies have not arrived (Yjs would include them)", () => {
    const { server } = serverWithPendingUpdate();
    expect(server.store.pendingStructs).not.toBeNull();
    const withPending = restore(Y.encodeStateAsUpdate(server));
    expect(withPending.store.pendingStructs).not.toBeNull();

    const integrated = restore(encodeIntegratedState(server));
    expect(integrated.store.pendingStructs).toBeNull();
    expect(childField(integrated, "c-01", "fullName")).toBe("Trần Văn Bình");
  });

  it("puts the pending structs back, so they integrate once the missing update arrives", () => {
    const { server, first } = serverWithPendingUpdate();
    encodeIntegratedState(server);
    Y.applyUpdate(server, first);
    expect(server.store.pendingStructs).toBeNull();
    expect(childField(server, "c-07", "pid")).toBe("011215001234");
  });

  it("equals encodeStateAsUpdate when nothing is pending, also against a state vector", () => {
    const doc = new Y.Doc();
    setChildField(doc, "c-01", "fullName", "Đinh Thị Hoa");
    const remote = new Y.Doc();
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc));
    setChildField(doc, "c-01", "school", "Trường Tiểu học Nậm Cắn");
    const sv = Y.encodeStateVector(remote);
    expect(encodeIntegratedState(doc, sv)).toEqual(Y.encodeStateAsUpdate(doc, sv));
    expect(encodeIntegratedState(doc)).toEqual(Y.encodeStateAsUpdate(doc));
  });
});
