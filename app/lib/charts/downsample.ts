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
  const sampled: T[] = [points[0]];
  const bucketSize = (points.length - 2) / (threshold - 2);
  let anchor = 0;
  for (let bucket = 0; bucket < threshold - 2; bucket++) {
    const nextStart = Math.floor((bucket + 1) * bucketSize) + 1;
    const nextEnd = Math.min(Math.floor((bucket + 2) * bucketSize) + 1, points.length);
    let avgX = 0;
    let avgY = 0;
    for (let i = nextStart; i < nextEnd; i++) {
      avgX += xs[i];
      avgY += ys[i];
    }
    const nextCount = Math.max(nextEnd - nextStart, 1);
    avgX /= nextCount;
    avgY /= nextCount;
    const start = Math.floor(bucket * bucketSize) + 1;
    const end = Math.floor((bucket + 1) * bucketSize) + 1;
    const ax = xs[anchor];
    const ay = ys[anchor];
    let bestArea = -1;
    let best = start;
    for (let i = start; i < end; i++) {
      const area = Math.abs((ax - avgX) * (ys[i] - ay) - (ax - xs[i]) * (avgY - ay));
      if (area > bestArea) {
        bestArea = area;
        best = i;
      }
    }
    sampled.push(points[best]);
    anchor = best;
  }
  sampled.push(points[points.length - 1]);
  return sampled;
}
