/**
 * A chart spec as the dashboard page sends it: each dataset's points as parallel columns, dates
 * as day numbers each counted from the one before, and only the points with more than a date and
 * a value listed with their extras. A daily line of a thousand points goes from about 30 to about
 * 9 characters a point. `unpackSpec` gives back exactly the spec that was packed.
 */
import type { ChartDatasetSpec, ChartPoint, ChartSpec } from "~/lib/charts/spec";
import { isoDayNumber } from "~/lib/date-range";

const DAY_MS = 86_400_000;

type PointExtras = Omit<ChartPoint, "x" | "y">;

export interface PackedDataset extends Omit<ChartDatasetSpec, "data"> {
  /** Days since 1970-01-01 of the first point, then the days from each point to the next. */
  days: number[];
  y: (number | null)[];
  /** `[index, extras]` of the points with more than x and y (range bounds, notes, links). */
  extras: [number, PointExtras][];
}

export type PackedSpec = Omit<ChartSpec, "datasets"> & { datasets: PackedDataset[] };

const isoDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

function hasExtras(point: ChartPoint): boolean {
  for (const key in point) if (key !== "x" && key !== "y") return true;
  return false;
}

function packDataset({ data, ...rest }: ChartDatasetSpec): PackedDataset {
  const days: number[] = [];
  const y: (number | null)[] = [];
  const extras: [number, PointExtras][] = [];
  let previous = 0;
  data.forEach((point, index) => {
    const day = isoDayNumber(point.x);
    days.push(day - previous);
    previous = day;
    y.push(point.y);
    // Most points are a bare date and value: only the others pay for the copy of their extras.
    if (hasExtras(point)) {
      const { x: _x, y: _y, ...extra } = point;
      extras.push([index, extra]);
    }
  });
  return { ...rest, days, y, extras };
}

function unpackDataset({ days, y, extras, ...rest }: PackedDataset): ChartDatasetSpec {
  const data: ChartPoint[] = [];
  let day = 0;
  for (let i = 0; i < days.length; i++) {
    day += days[i];
    data.push({ x: isoDay(day), y: y[i] });
  }
  for (const [index, extra] of extras) Object.assign(data[index], extra);
  return { ...rest, data };
}

export function packSpec(spec: ChartSpec): PackedSpec {
  return { ...spec, datasets: spec.datasets.map(packDataset) };
}

export function unpackSpec(packed: PackedSpec): ChartSpec {
  return { ...packed, datasets: packed.datasets.map(unpackDataset) };
}
