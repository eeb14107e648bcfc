/**
 * The byte-level reader for `date,value` files (FRED downloads, one-series tidy CSVs).
 *
 * A line such as `2019-06-28,6.8650` means the same to this parser and to PostgreSQL's
 * `COPY … (FORMAT csv)`: an ISO date and a plain decimal, which both sides round to the same double.
 * Such lines are checked here byte by byte and handed on as they are, in runs of whole lines, so a
 * million-row file is never decoded, split into strings or formatted again. The first line that is
 * not in that exact form stops the scan; the parser reads the rest of the file the general way,
 * which also produces the error message when the line is bad.
 */

import { DATE_SPAN, daysInMonth } from "../date-range";

const NEWLINE = 10;
const CR = 13;
const COMMA = 44;
const DASH = 45;
const DOT = 46;
const ZERO = 48;
/** Longer numbers go the general way, where an overflow to Infinity is reported as an error. */
const MAX_NUMBER_BYTES = 40;

const { firstYear: FIRST_YEAR, lastYear: LAST_YEAR } = DATE_SPAN;

/** What the scan has read so far; dates are kept as `yyyymmdd` numbers. */
export interface DateValueScan {
  /** Physical lines consumed, the header included. */
  line: number;
  records: number;
  points: number;
  missing: number;
  /** Smallest and largest date with a value (0 before the first). */
  minDate: number;
  maxDate: number;
  strictlyIncreasing: boolean;
  allMonthStarts: boolean;
  allYearStarts: boolean;
  /**
   * Whether lines end in CRLF rather than LF, fixed by the first line read (null before it). A
   * line ended the other way stops the scan: `COPY` takes a stream's line ending from its first
   * line and refuses the other one after it, so the lines passed on, and any the general reader
   * writes after them, must all end one way.
   */
  crlf: boolean | null;
  /** Set when a line not in the exact form stopped the scan. */
  stopped: boolean;
}

export function startDateValueScan(linesBefore: number): DateValueScan {
  return {
    line: linesBefore,
    records: 0,
    points: 0,
    missing: 0,
    minDate: 0,
    maxDate: 0,
    strictlyIncreasing: true,
    allMonthStarts: true,
    allYearStarts: true,
    crlf: null,
    stopped: false,
  };
}

/** `20190628` → `2019-06-28`. */
export function isoFromDateNumber(date: number): string {
  const year = Math.floor(date / 10000);
  const month = Math.floor(date / 100) % 100;
  const day = date % 100;
  return `${String(year).padStart(4, "0")}-${month < 10 ? "0" : ""}${month}-${day < 10 ? "0" : ""}${day}`;
}

function digit(bytes: Uint8Array, at: number): number {
  const d = bytes[at] - ZERO;
  return d >= 0 && d <= 9 ? d : -1;
}

/**
 * `YYYY-MM-DD,` at `at` as a `yyyymmdd` number when the day exists within DATE_SPAN, else -1 (the
 * general reader then reports the line).
 */
function dateAt(bytes: Uint8Array, at: number): number {
  if (bytes[at + 4] !== DASH || bytes[at + 7] !== DASH || bytes[at + 10] !== COMMA) return -1;
  let year = 0;
  for (let i = at; i < at + 4; i++) {
    const d = digit(bytes, i);
    if (d < 0) return -1;
    year = year * 10 + d;
  }
  const m1 = digit(bytes, at + 5);
  const m2 = digit(bytes, at + 6);
  const d1 = digit(bytes, at + 8);
  const d2 = digit(bytes, at + 9);
  if (m1 < 0 || m2 < 0 || d1 < 0 || d2 < 0) return -1;
  const month = m1 * 10 + m2;
  const day = d1 * 10 + d2;
  if (
    year < FIRST_YEAR ||
    year > LAST_YEAR ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysInMonth(year, month)
  )
    return -1;
  return year * 10000 + month * 100 + day;
}

/** Whether bytes[from, to) is `-?digits(.digits)?`. */
function isPlainDecimal(bytes: Uint8Array, from: number, to: number): boolean {
  if (to - from > MAX_NUMBER_BYTES) return false;
  let i = from;
  if (bytes[i] === DASH) i++;
  const integerStart = i;
  while (i < to && digit(bytes, i) >= 0) i++;
  if (i === integerStart) return false;
  if (i === to) return true;
  if (bytes[i] !== DOT) return false;
  const fractionStart = ++i;
  while (i < to && digit(bytes, i) >= 0) i++;
  return i === to && i > fractionStart;
}

/**
 * Read whole lines of `bytes` from `start`, passing runs of value lines to `emit(from, to)` (line
 * endings included, all LF or all CRLF: see `crlf`). Blank lines and missing values are left out of
 * the runs. Returns where reading stopped: at an incomplete last line (no newline yet), or at a line
 * not in the exact form or not ended like the first (`scan.stopped` is then set).
 */
export function scanDateValueLines(
  bytes: Uint8Array,
  start: number,
  scan: DateValueScan,
  dotIsMissing: boolean,
  emit: (from: number, to: number) => void,
): number {
  let runStart = start;
  let at = start;
  for (
    let newline = bytes.indexOf(NEWLINE, at);
    newline !== -1;
    newline = bytes.indexOf(NEWLINE, at)
  ) {
    const crlf = newline > at && bytes[newline - 1] === CR;
    if (scan.crlf === null) scan.crlf = crlf;
    else if (crlf !== scan.crlf) {
      scan.stopped = true;
      break;
    }
    const end = crlf ? newline - 1 : newline;
    const length = end - at;
    if (length === 0) {
      // A blank line: skipped, as the general reader does.
      if (runStart < at) emit(runStart, at);
      runStart = newline + 1;
      at = newline + 1;
      scan.line++;
      continue;
    }
    const date = length >= 11 ? dateAt(bytes, at) : -1;
    if (date < 0) {
      scan.stopped = true;
      break;
    }
    const valueStart = at + 11;
    const valueBytes = end - valueStart;
    if (valueBytes === 0 || (valueBytes === 1 && dotIsMissing && bytes[valueStart] === DOT)) {
      if (runStart < at) emit(runStart, at);
      runStart = newline + 1;
      scan.missing++;
    } else {
      if (!isPlainDecimal(bytes, valueStart, end)) {
        scan.stopped = true;
        break;
      }
      if (scan.points === 0) {
        scan.minDate = date;
        scan.maxDate = date;
      } else if (date > scan.maxDate) {
        scan.maxDate = date;
      } else {
        scan.strictlyIncreasing = false;
        if (date < scan.minDate) scan.minDate = date;
      }
      const monthDay = date % 10000;
      if (monthDay % 100 !== 1) scan.allMonthStarts = false;
      if (monthDay !== 101) scan.allYearStarts = false;
      scan.points++;
    }
    scan.records++;
    scan.line++;
    at = newline + 1;
  }
  if (runStart < at) emit(runStart, at);
  return at;
}

/**
 * The points of a whole `date,value` body (`bytes` from `start`) that the scan alone can read:
 * every line in the exact form, blank or missing, the last one ended, dates strictly increasing
 * (so none repeats). Null for anything else, which the general reader then reads and reports.
 * Lets a tool that needs a small series in memory skip the general reader's per-cell work.
 */
export function readDateValuePoints(
  bytes: Uint8Array,
  start: number,
  dotIsMissing: boolean,
): { date: string; value: number }[] | null {
  const scan = startDateValueScan(0);
  const runs: string[] = [];
  const decoder = new TextDecoder();
  const end = scanDateValueLines(bytes, start, scan, dotIsMissing, (from, to) =>
    runs.push(decoder.decode(bytes.subarray(from, to))),
  );
  if (scan.stopped || end !== bytes.length || !scan.strictlyIncreasing || scan.points === 0)
    return null;
  const points: { date: string; value: number }[] = [];
  const endingLength = scan.crlf ? 2 : 1;
  for (const run of runs) {
    for (let at = 0; at < run.length;) {
      const newline = run.indexOf("\n", at);
      points.push({
        date: run.slice(at, at + 10),
        value: Number(run.slice(at + 11, newline + 1 - endingLength)),
      });
      at = newline + 1;
    }
  }
  return points;
}
