import * as Y from "yjs";
import { median } from "../stats";
import { VIEWER, type FirstSyncFixture, type StoredVariant } from "./fixture";
import { sumOf, withOurServer, type OurServerOptions } from "./our-server";

/** A new client's empty state vector, as the stock client sends it for a new document. */
export const EMPTY_STATE_VECTOR = Y.encodeStateVector(new Y.Doc());
/** Long enough that only a writer could make the server build the document meanwhile. */
export const NO_BUILD = { DOC_BUILD_DELAY_MS: "60000" };
/** Decodes per run: the client-side reference is their median. */
const DECODES = 3;

/** One fresh server answering one new client. */
export interface NewClientRun {
  openMs: number;
  answerMs: number;
  clientDecodeMs: number;
  bytes: number;
  frameBytes: number;
  frames: number;
  /** `roster_docs_built_total` read right after the answer arrived. */
  docsBuiltAtAnswer: number;
  answersBeforeBuild: number;
  storedBytesAnswers: number;
}

/**
 * A fresh server process on a copy of `variant`, nothing loaded: a read-only viewer logs
 * in, opens a bare socket and sends sync step 1 with an empty state vector; the answer is
 * timed from that send to its sync step 2. Then, in this process, the same bytes are
 * decoded as a client would (`Y.applyUpdate` of each frame's update into a new doc).
 */
export async function measureNewClient(fixture: FirstSyncFixture, variant: StoredVariant, runDir: string, options: Omit<OurServerOptions, "env"> & { serverEnv: Record<string, string> }): Promise<NewClientRun> {
  const { receipt, openMs, metrics } = await withOurServer(variant, runDir, { ...options, env: { ...options.serverEnv, ...NO_BUILD } }, async (server) => {
    const { token } = await server.login(VIEWER);
    const client = await server.openRaw(fixture.rosterId, token);
    try {
      const answer = await client.requestSync(EMPTY_STATE_VECTOR);
      return { receipt: answer, openMs: client.openMs, metrics: await server.metrics() };
    } finally {
      await client.close();
    }
  });
  const decodes: number[] = [];
  for (let i = 0; i < DECODES; i++) decodes.push(decodeAll(receipt.parts, fixture.children));
  return {
    openMs,
    answerMs: receipt.answerMs,
    clientDecodeMs: median(decodes),
    bytes: receipt.bytes,
    frameBytes: receipt.frameBytes,
    frames: receipt.parts.length,
    docsBuiltAtAnswer: sumOf(metrics, "roster_docs_built_total"),
    answersBeforeBuild: sumOf(metrics, "roster_sync_answers_before_build_total"),
    storedBytesAnswers: metrics['roster_sync_answers_total{kind="stored-bytes"}'] ?? Number.NaN,
  };
}

/**
 * What the stock client does with an answer: each frame's update applied to its doc in a
 * transaction of its own. Checks that the answer holds the whole roster.
 */
export function decodeAll(parts: readonly Uint8Array[], children: number): number {
  const doc = new Y.Doc();
  const started = performance.now();
  for (const part of parts) Y.applyUpdate(doc, part);
  const ms = performance.now() - started;
  const size = doc.getMap("children").size;
  doc.destroy();
  if (size !== children) throw new Error(`first-sync: the answer decoded to ${size} children, expected ${children}`);
  return ms;
}
