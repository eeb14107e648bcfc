/**
 * Periods of a series by its frequency: which months a monthly series should have in a range,
 * which of them are missing, and how a period reads in text ("Dec 2025", "2025", "14 Nov 2025").
 */
import { formatDay, MONTH_NAMES } from "~/lib/date-range";

export type Frequency = "daily" | "monthly" | "annual" | "step";

/** The catalogue's frequency text as a frequency ("event (step)" → step). */
export function toFrequency(catalogueFrequency: string): Frequency {
  if (catalogueFrequency === "daily" || catalogueFrequency === "monthly") return catalogueFrequency;
  if (catalogueFrequency === "annual") return "annual";
  return "step";
}

/** How a period reads in text: monthly data never names a day, annual data only its year. */
export function formatPeriod(isoDate: string, frequency: Frequency): string {
  const [year, month] = isoDate.slice(0, 10).split("-").map(Number);
  if (frequency === "annual") return String(year);
  if (frequency === "monthly") return `${MONTH_NAMES[month - 1]} ${year}`;
  return formatDay(isoDate);
}

/** First day of the month holding `isoDate`. */
export function monthStart(isoDate: string): string {
  return `${isoDate.slice(0, 7)}-01`;
}

const YEAR_MONTH = /^\d{4}-\d{2}(?!\d)/;

/**
 * Months since year 0 of `isoDate`'s month: from its digits when it starts `YYYY-MM` (every date
 * the builders pass, many times a request), else by splitting it as before ("2025-1-01").
 */
function monthIndex(isoDate: string): number {
  if (YEAR_MONTH.test(isoDate)) {
    const digit = (at: number) => isoDate.charCodeAt(at) - 48;
    const year = digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3);
    return year * 12 + digit(5) * 10 + digit(6) - 1;
  }
  const [year, month] = isoDate.slice(0, 7).split("-").map(Number);
  return year * 12 + (month - 1);
}

/** The first day of the month `index` months after the start of year 0, as an ISO date. */
function monthOfIndex(index: number): string {
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return `${y >= 1000 ? y : String(y).padStart(4, "0")}-${m < 10 ? "0" : ""}${m}-01`;
}

/** First day of the month `count` months after (or before, when negative) `isoDate`'s month. */
export function addMonths(isoDate: string, count: number): string {
  return monthOfIndex(monthIndex(isoDate) + count);
}

/** Last day of the month holding `isoDate`. */
export function monthEnd(isoDate: string): string {
  const next = addMonths(isoDate, 1);
  return new Date(Date.parse(`${next}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/** The last day a dated value covers: its month's end for monthly data, its year's for annual. */
export function periodEnd(isoDate: string, frequency: Frequency): string {
  if (frequency === "monthly") return monthEnd(isoDate);
  if (frequency === "annual") return `${isoDate.slice(0, 4)}-12-31`;
  return isoDate.slice(0, 10);
}

/** Month starts from the month of `from` to the month of `to`, both included. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  const first = monthIndex(monthStart(from));
  if (Number.isNaN(first)) return months;
  // Month starts sort as their indexes do, so the loop counts months and formats each once.
  for (let index = first; ; index++) {
    const month = monthOfIndex(index);
    if (!(month <= to)) return months;
    months.push(month);
  }
}

export interface PeriodValue {
  date: string;
  value: number | null;
}

/** A run of consecutive missing periods, for a "no data" band and for text. */
export interface GapPeriod {
  /** First day of the first missing period. */
  from: string;
  /** Last day of the last missing period. */
  to: string;
  /** "Feb–Aug 2023", "Dec 2025", "Nov 2022 – Jan 2023". */
  label: string;
  /** Why the periods have no value (the first period's note). */
  reason: string;
}

/**
 * Every month a monthly series should have inside `[from, to]`, limited to the series' own span
 * (a series neither starts before its first nor runs past its last observation): months with no
 * observation come back with a null value, so a chart breaks its line and a table shows "—".
 */
export function monthlyWithGaps(
  points: readonly { date: string; value: number }[],
  range: { from: string | null; to: string | null },
  span: { first: string; last: string } | null,
): PeriodValue[] {
  if (!span) return [];
  const byMonth = new Map(points.map((point) => [monthStart(point.date), point.value]));
  const from = range.from && range.from > span.first ? range.from : span.first;
  const to = range.to && range.to < span.last ? range.to : span.last;
  // A range starting mid-month still shows that month's value (the loader filters by date).
  const first = monthStart(from) < from ? addMonths(from, 1) : monthStart(from);
  return monthsBetween(first, to).map((month) => ({
    date: month,
    value: byMonth.get(month) ?? null,
  }));
}

/** Runs of null values (with the same reason) in periods sorted by date, as labelled gap periods. */
export function gapPeriods(
  values: readonly (PeriodValue & { note?: string | null })[],
  frequency: Frequency,
): GapPeriod[] {
  const gaps: GapPeriod[] = [];
  let start: string | null = null;
  let last: string | null = null;
  let reason = "";
  const close = () => {
    if (start === null || last === null) return;
    gaps.push({
      from: start,
      to: periodEnd(last, frequency),
      label: periodSpanLabel(start, last, frequency),
      reason,
    });
    start = null;
  };
  for (const point of values) {
    if (point.value === null) {
      const why = point.note ?? "no data";
      if (start !== null && why !== reason) close();
      if (start === null) {
        start = point.date;
        reason = why;
      }
      last = point.date;
    } else close();
  }
  close();
  return gaps;
}

/** "Feb–Aug 2023" within a year, "Nov 2022 – Jan 2023" across years, one period alone. */
export function periodSpanLabel(first: string, last: string, frequency: Frequency): string {
  if (first === last) return formatPeriod(first, frequency);
  if (frequency === "monthly" && first.slice(0, 4) === last.slice(0, 4))
    return `${MONTH_NAMES[Number(first.slice(5, 7)) - 1]}–${formatPeriod(last, frequency)}`;
  return `${formatPeriod(first, frequency)} – ${formatPeriod(last, frequency)}`;
}

/** "Feb–Aug 2023, Oct–Dec 2023 and Dec 2025". */
export function listGaps(gaps: readonly Pick<GapPeriod, "label">[]): string {
  const labels = gaps.map((gap) => gap.label);
  if (labels.length <= 1) return labels.join("");
  return `${labels.slice(0, -1).join(", ")} and ${labels.at(-1)}`;
}
