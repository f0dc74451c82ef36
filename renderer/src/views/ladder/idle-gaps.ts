// The ladder's vertical axis: time flows down, proportional to capture time, except that long
// silences (a keep-alive connection idle for minutes between two requests) would push everything
// interesting off screen. So gaps much longer than the typical inter-packet time are squeezed to a
// fixed height and marked with their real duration; the others keep an affine time scale with a
// minimum spacing so neighbouring arrows and their labels never overlap. Pure: no DOM, no d3.

export interface TimeAxisOptions {
  /** Minimum vertical distance between two consecutive entries, px (default 34). */
  rowMin?: number;
  /** Extra px added for the longest uncompressed delta (default 60). */
  extraMax?: number;
  /** A delta longer than gapFactor × the median delta is an idle gap (default 10). */
  gapFactor?: number;
  /** Deltas not above this are never gaps, seconds (default 0.001): sub-ms jitter is not idleness. */
  minGapSeconds?: number;
  /** Height of a compressed gap, on top of rowMin (default 40). */
  gapHeight?: number;
}

export interface IdleGap {
  /** The entry after the gap (index into the input times). */
  index: number;
  seconds: number;
  /** Vertical extent of the squeezed gap, between the two entries' y. */
  y0: number;
  y1: number;
}

export interface TimeAxis {
  /** y of each entry, relative to the first (ys[0] = 0 unless `extra` says otherwise). */
  ys: Float64Array;
  gaps: IdleGap[];
  /** Deltas above this many seconds were compressed (Infinity when none can be). */
  threshold: number;
  /** px per second of the uncompressed part of the scale. */
  pxPerSecond: number;
}

/** Median of the positive values (0 when there are none). Sorts a copy. */
export function medianPositive(values: ArrayLike<number>): number {
  const pos: number[] = [];
  for (let i = 0; i < values.length; i++) if (values[i]! > 0) pos.push(values[i]!);
  if (pos.length === 0) return 0;
  const a = Float64Array.from(pos).sort();
  const mid = a.length >> 1;
  return a.length % 2 ? a[mid]! : (a[mid - 1]! + a[mid]!) / 2;
}

/**
 * y positions for entries at `times` (seconds, ascending). `extra[i]` px are added before entry i
 * (phase headers), outside the time scale.
 */
export function timeAxis(
  times: ArrayLike<number>,
  opts: TimeAxisOptions = {},
  extra?: ArrayLike<number>,
): TimeAxis {
  const rowMin = opts.rowMin ?? 34;
  const extraMax = opts.extraMax ?? 60;
  const gapFactor = opts.gapFactor ?? 10;
  const minGap = opts.minGapSeconds ?? 0.001;
  const gapHeight = opts.gapHeight ?? 40;
  const n = times.length;
  const ys = new Float64Array(n);
  const deltas = new Float64Array(Math.max(0, n - 1));
  for (let i = 1; i < n; i++) deltas[i - 1] = Math.max(0, times[i]! - times[i - 1]!);
  const median = medianPositive(deltas);
  const threshold = median > 0 ? Math.max(median * gapFactor, minGap) : Infinity;
  // The longest delta that stays on the time scale maps to rowMin + extraMax.
  let maxKept = 0;
  for (let i = 0; i < deltas.length; i++)
    if (deltas[i]! <= threshold && deltas[i]! > maxKept) maxKept = deltas[i]!;
  const pxPerSecond = maxKept > 0 ? extraMax / maxKept : 0;
  const gaps: IdleGap[] = [];
  let y = extra ? (extra[0] ?? 0) : 0;
  if (n > 0) ys[0] = y;
  for (let i = 1; i < n; i++) {
    const d = deltas[i - 1]!;
    const before = y;
    if (d > threshold) {
      y += rowMin + gapHeight;
      gaps.push({ index: i, seconds: d, y0: before + rowMin / 2, y1: y - rowMin / 2 });
    } else {
      y += rowMin + d * pxPerSecond;
    }
    if (extra) y += extra[i] ?? 0;
    ys[i] = y;
  }
  return { ys, gaps, threshold, pxPerSecond };
}

/** First index whose y is ≥ y0 (ys ascending): the start of the rows in view. */
export function lowerBound(ys: ArrayLike<number>, y0: number): number {
  let lo = 0;
  let hi = ys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ys[mid]! < y0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** [start, end) of the entries with y in [y0, y1]. */
export function visibleRange(ys: ArrayLike<number>, y0: number, y1: number): [number, number] {
  return [lowerBound(ys, y0), lowerBound(ys, y1 + 1e-9)];
}

/** Human text for an idle gap's duration. */
export function durationText(seconds: number): string {
  if (seconds >= 60) return `${Math.floor(seconds / 60)} min ${(seconds % 60).toFixed(1)} s`;
  if (seconds >= 1) return `${seconds.toFixed(3)} s`;
  return `${(seconds * 1000).toFixed(3)} ms`;
}
