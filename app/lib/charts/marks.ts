/**
 * How chart marks read: axis ticks with only the decimals their step needs, tooltip values
 * without a trailing ".0", period titles by the series' frequency, and missing runs of a series
 * (null points) as spans to shade. Pure, so the browser code and the tests share it.
 */
import { formatChartValue, type ChartSpec } from "~/lib/charts/spec";

type ValueFormat = ChartSpec["valueFormat"];

/** Decimals a tick step needs: 50 → 0, 2.5 → 1, 0.05 → 2. */
export function stepDecimals(step: number): number {
  if (!Number.isFinite(step) || step <= 0) return 0;
  for (let decimals = 0; decimals < 6; decimals++) {
    const scaled = step * 10 ** decimals;
    if (Math.abs(scaled - Math.round(scaled)) < 1e-6 * Math.max(1, scaled)) return decimals;
  }
  return 6;
}

/** An axis tick: "$400bn", "−$20bn", "160%", "7.2", with decimals only when the step has them. */
export function formatTick(value: number, format: ValueFormat, step: number): string {
  const decimals = stepDecimals(step);
  const fixed = (n: number) => n.toFixed(decimals);
  const sign = value < -1e-12 ? "−" : "";
  const size = Math.abs(value);
  switch (format) {
    case "usd_bn":
      return size === 0 ? "$0" : `${sign}$${fixed(size)}bn`;
    case "percent":
      return `${sign}${fixed(size)}%`;
    default:
      return `${sign}${fixed(size)}`;
  }
}

/** A value in a tooltip: as formatChartValue, but "$200bn" and "25%" rather than "$200.0bn", "25.0%". */
export function formatMark(value: number, format: ValueFormat): string {
  const text = formatChartValue(value, format);
  return format === "fx" ? text : text.replace(/\.0(?=bn$|m$|%$|$)/, "");
}

/** A unit written after a value only when the value's format does not already carry it. */
export function unitAfterValue(format: ValueFormat, unit: string): string {
  return format === "usd_bn" || format === "percent" || unit === "" ? "" : ` ${unit}`;
}

export type PointFrequency = "monthly" | "daily";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/**
 * Monthly when every date is a month's first day and consecutive dates lie at least 28 days
 * apart (Census trade values are dated by month); anything else is read as a dated day.
 */
export function inferFrequency(dates: readonly string[]): PointFrequency {
  if (dates.length < 2) return "daily";
  for (let i = 0; i < dates.length; i++) {
    if (!dates[i].endsWith("-01")) return "daily";
    if (i > 0 && Date.parse(dates[i]) - Date.parse(dates[i - 1]) < 28 * 86_400_000) return "daily";
  }
  return "monthly";
}

/** "Jun 2019" for a monthly value, "29 Jun 2019" for a dated one. */
export function periodTitle(isoDate: string, frequency: PointFrequency): string {
  const [year, month, day] = isoDate.slice(0, 10).split("-").map(Number);
  return frequency === "monthly"
    ? `${MONTHS[month - 1]} ${year}`
    : `${day} ${MONTHS[month - 1]} ${year}`;
}

export interface MissingSpan {
  /** First missing date. */
  from: string;
  /** The first date with data again (the span ends where the line resumes). */
  until: string;
  /** Labels of the series missing there. */
  series: string[];
}

/**
 * Runs of null values per series, merged across series that miss the same span, so each gap is
 * shaded once and says whose data is missing.
 */
export function missingSpans(
  datasets: readonly { label: string; data: readonly { x: string; y: number | null }[] }[],
): MissingSpan[] {
  const spans = new Map<string, MissingSpan>();
  for (const set of datasets) {
    let start: number | null = null;
    set.data.forEach((point, index) => {
      if (point.y === null) {
        start ??= index;
        return;
      }
      if (start !== null && start > 0) {
        const from = set.data[start].x;
        const key = `${from}/${point.x}`;
        const span = spans.get(key) ?? { from, until: point.x, series: [] };
        span.series.push(set.label);
        spans.set(key, span);
      }
      start = null;
    });
  }
  return [...spans.values()].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
}

/** Breaks text into lines no wider than `maxWidth`, as measured by `measure` (canvas or glyph count). */
export function wrapWords(
  text: string,
  maxWidth: number,
  measure: (s: string) => number,
): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && measure(candidate) > maxWidth) {
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  if (line) lines.push(line);
  return lines;
}
