/** Runs `task` once, `delayMs` after the first of a burst of `schedule()` calls. */
export class Debouncer {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;

  /** `delayMs` may be a function, read at each schedule (for an adaptive delay). */
  constructor(
    private readonly delayMs: number | (() => number),
    private readonly task: () => void,
  ) {}

  schedule(): void {
    if (this.closed || this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.task();
    }, typeof this.delayMs === "number" ? this.delayMs : this.delayMs());
  }

  close(): void {
    this.closed = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
