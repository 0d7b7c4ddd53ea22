import "fake-indexeddb/auto";
import { deleteDB, openDB } from "idb";
import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { DocPersistence } from "./doc-persistence";

let counter = 0;
const open: DocPersistence[] = [];

afterEach(async () => {
  await Promise.all(open.splice(0).map((p) => p.destroy()));
});

function persist(name: string, doc = new Y.Doc(), options: ConstructorParameters<typeof DocPersistence>[2] = {}) {
  const p = new DocPersistence(name, doc, options);
  open.push(p);
  return p;
}

async function rows(name: string): Promise<{ updates: number; custom: Record<string, unknown> }> {
  const db = await openDB(name);
  const tx = db.transaction(["updates", "custom"]);
  const updates = await tx.objectStore("updates").count();
  const keys = await tx.objectStore("custom").getAllKeys();
  const custom: Record<string, unknown> = {};
  for (const key of keys) custom[String(key)] = await tx.objectStore("custom").get(key);
  db.close();
  return { updates, custom };
}

const freshName = () => `roster-doc:test-${(counter += 1)}:records`;

describe("DocPersistence", () => {
  it("keeps every change and opens the document again exactly, without storing the load again", async () => {
    const name = freshName();
    const first = persist(name);
    await first.whenLoaded;
    const children = first.doc.getMap<string>("children");
    children.set("c1", "Lò Thị Mai");
    children.set("c2", "Nguyễn Văn An");
    children.delete("c1");
    await first.whenStored();
    await first.destroy();
    expect((await rows(name)).updates).toBe(3);

    const second = persist(name);
    await second.whenLoaded;
    expect(second.doc.getMap<string>("children").toJSON()).toEqual({ c2: "Nguyễn Văn An" });
    await second.whenStored();
    expect((await rows(name)).updates).toBe(3);
  });

  it("writes the values of withEachChange with each change, as they were at that change", async () => {
    const name = freshName();
    let waiting = 0;
    const p = persist(name, new Y.Doc(), { withEachChange: () => ({ "pending-ledger": { waiting } }) });
    await p.whenLoaded;
    for (let i = 1; i <= 3; i += 1) {
      waiting = i;
      p.doc.getMap<number>("m").set("k", i);
    }
    waiting = 99; // after the last change: never written
    await p.whenStored();
    expect(await rows(name)).toEqual({ updates: 3, custom: { "pending-ledger": { waiting: 3 } } });
  });

  it("keeps a change made while the stored document was still loading", async () => {
    const name = freshName();
    const before = persist(name);
    await before.whenLoaded;
    before.doc.getMap<string>("m").set("stored", "yes");
    await before.destroy();

    const doc = new Y.Doc();
    const p = persist(name, doc);
    doc.getMap<string>("m").set("early", "yes");
    await p.whenLoaded;
    await p.whenStored();
    await p.destroy();

    const reopened = persist(name);
    await reopened.whenLoaded;
    expect(reopened.doc.getMap<string>("m").toJSON()).toEqual({ stored: "yes", early: "yes" });
  });

  it("folds 500 stored updates into one, and the document stays whole", async () => {
    const name = freshName();
    const p = persist(name);
    await p.whenLoaded;
    for (let i = 0; i < 520; i += 1) p.doc.getMap<number>("m").set(`k${i % 50}`, i);
    await p.whenStored();
    await new Promise((resolve) => setTimeout(resolve, 1300));
    await p.whenStored();
    expect((await rows(name)).updates).toBe(1);
    const expected = p.doc.getMap<number>("m").toJSON();
    await p.destroy();

    const reopened = persist(name);
    await reopened.whenLoaded;
    expect(reopened.doc.getMap<number>("m").toJSON()).toEqual(expected);
  });

  it("lets the logout wipe delete its database while it is open", async () => {
    const name = freshName();
    const p = persist(name);
    await p.whenLoaded;
    p.doc.getMap<string>("m").set("k", "v");
    await p.whenStored();
    await deleteDB(name);
    const reopened = persist(name);
    await reopened.whenLoaded;
    expect(reopened.doc.getMap<string>("m").size).toBe(0);
  });
});
