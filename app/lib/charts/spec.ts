/**
 * A serialisable chart description: built by pure code on the server, turned into a Chart.js
 * configuration in the browser. Keeping it plain data lets loaders return it as JSON and tests
 * check it without a canvas.
 */
import type { Frequency, GapPeriod } from "~/lib/charts/periods";

export interface ChartPoint {
  /** ISO date (day) of the point. */
  x: string;
  /** Null for a period with no data: the line breaks there (the note says why). */
  y: number | null;
  /** Range bounds for error bars (article ranges are drawn as bars, never a midpoint). */
  yMin?: number;
  yMax?: number;
  /** Tooltip lines beyond value/date (source, article sentence, flag). */
  note?: string[];
  /** Where clicking the point goes (an article figure anchor). */
  href?: string;
}

export interface ChartDatasetSpec {
  id: string;
  label: string;
  /** CSS custom property name holding the colour, e.g. `--us`, so themes apply. */
  colorVar: string;
  style: "line" | "step" | "points";
  /** Hollow markers for article-derived points on top of official lines. */
  hollow?: boolean;
  /** Point shape: article threats are triangles, so they never read as rates in force. */
  marker?: "circle" | "triangle";
  dashed?: boolean;
  /** A thin line (a second layer under the official lines) ... */
  thin?: boolean;
  /** ... with its own dash pattern (overrides `dashed`). */
  dash?: number[];
  hidden?: boolean;
  unit: string;
  source: string;
  /** How the dataset's periods read ("Dec 2025" monthly, "14 Nov 2025" daily). */
  frequency: Frequency;
  /** Runs of periods inside the range with no value, for a "no data" band; empty when none. */
  gaps: GapPeriod[];
  /** The series' last observation when the range runs past it (null when it reaches the range end). */
  latest: string | null;
  data: ChartPoint[];
}

export interface ChartEventSpec {
  date: string;
  label: string;
  description: string;
  colorVar: string;
  /** The acting side and legal authority, as filtered by the URL's `actor` and `authority`. */
  actor: string | null;
  authority: string | null;
}

export interface ChartSpec {
  id: string;
  yTitle: string;
  /** Formatting of y values in ticks and tooltips. */
  valueFormat: "usd_bn" | "percent" | "fx" | "index" | "number";
  yScale: "linear" | "logarithmic";
  /**
   * "multiples": one small panel per official dataset (with its implied points), each on its own
   * y axis; used when several currencies are shown at level. Absent or "single": one plot.
   */
  layout?: "single" | "multiples";
  xMin: string | null;
  xMax: string | null;
  datasets: ChartDatasetSpec[];
  events: ChartEventSpec[];
  /** Visible notes under the chart: missing periods, series a scale cannot draw, comparison rules. */
  notes: string[];
}

/**
 * A size in USD bn as the dashboard writes it: under a billion in millions ($340.0m, not $0.3bn,
 * and never $0.0bn for a few million), else in billions.
 */
export function usdBnAmount(size: number): { amount: number; unit: "m" | "bn" } {
  return size > 0 && size < 1 ? { amount: size * 1000, unit: "m" } : { amount: size, unit: "bn" };
}

/** A value as ticks, tooltips and tables show it; a missing value reads "—". */
export function formatChartValue(value: number | null, format: ChartSpec["valueFormat"]): string {
  if (value === null) return "—";
  switch (format) {
    case "usd_bn": {
      const { amount, unit } = usdBnAmount(Math.abs(value));
      return `${value < 0 ? "−" : ""}$${amount.toFixed(1)}${unit}`;
    }
    case "percent":
      return `${value.toFixed(1)}%`;
    case "fx":
      // As published (H.10 gives four decimals, yen two), never rounded again: 6.9575 read
      // "6.957" at four significant digits, since the double just below 6.9575 rounds down.
      return String(Number(value.toFixed(4)));
    case "index":
      return value.toFixed(1);
    default:
      return String(value);
  }
}

/**
 * The plots a spec is drawn as: itself, or for `layout: "multiples"` one small panel per line
 * dataset with the point sets that belong to it (ids ending in `_<line id>`), each on its own y
 * axis titled with the line's unit.
 */
export function chartPanels(spec: ChartSpec): ChartSpec[] {
  if (spec.layout !== "multiples") return [spec];
  return spec.datasets
    .filter((set) => set.style === "line")
    .map((line) => ({
      ...spec,
      id: `${spec.id}-${line.id}`,
      layout: "single" as const,
      yTitle: line.unit,
      datasets: spec.datasets.filter(
        (set) => set.id === line.id || (set.style === "points" && set.id.endsWith(`_${line.id}`)),
      ),
    }));
}
