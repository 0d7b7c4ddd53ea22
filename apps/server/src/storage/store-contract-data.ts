import * as Y from "yjs";

/** A distinct small payload per number: the store treats updates as opaque bytes. */
export function bytes(i: number): Uint8Array {
  return new TextEncoder().encode(`cập nhật #${i}`);
}

/** mulberry32: a tiny seeded generator, so a failing random case can be replayed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Everything a test document holds, as plain data, to compare two documents. */
export function docContent(doc: Y.Doc): unknown {
  return {
    children: doc.getMap("children").toJSON(),
    guardians: doc.getMap("guardians").toJSON(),
    log: doc.getArray("log").toJSON(),
    note: doc.getText("note").toString(),
  };
}

/** Replays stored updates into a fresh document, as the sync layer does on load. */
export function docFrom(updates: readonly Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, update);
  return doc;
}

const CHILD_IDS = ["V1StGXR8", "Z_sl6Uc2", "k9q-3xHs", "p0LmN4tQ", "aB7-cD8e"];
const FIELDS = ["fullName", "dob", "gender", "ethnicity", "pid", "healthBook", "address", "note"];
const VALUES: readonly (string | boolean | null)[] = [
  "Nguyễn Văn An",
  "Trần Thị Bích Ngọc",
  "Lê Hoàng Phúc",
  "2017-03-15",
  "079217001234",
  "01",
  "female",
  "Thôn Đông, xã Tân Phú",
  "",
  true,
  false,
  null,
];

const RELAYED = Symbol("relayed");

/**
 * Three peers edit one roster document at random and relay every change to each other,
 * like agencies connected to one room. Returns every update a peer produced locally (what
 * the sync layer stores), in order, and the first peer (all peers converge to its state).
 */
export function randomEditing(seed: number, steps: number): { updates: Uint8Array[]; doc: Y.Doc } {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const peers = [new Y.Doc(), new Y.Doc(), new Y.Doc()];
  const updates: Uint8Array[] = [];
  for (const peer of peers) {
    peer.on("update", (update: Uint8Array, origin: unknown) => {
      if (origin === RELAYED) return;
      updates.push(update);
      for (const other of peers) if (other !== peer) Y.applyUpdate(other, update, RELAYED);
    });
  }
  for (let step = 0; step < steps; step += 1) {
    const peer = pick(peers);
    peer.transact(() => edit(peer, random, pick));
  }
  return { updates, doc: peers[0] as Y.Doc };
}

function edit(doc: Y.Doc, random: () => number, pick: <T>(items: readonly T[]) => T): void {
  const r = random();
  const children = doc.getMap<Y.Map<unknown>>("children");
  const childId = pick(CHILD_IDS);
  let child = children.get(childId);
  if (!child) {
    child = new Y.Map();
    children.set(childId, child);
  }
  if (r < 0.5) child.set(pick(FIELDS), pick(VALUES));
  else if (r < 0.6) child.delete(pick(FIELDS));
  else if (r < 0.65) {
    child.set("removed", true);
    child.set("removedReason", "Chuyển đi nơi khác");
  } else if (r < 0.75) {
    const guardians = doc.getMap<Y.Map<unknown>>("guardians");
    const guardian = guardians.get(`g-${childId}`) ?? new Y.Map();
    if (!guardian.doc) guardians.set(`g-${childId}`, guardian);
    guardian.set(pick(["fullName", "phone", "vneid"]), pick(VALUES));
  } else if (r < 0.85) {
    doc.getArray("log").push([{ childId, field: pick(FIELDS), at: randomDay(random) }]);
  } else {
    const note = doc.getText("note");
    if (note.length > 0 && random() < 0.3) note.delete(Math.floor(random() * note.length), 1);
    else note.insert(Math.floor(random() * (note.length + 1)), pick(["Đã xác minh ", "Thiếu giấy khai sinh ", "ư", "đ"]));
  }
}

function randomDay(random: () => number): string {
  return `2026-06-${String(8 + Math.floor(random() * 20)).padStart(2, "0")}`;
}
