export { CloseCode, CloseReason, SyncCloseError, type CloseCodeName, type CloseCodeValue } from "./close-codes";
export {
  SyncConnection,
  type ConnectionHost,
  type ConnectionLimits,
  type ConnectionOptions,
  type ConnectionServices,
} from "./connection";
export { DocRoom, LOADED_FROM_STORE, RoomClosedError, SERVER_ORIGIN, WITNESS_ORIGIN, type DocRoomOptions } from "./doc-room";
export { WITNESS_ROOT } from "./deletion-witness";
export { RemoteWriter, type CommittedUpdate, type RoomReplication } from "./replication";
export { inProcessOffload, type CompactJob, type GcKind, type YjsOffload } from "./yjs-offload";
export { MessageType, ProtocolError, parseMessage, type SyncMessage } from "./protocol";
export { TokenBucket, type RateLimit } from "./rate-limit";
export type { PushedChange, RoomHooks } from "./room-hooks";
export { DEFAULT_CONNECTION_LIMITS } from "./connection-limits";
export { RoomRegistry, type ConnectOptions, type RoomRegistryOptions } from "./room-registry";
export type { SyncLogger, SyncSocket } from "./socket";
export { PERSIST_LATENCY_BUCKETS_MS, type LatencySnapshot, type SyncStatsSnapshot } from "./sync-stats";
export { isReadOnlySync, parseDocName, parseSyncPath, syncDocName, type SyncDocKind, type SyncTarget } from "./sync-target";
export { serveWebSocket, wsSyncSocket, type ServeWebSocketOptions } from "./ws-transport";
