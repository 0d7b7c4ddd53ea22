import type { NewSnapshot } from "../storage/store";
import type { CompactJob } from "../sync/yjs-offload";

/** A request to the Yjs worker thread. */
export type YjsJob =
  | { id: number; kind: "diff"; update: Uint8Array; stateVector: Uint8Array }
  | { id: number; kind: "compact"; job: CompactJob };

/** Its answer. */
export type YjsReply =
  | { id: number; ok: true; update: Uint8Array }
  | { id: number; ok: true; snapshot: NewSnapshot }
  | { id: number; ok: false; message: string };

/** A request before the lane numbers it. */
export type YjsRequest = YjsJob extends infer J ? (J extends YjsJob ? Omit<J, "id"> : never) : never;
