/** The slice of a long list to render: rows `start` (inclusive) to `end` (exclusive). */
export interface WindowRange {
  readonly start: number;
  readonly end: number;
}

/**
 * Which rows of a fixed-height list are visible (plus `overscan` rows each side, so a
 * fling on a slow phone does not show blank space before the next frame).
 */
export function windowRange(
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  count: number,
  overscan = 6,
): WindowRange {
  if (count <= 0 || rowHeight <= 0) return { start: 0, end: 0 };
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const visible = Math.ceil(Math.max(0, viewportHeight) / rowHeight) + 1;
  const start = Math.max(0, Math.min(first, count - 1) - overscan);
  const end = Math.min(count, first + visible + overscan);
  return { start, end: Math.max(start, end) };
}
