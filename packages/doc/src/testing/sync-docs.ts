import * as Y from "yjs";

/** Brings every document up to date with every other (y-websocket sync steps 1 and 2). */
export function syncDocs(...docs: Y.Doc[]): void {
  for (const a of docs) {
    for (const b of docs) {
      if (a !== b) Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
    }
  }
}

/** A document with a fixed client id, so which concurrent map write Yjs keeps is known. */
export function docWithClient(clientId: number): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  return doc;
}
