import * as Y from "yjs";
import { median } from "../stats";
import { VIEWER, type FirstSyncFixture, type StoredVariant } from "./fixture";
import { sumOf, withOurServer, type OurServerOptions } from "./our-server";
import type { SyncReceipt } from "./raw-client";

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
  /** Close codes the server sent so far (`roster_sync_closes_total`). */
  closes: Record<string, number>;
}

/** A run in which the server did not answer: why, and the close codes it counted. */
export interface FailedRun {
  error: string;
  closes: Record<string, number>;
}

/**
 * A fresh server process on a copy of `variant`, nothing loaded: a read-only viewer logs
 * in, opens a bare socket and sends sync step 1 with an empty state vector; the answer is
 * timed from that send to its sync step 2. Then, in this process, the same bytes are
 * decoded as a client would (`Y.applyUpdate` of each frame's update into a new doc).
 */
export async function measureNewClient(
  fixture: FirstSyncFixture,
  variant: StoredVariant,
  runDir: string,
  options: Omit<OurServerOptions, "env"> & { serverEnv: Record<string, string> },
): Promise<NewClientRun | FailedRun> {
  type Answered = { receipt: SyncReceipt; openMs: number; metrics: Record<string, number> };
  const outcome = await withOurServer<Answered | FailedRun>(variant, runDir, { ...options, env: { ...options.serverEnv, ...NO_BUILD } }, async (server) => {
    const { token } = await server.login(VIEWER);
    const client = await server.openRaw(fixture.rosterId, token);
    try {
      const answer = await client.requestSync(EMPTY_STATE_VECTOR);
      return { receipt: answer, openMs: client.openMs, metrics: await server.metrics() };
    } catch (error) {
      // Reported in the line (with the server's close counts), not thrown: the other runs go on.
      return { error: error instanceof Error ? error.message : String(error), closes: closesOf(await server.metrics()) };
    } finally {
      await client.close();
    }
  });
  if ("error" in outcome) return outcome;
  const { receipt, openMs, metrics } = outcome;
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
    closes: closesOf(metrics),
  };
}

/** `roster_sync_closes_total` by close code. */
function closesOf(metrics: Record<string, number>): Record<string, number> {
  const closes: Record<string, number> = {};
  for (const [key, value] of Object.entries(metrics)) {
    const code = /^roster_sync_closes_total\{code="(\d+)"\}$/.exec(key)?.[1];
    if (code) closes[code] = value;
  }
  return closes;
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
