import { describe, expect, it } from "vitest";
import { lttb, lttbIndices } from "~/lib/charts/downsample";

interface P {
  i: number;
  v: number;
}

const x = (p: P) => p.i;
const y = (p: P) => p.v;

function series(length: number, value: (i: number) => number): P[] {
  return Array.from({ length }, (_, i) => ({ i, v: value(i) }));
}

describe("lttb", () => {
  it("passes short input through unchanged, as a copy", () => {
    const points = series(5, (i) => i * i);
    const out = lttb(points, 5, x, y);
    expect(out).toEqual(points);
    expect(out).not.toBe(points);
    expect(lttb(points, 10, x, y)).toEqual(points);
    expect(lttb([], 3, x, y)).toEqual([]);
  });

  it("passes input through when the threshold is below 3 (no room for first, middle and last)", () => {
    const points = series(50, (i) => Math.sin(i));
    expect(lttb(points, 2, x, y)).toEqual(points);
    expect(lttb(points, 0, x, y)).toEqual(points);
  });

  it("returns exactly `threshold` points, keeps the first and last, and keeps input order", () => {
    const points = series(10_000, (i) => Math.sin(i / 50) * 100 + (i % 7));
    for (const threshold of [3, 4, 100, 1000, 9_999]) {
      const out = lttb(points, threshold, x, y);
      expect(out).toHaveLength(threshold);
      expect(out[0]).toBe(points[0]);
      expect(out.at(-1)).toBe(points.at(-1));
      for (let k = 1; k < out.length; k++) expect(out[k].i).toBeGreaterThan(out[k - 1].i);
      // Every output point is one of the input objects, not a made-up average.
      for (const p of out) expect(points[p.i]).toBe(p);
    }
  });

  it("keeps an isolated spike and an isolated dip in a flat series", () => {
    const points = series(5_000, (i) => (i === 2_517 ? 500 : i === 4_001 ? -300 : 10));
    const out = lttb(points, 50, x, y);
    expect(out.map((p) => p.i)).toContain(2_517);
    expect(out.map((p) => p.i)).toContain(4_001);
  });

  it("picks the point making the largest triangle in each bucket (hand-worked example)", () => {
    // Buckets of 2: {1,2} and {3,4}; 1 (y=5) beats 2, then 4 (y=-5) beats 3.
    const points: P[] = [0, 5, 0, 0, -5, 0].map((v, i) => ({ i, v }));
    expect(lttb(points, 4, x, y).map((p) => p.i)).toEqual([0, 1, 4, 5]);
  });

  it("works with dates as x (the currency chart's use)", () => {
    const days = Array.from({ length: 3_000 }, (_, i) => ({
      x: new Date(Date.UTC(2015, 0, 1 + i)).toISOString().slice(0, 10),
      y: 6 + Math.sin(i / 100),
    }));
    const out = lttb(
      days,
      1000,
      (p) => Date.parse(p.x),
      (p) => p.y,
    );
    expect(out).toHaveLength(1000);
    expect(out[0].x).toBe("2015-01-01");
    expect(out.at(-1)!.x).toBe(days.at(-1)!.x);
  });
});

describe("lttbIndices", () => {
  it("keeps, for a slice of whole columns, the same points as lttb of the slice's own points", () => {
    const points = series(12_000, (i) => Math.sin(i / 37) * 50 + ((i * 7919) % 13));
    const xs = Float64Array.from(points, x);
    const ys = Float64Array.from(points, y);
    for (const [start, count, threshold] of [
      [0, 12_000, 1000],
      [4_321, 3_000, 1000],
      [11_000, 1_000, 1000],
      [11_000, 999, 1000],
      [500, 7, 3],
      [20, 40, 2],
    ]) {
      const slice = points.slice(start, start + count);
      const kept = lttbIndices(xs, ys, start, count, threshold).map((index) => points[index]);
      expect(kept, `${start} ${count} ${threshold}`).toEqual(lttb(slice, threshold, x, y));
    }
  });
});
