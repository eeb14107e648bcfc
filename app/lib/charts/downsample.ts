/**
 * Largest-Triangle-Three-Buckets downsampling for drawing long daily series.
 * Used for the canvas only; tables and downloads always carry every row.
 */
export function lttb<T>(
  points: readonly T[],
  threshold: number,
  x: (p: T) => number,
  y: (p: T) => number,
): T[] {
  if (threshold >= points.length || threshold < 3) return [...points];
  // Each point's coordinates once (a date's x parses a string), not once per look.
  const xs = Float64Array.from(points, x);
  const ys = Float64Array.from(points, y);
  return lttbIndices(xs, ys, 0, points.length, threshold).map((index) => points[index]);
}

/**
 * The indices LTTB keeps of the `count` points from `start` of the coordinate columns `xs` and
 * `ys`, in order: every index when `threshold` leaves nothing to drop (or is below 3). A caller
 * holding a whole series as columns downsamples a slice of it without an object per point.
 */
export function lttbIndices(
  xs: Float64Array,
  ys: Float64Array,
  start: number,
  count: number,
  threshold: number,
): number[] {
  if (threshold >= count || threshold < 3)
    return Array.from({ length: count }, (_, i) => start + i);
  const sampled: number[] = [start];
  const bucketSize = (count - 2) / (threshold - 2);
  let anchor = start;
  for (let bucket = 0; bucket < threshold - 2; bucket++) {
    const nextStart = start + Math.floor((bucket + 1) * bucketSize) + 1;
    const nextEnd = start + Math.min(Math.floor((bucket + 2) * bucketSize) + 1, count);
    let avgX = 0;
    let avgY = 0;
    for (let i = nextStart; i < nextEnd; i++) {
      avgX += xs[i];
      avgY += ys[i];
    }
    const nextCount = Math.max(nextEnd - nextStart, 1);
    avgX /= nextCount;
    avgY /= nextCount;
    const from = start + Math.floor(bucket * bucketSize) + 1;
    const to = start + Math.floor((bucket + 1) * bucketSize) + 1;
    const ax = xs[anchor];
    const ay = ys[anchor];
    let bestArea = -1;
    let best = from;
    for (let i = from; i < to; i++) {
      const area = Math.abs((ax - avgX) * (ys[i] - ay) - (ax - xs[i]) * (avgY - ay));
      if (area > bestArea) {
        bestArea = area;
        best = i;
      }
    }
    sampled.push(best);
    anchor = best;
  }
  sampled.push(start + count - 1);
  return sampled;
}
