/**
 * The one date range that drives every chart, table and download, as read from `?from=&to=`.
 * Accepts `YYYY-MM-DD`, `YYYY-MM` and `YYYY`; a partial `from` means the first day of the period,
 * a partial `to` the last day.
 */
export interface DateRange {
  /** Inclusive ISO dates, or null for "open" (the data's own start or end). */
  from: string | null;
  to: string | null;
}

export type DateRangeResult = { ok: true; range: DateRange } | { ok: false; errors: string[] };

/**
 * Every date the project accepts (range bounds, article timestamps, dates in imported series files
 * and the tariff register) falls within these years:
 * wide enough for any trade record, narrow enough that PostgreSQL and JavaScript hold every day of
 * it and a range end plus one day stays a plain four-digit year.
 */
export const DATE_SPAN = { firstYear: 1900, lastYear: 2100 } as const;

/** A year outside DATE_SPAN, as the message that refuses it; null when the year is accepted. */
export function yearOutsideSpan(year: number): string | null {
  if (year >= DATE_SPAN.firstYear && year <= DATE_SPAN.lastYear) return null;
  return `Dates must fall between ${DATE_SPAN.firstYear} and ${DATE_SPAN.lastYear}; ${year} is outside.`;
}

const FULL = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;
const YEAR = /^(\d{4})$/;

/** Short English month names, January first. */
export const MONTH_NAMES = [
  "Jan",
  "Feb",
  "Mar",
  "Apr",
  "May",
  "Jun",
  "Jul",
  "Aug",
  "Sep",
  "Oct",
  "Nov",
  "Dec",
];

/** Days in a month (1-12) of the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

/** Parse one bound; `edge` decides how a month or a year is completed. */
export function parseDateBound(
  raw: string,
  edge: "start" | "end",
): { ok: true; date: string } | { ok: false; error: string } {
  const value = raw.trim();
  const year = /^(\d{4})(?:-|$)/.exec(value);
  const outside = year ? yearOutsideSpan(Number(year[1])) : null;
  if (outside) return { ok: false, error: outside };
  let match = FULL.exec(value);
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    if (month < 1 || month > 12)
      return { ok: false, error: `The month in ${value} does not exist.` };
    if (day < 1 || day > daysInMonth(year, month)) {
      return { ok: false, error: `The date ${value} does not exist.` };
    }
    return { ok: true, date: value };
  }
  match = MONTH.exec(value);
  if (match) {
    const [year, month] = [Number(match[1]), Number(match[2])];
    if (month < 1 || month > 12)
      return { ok: false, error: `The month in ${value} does not exist.` };
    const day = edge === "start" ? 1 : daysInMonth(year, month);
    return { ok: true, date: `${match[1]}-${match[2]}-${pad(day)}` };
  }
  match = YEAR.exec(value);
  if (match) {
    return { ok: true, date: edge === "start" ? `${match[1]}-01-01` : `${match[1]}-12-31` };
  }
  return {
    ok: false,
    error: `"${value}" is not a date: use YYYY-MM-DD, YYYY-MM or YYYY.`,
  };
}

export function parseDateRange(params: URLSearchParams): DateRangeResult {
  const errors: string[] = [];
  const bounds: DateRange = { from: null, to: null };
  for (const key of ["from", "to"] as const) {
    const raw = params.get(key);
    if (raw === null || raw.trim() === "") continue;
    const parsed = parseDateBound(raw, key === "from" ? "start" : "end");
    if (parsed.ok) bounds[key] = parsed.date;
    else errors.push(`${key === "from" ? "Start" : "End"} date: ${parsed.error}`);
  }
  if (errors.length === 0 && bounds.from && bounds.to && bounds.from > bounds.to) {
    errors.push(
      `The start date ${bounds.from} is after the end date ${bounds.to}: swap them or pick a later end date.`,
    );
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, range: bounds };
}

/** The same day `years` years earlier; a day the earlier month lacks (29 Feb) becomes its last day. */
export function yearsBefore(isoDate: string, years: number): string {
  const [year, month, day] = isoDate.slice(0, 10).split("-").map(Number);
  const lastDay = daysInMonth(year - years, month);
  return `${year - years}-${pad(month)}-${pad(Math.min(day, lastDay))}`;
}

/**
 * Milliseconds since 1970 of an ISO day's UTC midnight, from its digits (years 1900–2100, the
 * span every date is checked against): what `Date.parse` gives, several times faster, for code
 * that reads every point of a long series.
 */
export function isoDayMs(isoDay: string): number {
  return isoDayNumber(isoDay) * 86_400_000;
}

/**
 * Days since 1970-01-01 of an ISO day, by the proleptic Gregorian calendar's arithmetic on its
 * digit codes (no substrings, no Date): chart builders call it for every point of daily series.
 */
export function isoDayNumber(isoDay: string): number {
  const digit = (i: number) => isoDay.charCodeAt(i) - 48;
  const year = digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3);
  const month = digit(5) * 10 + digit(6);
  const day = digit(8) * 10 + digit(9);
  // Years counted from March, so the leap day ends a year (the usual days-from-civil method).
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The ISO date `days` days earlier. */
export function daysBefore(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate.slice(0, 10)}T00:00:00Z`) - days * 86_400_000)
    .toISOString()
    .slice(0, 10);
}

/** `?from=…&to=…` for links, leaving out open bounds. */
export function rangeToSearch(range: DateRange, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  if (range.from) params.set("from", range.from);
  if (range.to) params.set("to", range.to);
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** `29 Jun 2019`, the dashboard's date style in text. */
export function formatDay(isoDate: string): string {
  const [year, month, day] = isoDate.slice(0, 10).split("-").map(Number);
  return `${day} ${MONTH_NAMES[month - 1]} ${year}`;
}

/** "1 Jul 2018 – 31 Dec 2019", with open ends filled from the data span. */
export function describeRange(range: DateRange, span: { first: string; last: string }): string {
  return `${formatDay(range.from ?? span.first)} – ${formatDay(range.to ?? span.last)}`;
}

/** File-name part for downloads: `2018-07-01_2019-12-31`. */
export function rangeFileSuffix(range: DateRange, span: { first: string; last: string }): string {
  return `${range.from ?? span.first}_${range.to ?? span.last}`;
}

/** Index of the last point dated on or before `isoDate` in a list sorted by date; -1 when none is. */
export function lastIndexOnOrBefore(points: readonly { date: string }[], isoDate: string): number {
  let low = 0;
  let high = points.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (points[mid].date <= isoDate) {
      found = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  return found;
}
