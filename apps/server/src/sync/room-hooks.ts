import type * as Y from "yjs";
import type { UpdateAudit } from "../storage/store";
import type { SyncConnection } from "./connection";
import type { RemoteWriter } from "./replication";

/**
 * A writable client's update as the room applied it, handed to the push guard inside the
 * same Yjs transaction: `transaction.changed`, `transaction.deleteSet` and the structs past
 * `transaction.beforeState` are what the update changed, and deleted content is still
 * readable (Yjs collects garbage only when the transaction ends).
 */
export interface PushedChange {
  readonly doc: Y.Doc;
  readonly transaction: Y.Transaction;
  /**
   * The sender: a connection of this instance, or a client of another instance whose update
   * was forwarded here (`RemoteWriter`); `context` is the user the server authenticated.
   */
  readonly connection: SyncConnection | RemoteWriter;
}

/**
 * What a room lets the server decide per document (after tldraw's `filterPush`). Every
 * hook is optional; a room without hooks stores and relays updates as they come.
 */
export interface RoomHooks {
  /**
   * The doc's Yjs `gcFilter`, from the moment it is created (loading included): false
   * keeps a deleted item's content, e.g. so a deleted record can still be read and the
   * late edits of offline clients to it still integrate.
   */
  gcFilter?: (item: Y.Item) => boolean;
  /**
   * The server guard. Runs inside the transaction that applied a writable client's update,
   * before observers, storage and relay see it; what it writes joins that transaction, so
   * the one update that is stored and relayed is the repaired one. It must repair, never
   * refuse: a Yjs client whose update is dropped can never sync a later one. Returns true
   * when it changed something: the update is then also sent back to its sender.
   */
  filterPush?: (change: PushedChange) => boolean;
  /**
   * Audit entries describing a transaction's update, committed in the same store
   * transaction as the update (called once per update, after the doc's observers ran).
   */
  journal?: (transaction: Y.Transaction) => UpdateAudit | undefined;
}
