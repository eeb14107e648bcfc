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

/**
 * A copy of `source` without the field `skip`, its other fields in their order. Written as a loop:
 * V8 took some microseconds to copy "the rest" of a dataset (`{ data, ...rest }`) and spread it
 * into a literal with more fields, against a few tenths for this, per dataset of every miss.
 */
export function withoutField<T extends object, K extends keyof T>(source: T, skip: K): Omit<T, K> {
  const copy: Partial<T> = {};
  for (const key in source) if ((key as keyof T) !== skip) copy[key] = source[key];
  return copy as Omit<T, K>;
}

/** What a point holds besides its date and value (range bounds, notes, a link), or null. */
function extrasOf(point: ChartPoint): PointExtras | null {
  let extras: Record<string, unknown> | null = null;
  for (const key in point)
    if (key !== "x" && key !== "y") (extras ??= {})[key] = point[key as keyof ChartPoint];
  return extras as PointExtras | null;
}

function packDataset(dataset: ChartDatasetSpec): PackedDataset {
  const { data } = dataset;
  const days: number[] = [];
  const y: (number | null)[] = [];
  const extras: [number, PointExtras][] = [];
  let previous = 0;
  for (let index = 0; index < data.length; index++) {
    const point = data[index];
    const day = isoDayNumber(point.x);
    days.push(day - previous);
    previous = day;
    y.push(point.y);
    const extra = extrasOf(point);
    if (extra) extras.push([index, extra]);
  }
  const packed = withoutField(dataset, "data") as PackedDataset;
  packed.days = days;
  packed.y = y;
  packed.extras = extras;
  return packed;
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
  // Field by field, the datasets in their place (see withoutField).
  const packed: Record<string, unknown> = {};
  for (const key in spec)
    packed[key] =
      key === "datasets" ? spec.datasets.map(packDataset) : spec[key as keyof ChartSpec];
  return packed as PackedSpec;
}

export function unpackSpec(packed: PackedSpec): ChartSpec {
  return { ...packed, datasets: packed.datasets.map(unpackDataset) };
}
