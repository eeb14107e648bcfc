/**
 * Calendar arithmetic and tick labels for the charts' time axis, in UTC: every x value is a UTC
 * day (`Date.UTC`), so a tick for 1 Jan 2019 reads "Jan 2019" wherever the reader is. Chart.js
 * reaches these through its date adapter (config.client.ts); the labels are those its date-fns
 * adapter printed, whose arithmetic ran in the reader's own time zone.
 */
import { MONTH_NAMES } from "~/lib/date-range";

export type TimeUnit =
  "millisecond" | "second" | "minute" | "hour" | "day" | "week" | "month" | "quarter" | "year";

const MS: Record<"millisecond" | "second" | "minute" | "hour" | "day" | "week", number> = {
  millisecond: 1,
  second: 1000,
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 7 * 86_400_000,
};

/** The axis' label formats by unit (Chart.js `displayFormats`), in date-fns' notation. */
export const UTC_FORMATS: Record<TimeUnit | "datetime", string> = {
  datetime: "MMM d, yyyy, h:mm:ss aaaa",
  millisecond: "h:mm:ss.SSS aaaa",
  second: "h:mm:ss aaaa",
  minute: "h:mm aaaa",
  hour: "ha",
  day: "MMM d",
  week: "PP",
  month: "MMM yyyy",
  quarter: "qqq - yyyy",
  year: "yyyy",
};

const pad = (value: number, width = 2) => String(value).padStart(width, "0");

/** A time as one of UTC_FORMATS' formats. */
export function formatUtc(time: number, format: string): string {
  const d = new Date(time);
  const year = String(d.getUTCFullYear());
  const month = MONTH_NAMES[d.getUTCMonth()];
  const day = d.getUTCDate();
  const hours = d.getUTCHours();
  const h12 = hours % 12 === 0 ? 12 : hours % 12;
  const ampm = hours < 12 ? "AM" : "PM";
  const dotted = hours < 12 ? "a.m." : "p.m.";
  const clock = `${h12}:${pad(d.getUTCMinutes())}`;
  switch (format) {
    case UTC_FORMATS.year:
      return year;
    case UTC_FORMATS.quarter:
      return `Q${Math.floor(d.getUTCMonth() / 3) + 1} - ${year}`;
    case UTC_FORMATS.month:
      return `${month} ${year}`;
    case UTC_FORMATS.week:
      return `${month} ${day}, ${year}`;
    case UTC_FORMATS.day:
      return `${month} ${day}`;
    case UTC_FORMATS.hour:
      return `${h12}${ampm}`;
    case UTC_FORMATS.minute:
      return `${clock} ${dotted}`;
    case UTC_FORMATS.second:
      return `${clock}:${pad(d.getUTCSeconds())} ${dotted}`;
    case UTC_FORMATS.millisecond:
      return `${clock}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)} ${dotted}`;
    default:
      return `${month} ${day}, ${year}, ${clock}:${pad(d.getUTCSeconds())} ${dotted}`;
  }
}

/** Months added to a time; a day past the new month's end becomes its last day (31 Jan + 1 = 28 Feb). */
function addMonths(time: number, months: number): number {
  const d = new Date(time);
  const target = new Date(time);
  target.setUTCDate(1);
  target.setUTCMonth(d.getUTCMonth() + months);
  const lastDay = new Date(
    Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0),
  ).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  return target.getTime();
}

export function addUtc(time: number, amount: number, unit: TimeUnit): number {
  switch (unit) {
    case "month":
      return addMonths(time, amount);
    case "quarter":
      return addMonths(time, amount * 3);
    case "year":
      return addMonths(time, amount * 12);
    default:
      return time + amount * MS[unit];
  }
}

/** Whole months from `earlier` to `later` (negative when reversed), counted as date-fns counts them. */
function monthsBetween(later: number, earlier: number): number {
  const sign = Math.sign(later - earlier);
  const l = new Date(later);
  const e = new Date(earlier);
  const difference = Math.abs(
    (l.getUTCFullYear() - e.getUTCFullYear()) * 12 + (l.getUTCMonth() - e.getUTCMonth()),
  );
  if (difference < 1 || sign === 0) return 0;
  const moved = new Date(later);
  if (moved.getUTCMonth() === 1 && moved.getUTCDate() > 27) moved.setUTCDate(30);
  moved.setUTCMonth(moved.getUTCMonth() - sign * difference);
  // The last month counts only when complete, except from a month's last day a month on.
  let lastMonthNotFull = Math.sign(moved.getTime() - earlier) === -sign;
  const lastDayOfMonth = new Date(later + MS.day).getUTCDate() === 1;
  if (lastDayOfMonth && difference === 1 && later > earlier) lastMonthNotFull = false;
  return sign * (difference - (lastMonthNotFull ? 1 : 0));
}

/** Whole years, as date-fns counts them: the month, day and time decide whether the last is full. */
function yearsBetween(later: number, earlier: number): number {
  const sign = Math.sign(later - earlier);
  const l = new Date(later);
  const e = new Date(earlier);
  const difference = Math.abs(l.getUTCFullYear() - e.getUTCFullYear());
  l.setUTCFullYear(1584);
  e.setUTCFullYear(1584);
  const partial = Math.sign(l.getTime() - e.getTime()) === -sign;
  return sign * (difference - (partial ? 1 : 0));
}

export function diffUtc(max: number, min: number, unit: TimeUnit): number {
  switch (unit) {
    case "month":
      return monthsBetween(max, min) || 0;
    case "quarter":
      return Math.trunc(monthsBetween(max, min) / 3) || 0;
    case "year":
      return yearsBetween(max, min) || 0;
    default:
      return Math.trunc((max - min) / MS[unit]) || 0;
  }
}

/** The start of the unit a time falls in; weeks start on `weekStartsOn` (0 Sunday, the default). */
export function startOfUtc(time: number, unit: TimeUnit | "isoWeek", weekStartsOn = 0): number {
  const d = new Date(time);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  switch (unit) {
    case "year":
      return Date.UTC(y, 0, 1);
    case "quarter":
      return Date.UTC(y, m - (m % 3), 1);
    case "month":
      return Date.UTC(y, m, 1);
    case "week":
    case "isoWeek": {
      const day = Date.UTC(y, m, d.getUTCDate());
      const back = (d.getUTCDay() - weekStartsOn + 7) % 7;
      return day - back * MS.day;
    }
    case "millisecond":
      return time;
    default:
      return time - (((time % MS[unit]) + MS[unit]) % MS[unit]);
  }
}

/** The last millisecond of the unit a time falls in. */
export function endOfUtc(time: number, unit: TimeUnit | "isoWeek"): number {
  if (unit === "millisecond") return time;
  const next = unit === "isoWeek" ? "week" : unit;
  return addUtc(startOfUtc(time, unit), 1, next) - 1;
}
