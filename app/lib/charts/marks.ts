/**
 * How chart marks read: axis ticks with only the decimals their step needs, tooltip values
 * without a trailing ".0", and missing periods of a series
 * (the datasets' gap periods) as bands to shade. Pure, so the browser code and the tests share it.
 */
import type { GapPeriod } from "~/lib/charts/periods";
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

/** Above this many ticks a log axis labels only its 1-2-5 steps; its 3s, 4s, 6s… run together. */
export const LOG_AXIS_ALL_LABELS_MAX = 8;

/**
 * Whether a log axis prints a tick's label. Chart.js places a tick at every whole step of each
 * decade; over several decades the upper steps of each crowd into one smear of text, so only
 * 1, 2 and 5 times a power of ten are labelled there. A short axis keeps every label.
 */
export function logTickLabelled(value: number, tickCount: number): boolean {
  if (tickCount <= LOG_AXIS_ALL_LABELS_MAX || !(value > 0)) return true;
  const mantissa = value / 10 ** Math.floor(Math.log10(value) + 1e-9);
  return [1, 2, 5, 10].some((step) => Math.abs(mantissa - step) < 1e-6 * step);
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

export interface GapBand {
  /** First missing day. */
  from: string;
  /** The day after the last missing period: where the band ends on the time axis. */
  until: string;
  /** "Feb–Aug 2023". */
  label: string;
  /** Labels of the series missing there. */
  series: string[];
}

function dayAfter(isoDate: string): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** Each dataset's missing periods as bands, merged across series that miss the same span. */
export function gapBands(
  datasets: readonly { label: string; hidden?: boolean; gaps: readonly GapPeriod[] }[],
): GapBand[] {
  const bands = new Map<string, GapBand>();
  for (const set of datasets) {
    if (set.hidden) continue;
    for (const gap of set.gaps) {
      const key = `${gap.from}/${gap.to}`;
      const band = bands.get(key) ?? {
        from: gap.from,
        until: dayAfter(gap.to),
        label: gap.label,
        series: [],
      };
      band.series.push(set.label);
      bands.set(key, band);
    }
  }
  return [...bands.values()].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
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

/**
 * Event lines closer than `minSpacing` pixels as groups drawn as one line (they would print on
 * the same pixels anyway): each group's indices, in order of position. Nothing is dropped; the
 * tooltip lists every action within a few pixels of the pointer.
 */
export function clusterByPixel(positions: readonly number[], minSpacing: number): number[][] {
  const order = positions.map((_, i) => i).sort((a, b) => positions[a] - positions[b]);
  const groups: number[][] = [];
  let last = -Infinity;
  for (const i of order) {
    if (groups.length > 0 && positions[i] - last < minSpacing) groups[groups.length - 1].push(i);
    else groups.push([i]);
    last = positions[i];
  }
  return groups;
}

/**
 * Radius of an article mark for the horizontal room the range gives (pixels per year): full size
 * on a range of a year or two, smaller on decades, where full-size rings would merge into blots.
 */
export function markRadius(pixelsPerYear: number): number {
  if (pixelsPerYear >= 80) return 5;
  if (pixelsPerYear >= 30) return 4;
  return 3;
}

const NICE_YEAR_STEPS = [1, 2, 5, 10, 20, 25, 50, 100];

/**
 * Yearly axis ticks on round years: the smallest step of 1, 2, 5, 10… years at least as wide as
 * the step the axis chose, on multiples of it (1980, 1990… rather than 1971, 1978…). Returns
 * the years; the caller turns them into tick positions.
 */
export function niceYearTicks(firstYear: number, lastYear: number, minStep: number): number[] {
  const step = NICE_YEAR_STEPS.find((s) => s >= minStep) ?? Math.ceil(minStep / 100) * 100;
  const years: number[] = [];
  for (let year = Math.ceil(firstYear / step) * step; year <= lastYear; year += step)
    years.push(year);
  return years;
}
