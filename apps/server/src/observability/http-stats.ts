/** Request counters for /metrics, owned by one app instance. */
export class HttpStats {
  readonly byStatus = new Map<number, number>();
  requests = 0;
  durationSumMs = 0;

  record(status: number, ms: number): void {
    this.requests++;
    this.durationSumMs += ms;
    this.byStatus.set(status, (this.byStatus.get(status) ?? 0) + 1);
  }
}
