/**
 * Level / year-on-year % / index transforms for official series, like with like: year-on-year
 * compares a month with the same month a year earlier (a day with the same day, or the last rate
 * a few days before it), and every series of a chart is indexed to one common base period.
 * A transform never adds or drops a row: where it cannot give a value, the value is null with a reason.
 */
import { lastIndexOnOrBefore, yearsBefore } from "~/lib/date-range";
import { formatPeriod, type Frequency, type PeriodValue } from "~/lib/charts/periods";

export type Transform = "level" | "yoy" | "index";

export function parseTransform(raw: string | null | undefined): Transform {
  return raw === "yoy" || raw === "index" ? raw : "level";
}

export interface DatedValue {
  date: string;
  value: number;
}

export interface TransformedValue {
  date: string;
  value: number | null;
  /** Why the value is missing, when it is. */
  note: string | null;
}

/** Daily year-on-year looks back at most this many days before the same day a year earlier (weekends, holidays). */
export const DAILY_YOY_TOLERANCE_DAYS = 5;

/** The ISO date one year earlier (29 Feb maps to 28 Feb). */
export function oneYearBefore(isoDate: string): string {
  return yearsBefore(isoDate, 1);
}

/**
 * The observation a year-on-year change compares with: the same month a year earlier for monthly
 * and annual data, and for daily data the same day or the last observation at most
 * DAILY_YOY_TOLERANCE_DAYS before it. `history` is sorted by date.
 */
export function yearEarlier(
  history: readonly DatedValue[],
  isoDate: string,
  frequency: Frequency,
): DatedValue | null {
  const target = oneYearBefore(isoDate);
  const index = lastIndexOnOrBefore(history, target);
  if (index < 0) return null;
  const found = history[index];
  if (frequency === "daily")
    return daysBetween(found.date, target) <= DAILY_YOY_TOLERANCE_DAYS ? found : null;
  return found.date === target ? found : null;
}

/**
 * The first date at which every series has a usable (non-null, non-zero) value: the one base
 * period an index chart uses for all its series. Null when they share none.
 */
export function commonIndexBase(series: readonly (readonly PeriodValue[])[]): string | null {
  if (series.length === 0) return null;
  const usable = series.map(
    (values) => new Set(values.filter((v) => v.value !== null && v.value !== 0).map((v) => v.date)),
  );
  const candidates = [...usable[0]].sort();
  return candidates.find((date) => usable.every((dates) => dates.has(date))) ?? null;
}

/**
 * Apply a transform to the rows of one series in the range (`rows`, nulls for missing periods),
 * reading earlier values from `history` (sorted, may start a year before the range). Index
 * values are relative to `base`, the chart's common base date.
 */
export function transformValues(
  rows: readonly PeriodValue[],
  history: readonly DatedValue[],
  transform: Transform,
  frequency: Frequency,
  base: string | null = null,
): TransformedValue[] {
  if (transform === "level") return rows.map((row) => ({ ...row, note: null }));
  if (transform === "index") {
    const baseValue = base === null ? null : (rows.find((row) => row.date === base)?.value ?? null);
    return rows.map((row) => {
      if (row.value === null) return { date: row.date, value: null, note: null };
      if (baseValue === null || baseValue === 0)
        return { date: row.date, value: null, note: "no value at the common index base" };
      return { date: row.date, value: (row.value / baseValue) * 100, note: null };
    });
  }
  return rows.map((row) => {
    if (row.value === null) return { date: row.date, value: null, note: null };
    const previous = yearEarlier(history, row.date, frequency);
    if (!previous)
      return {
        date: row.date,
        value: null,
        note: "no value a year earlier to compare with",
      };
    if (previous.value <= 0)
      return {
        date: row.date,
        value: null,
        note: "the value a year earlier is not positive",
      };
    return { date: row.date, value: (row.value / previous.value - 1) * 100, note: null };
  });
}

function daysBetween(a: string, b: string): number {
  return Math.abs(Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000;
}

/** The unit (and axis title) of transformed values, naming the comparison and the index base. */
export function transformUnit(
  transform: Transform,
  unit: string,
  frequency: Frequency,
  base: string | null,
): string {
  if (transform === "level") return unit;
  if (transform === "index")
    return base ? `index, ${formatPeriod(base, frequency)} = 100` : "index (no common base)";
  return frequency === "daily"
    ? `% change on the same day a year earlier (or the last rate up to ${DAILY_YOY_TOLERANCE_DAYS} days before it)`
    : frequency === "annual"
      ? "% change on the year before"
      : "% change on the same month a year earlier";
}
