/** What the `/healthz` probe saw while a test ran. */
export interface Liveness {
  /** Probes sent (one every `everyMs`). */
  probes: number;
  /** Slowest answer in ms; Infinity when one never came or was not 200. */
  worstMs: number;
}

/**
 * Asks `GET /healthz` every `everyMs` (without waiting for the previous answer, as a load
 * balancer would) until `stop()`, which waits for the probes in flight and reports the slowest.
 * A server whose event loop is blocked shows here as a slow or missing answer.
 */
export function probeHealth(baseUrl: string, everyMs = 250): { stop(): Promise<Liveness> } {
  const answers: Promise<number>[] = [];
  const probe = () => {
    const started = performance.now();
    answers.push(
      fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(10_000) }).then(
        async (response) => {
          await response.arrayBuffer();
          return response.status === 200 ? performance.now() - started : Infinity;
        },
        () => Infinity,
      ),
    );
  };
  probe();
  const timer = setInterval(probe, everyMs);
  return {
    async stop() {
      clearInterval(timer);
      const times = await Promise.all(answers);
      return { probes: times.length, worstMs: Math.max(...times) };
    },
  };
}
