import { RosterRecords } from "@roster/doc";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createLogger } from "../observability/logger";
import { checkEditActors } from "./edit-actor-check";

/** A transaction origin as a sync connection is: it carries the authenticated user. */
const connectionOf = (id: string) => ({ context: { user: { id, username: id } } });

describe("checkEditActors", () => {
  it("counts edit-log entries a connection wrote in another user's name, and only those", () => {
    const client = new Y.Doc();
    const records = new RosterRecords(client);
    const id = records.createChild({ fullName: "Lò Thị Xuân" });
    const server = new Y.Doc();
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client));
    const lines: string[] = [];
    const logger = createLogger("warn", (line) => lines.push(line));
    const check = checkEditActors("thon-dong", server, logger);
    const relay = (origin: unknown) => (update: Uint8Array) => Y.applyUpdate(server, update, origin);

    // The user's own edit: no warning.
    let forward = relay(connectionOf("u-lan"));
    client.on("update", (u: Uint8Array) => forward(u));
    records.setChildField(id, "note", "một", { id: "u-lan", name: "Lan" });
    expect(check.stats.mismatched).toBe(0);

    // The same connection claims someone else wrote two fields.
    client.transact(() => {
      records.setChildField(id, "note", "hai", { id: "u-hung", name: "Hùng" });
      records.setChildField(id, "grade", "5A", { id: "u-hung", name: "Hùng" });
    });
    expect(check.stats.mismatched).toBe(2);
    expect(lines.join("\n")).toContain("sync.edit_actor_mismatch");
    expect(lines.join("\n")).toContain("u-hung");

    // Changes without an authenticated origin (loading, server writes) are nobody's edits.
    forward = relay(undefined);
    records.setChildField(id, "note", "ba", { id: "u-ai-do", name: "Ai đó" });
    expect(check.stats.mismatched).toBe(2);

    check.stop();
    forward = relay(connectionOf("u-lan"));
    records.setChildField(id, "note", "bốn", { id: "u-hung", name: "Hùng" });
    expect(check.stats.mismatched).toBe(2);
  });
});
