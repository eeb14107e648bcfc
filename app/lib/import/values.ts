/** Cell-level parsing shared by every layout: dates to ISO, numbers strictly. */
import { DATE_SPAN, daysInMonth } from "../date-range";

function validDay(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Whether a year falls within DATE_SPAN, the one span every date input accepts. */
export function yearInSpan(year: number): boolean {
  return year >= DATE_SPAN.firstYear && year <= DATE_SPAN.lastYear;
}

/** Build an ISO date, or null when the day does not exist or falls outside DATE_SPAN. */
export function toIsoDate(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(year) || !yearInSpan(year) || !validDay(year, month, day)) return null;
  return `${String(year).padStart(4, "0")}-${pad2(month)}-${pad2(day)}`;
}

/** `2019-06-28` → itself when the day exists within DATE_SPAN, else null. */
export function parseIsoDate(text: string): string | null {
  // NOTE: hand-rolled instead of a RegExp: this runs once per row of million-row files.
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return null;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 7);
  const day = digits(text, 8, 10);
  if (!yearInSpan(year) || month < 0 || day < 0) return null;
  return validDay(year, month, day) ? text : null;
}

/**
 * Why a date cell the parsers refused is wrong, for an error message: a four-digit year outside
 * DATE_SPAN says so (a real date PostgreSQL could hold, but not one this project accepts),
 * anything else is unparseable. The cell comes as it should be quoted (cut short if long).
 */
export function badDateReason(cell: string): string {
  const year = /(?<!\d)(\d{4})(?!\d)/.exec(cell);
  if (year && !yearInSpan(Number(year[1])))
    return `date "${cell}" is outside the accepted span (${DATE_SPAN.firstYear}–${DATE_SPAN.lastYear})`;
  return `unparseable date "${cell}"`;
}

/** The decimal value of text[start, end) when it is all ASCII digits, else -1. */
function digits(text: string, start: number, end: number): number {
  let value = 0;
  for (let i = start; i < end; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
  january: 1,
  february: 2,
  march: 3,
  april: 4,
  june: 6,
  july: 7,
  august: 8,
  september: 9,
  october: 10,
  november: 11,
  december: 12,
  sept: 9,
};

/** Month name or abbreviation (any case) → 1..12, else null. */
export function monthNumber(name: string): number | null {
  return MONTHS[name.toLowerCase()] ?? null;
}

const MONTH_YEAR = /^([A-Za-z]+)\s+(\d{4})$/;

/** Census page style `January 2001` → `2001-01-01`. */
export function parseMonthYear(text: string): string | null {
  const match = MONTH_YEAR.exec(text.trim());
  if (!match) return null;
  const month = monthNumber(match[1]);
  return month ? toIsoDate(Number(match[2]), month, 1) : null;
}

const DAY_MON_YY = /^(\d{1,2})-([A-Za-z]{3,9})-(\d{2}|\d{4})$/;

/**
 * Spreadsheet export style `1-Jan-18` → `2018-01-01`.
 * NOTE: two-digit years pivot like spreadsheets do: 00–69 → 2000s, 70–99 → 1900s.
 */
export function parseDayMonYear(text: string): string | null {
  const match = DAY_MON_YY.exec(text.trim());
  if (!match) return null;
  const month = monthNumber(match[2]);
  if (!month) return null;
  let year = Number(match[3]);
  if (match[3].length === 2) year += year < 70 ? 2000 : 1900;
  return toIsoDate(year, month, Number(match[1]));
}

const LONG_DATE = /^([A-Za-z]+)\s+(\d{1,2}),\s*(\d{4})$/;

/** `January 1, 2018` → `2018-01-01` (PIIE uses such a label for its baseline row). */
export function parseLongDate(text: string): string | null {
  const match = LONG_DATE.exec(text.trim());
  if (!match) return null;
  const month = monthNumber(match[1]);
  return month ? toIsoDate(Number(match[3]), month, Number(match[2])) : null;
}

const PLAIN_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const GROUPED_NUMBER = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?$/;

/**
 * A decimal number, or null when the text is not one (so `1e3` passes but `0x10`, `1,5` and `n/a` do not).
 * With `thousands`, US thousands separators are accepted as well (`-7,240.0`).
 */
export function parseNumber(text: string, thousands = false): number | null {
  const trimmed = text.trim();
  if (PLAIN_NUMBER.test(trimmed)) {
    const value = Number(trimmed);
    return Number.isFinite(value) ? value : null;
  }
  if (thousands && GROUPED_NUMBER.test(trimmed)) return Number(trimmed.replace(/,/g, ""));
  return null;
}
