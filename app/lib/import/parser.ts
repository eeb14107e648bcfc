/**
 * The streaming series parser and the conveniences built on it.
 * `createSeriesParser` reads any recognised layout chunk by chunk and hands every point to a callback,
 * so an import holds one batch at a time; `parseSeriesFile` collects everything for small files and tests.
 */
import { createRecordReader, splitFields } from "./csv";
import {
  isoFromDateNumber,
  scanDateValueLines,
  startDateValueScan,
  type DateValueScan,
} from "./date-value-scan";
import { detectLayout, headerDelimiter, type Layout } from "./formats";
import type {
  ColumnInfo,
  ColumnStats,
  ParseError,
  ParseResult,
  ParsedColumn,
  SeriesFormat,
  TariffEventInput,
} from "./types";

export interface SeriesParserOptions {
  /** Used in error reports; never used to pick the layout. */
  fileName: string;
  /** Restrict a tidy file's series to these columns (the catalogue's columns for a catalogued file). */
  columns?: readonly string[];
  /**
   * Report a date repeated with a different value, keeping a date→value map per column.
   * NOTE: memory then grows with the file; the import checks duplicates in its staging table instead.
   */
  detectDuplicates?: boolean;
  /** Stop recording errors after this many (counting goes on). Default 50. */
  maxErrors?: number;
  /**
   * Called for every value. `text` is the cell as written when it is a plain decimal, which parses to
   * exactly `value` (a loader can pass it on instead of formatting the number again).
   */
  onPoint(column: number, date: string, value: number, line: number, text?: string): void;
  onEvent?(event: TariffEventInput): void;
}

export interface SeriesParser {
  write(chunk: string): void;
  /**
   * Feed raw bytes up to the end of the header record; returns the bytes after it (for `writeBytes`,
   * once the caller has picked the output), or null while the header needs more input.
   */
  writeHeaderBytes(chunk: Uint8Array): Uint8Array | null;
  /** Feed raw UTF-8 bytes after the header. */
  writeBytes(chunk: Uint8Array): void;
  /**
   * For a `date,value` layout (`dateValueLines`): from now on every point comes out as a CSV line
   * `date,value` for `COPY … (FORMAT csv)`, in byte runs, instead of through `onPoint`. Lines already
   * in that form are passed on as they were read; every line ends as the first one read did (LF or
   * CRLF). Call after the header, before any data.
   */
  emitCsv(onCsv: (bytes: Uint8Array) => void): void;
  end(): void;
  /** Whether the layout's data lines are `date,value`, so `emitCsv` can be used. */
  readonly dateValueLines: boolean;
  /** Null until the header has been read (and after an unknown header). */
  readonly format: SeriesFormat | null;
  /** Value columns named by the header; points refer to them by index. */
  readonly columns: readonly ColumnInfo[];
  readonly stats: readonly ColumnStats[];
  readonly errors: readonly ParseError[];
  readonly errorCount: number;
  readonly missing: number;
  readonly ignoredColumns: readonly string[];
  /** Data records read (header excluded). */
  readonly records: number;
  /** Values read so far, over all columns. */
  readonly points: number;
}

const BOM = "\uFEFF";

/** Build a parser that detects the layout from the first record and streams points to `onPoint`. */
export function createSeriesParser(options: SeriesParserOptions): SeriesParser {
  const file = options.fileName;
  const maxErrors = options.maxErrors ?? 50;
  const errors: ParseError[] = [];
  let errorCount = 0;
  let missing = 0;
  let records = 0;
  let events = 0;
  let layout: Layout | null = null;
  let delimiter = ",";
  let headerSeen = false;
  let unknown = false;
  let stats: ColumnStats[] = [];
  let seen: Map<string, { value: number; line: number }>[] = [];
  const ignored: string[] = [];

  const error = (line: number, column: string | null, reason: string) => {
    errorCount++;
    if (errors.length < maxErrors) errors.push({ file, line, column, reason });
  };

  // CSV output (`emitCsv`): the byte scan while lines keep the exact form, then the general reader.
  let onCsv: ((bytes: Uint8Array) => void) | null = null;
  let scan: DateValueScan | null = null;
  let csvText = "";
  // The scan's line ending, kept for the lines written after it: one COPY stream, one ending.
  let csvLineEnd = "\n";
  let byteCarry: Uint8Array | null = null;
  const decoder = new TextDecoder("utf-8");

  const sink = {
    point(column: number, date: string, value: number, line: number, text?: string) {
      if (options.detectDuplicates) {
        const previous = seen[column].get(date);
        if (previous) {
          if (!Object.is(previous.value, value)) {
            error(
              line,
              layout!.columns[column].label,
              `duplicate date ${date} with a different value (${value} here, ${previous.value} at line ${previous.line})`,
            );
          }
          return;
        }
        seen[column].set(date, { value, line });
      }
      const s = stats[column];
      if (s.lastDate !== null && date <= s.lastDate) s.strictlyIncreasing = false;
      if (s.firstDate === null || date < s.firstDate) s.firstDate = date;
      if (s.lastDate === null || date > s.lastDate) s.lastDate = date;
      if (s.allMonthStarts && !date.endsWith("-01")) s.allMonthStarts = false;
      if (s.allYearStarts && !date.endsWith("-01-01")) s.allYearStarts = false;
      s.points++;
      // Once the file has an error it will be rejected: nothing more needs to reach the database.
      if (onCsv) {
        if (errorCount === 0) csvText += `${date},${copyNumber(value, text)}${csvLineEnd}`;
      } else options.onPoint(column, date, value, line, text);
    },
    event(event: TariffEventInput) {
      events++;
      options.onEvent?.(event);
    },
    error,
    missing(count = 1) {
      missing += count;
    },
    ignore(columnName: string) {
      if (!ignored.includes(columnName)) ignored.push(columnName);
    },
  };

  const onRecord = (record: string, line: number) => {
    if (unknown) return;
    if (!headerSeen) {
      headerSeen = true;
      const text = record.startsWith(BOM) ? record.slice(1) : record;
      delimiter = headerDelimiter(text);
      const header = splitFields(text, delimiter).map((cell) => cell.trim());
      layout = detectLayout(header, sink, { columns: options.columns });
      if (!layout) {
        unknown = true;
        error(
          line,
          null,
          `unknown layout: header "${text.length > 200 ? text.slice(0, 200) + "…" : text}"`,
        );
        return;
      }
      stats = layout.columns.map(() => ({
        points: 0,
        firstDate: null,
        lastDate: null,
        strictlyIncreasing: true,
        allMonthStarts: true,
        allYearStarts: true,
      }));
      seen = layout.columns.map(() => new Map());
      return;
    }
    records++;
    layout!.row(splitFields(record, delimiter), line);
  };
  let reader = createRecordReader(onRecord);
  let headerBytes: Uint8Array | null = null;

  /** Hand the byte scan's findings to the general path (once: when the scan stops, or at the end). */
  const closeScan = () => {
    if (!scan) return;
    const s = stats[0];
    s.points = scan.points;
    s.firstDate = scan.points > 0 ? isoFromDateNumber(scan.minDate) : null;
    s.lastDate = scan.points > 0 ? isoFromDateNumber(scan.maxDate) : null;
    s.strictlyIncreasing = scan.strictlyIncreasing;
    s.allMonthStarts = scan.allMonthStarts;
    s.allYearStarts = scan.allYearStarts;
    if (scan.points > 0) layout!.dateValueLines!.sawValue();
    if (scan.crlf) csvLineEnd = "\r\n";
    records += scan.records;
    missing += scan.missing;
    reader = createRecordReader(onRecord, scan.line + 1);
    scan = null;
  };

  const flushCsvText = () => {
    if (csvText.length > 0 && onCsv) {
      onCsv(Buffer.from(csvText, "utf8"));
      csvText = "";
    }
  };

  const scanBytes = (bytes: Uint8Array) => {
    const emit = onCsv!;
    const stop = scanDateValueLines(
      bytes,
      0,
      scan!,
      layout!.dateValueLines!.dotIsMissing,
      (from, to) => emit(bytes.subarray(from, to)),
    );
    if (scan!.stopped) {
      closeScan();
      reader.write(decoder.decode(bytes.subarray(stop), { stream: true }));
      flushCsvText();
    } else if (stop < bytes.length) {
      byteCarry = bytes.slice(stop);
    }
  };

  return {
    write(chunk) {
      reader.write(chunk);
    },
    writeHeaderBytes(chunk) {
      let bytes = chunk;
      if (headerBytes) {
        bytes = new Uint8Array(headerBytes.length + chunk.length);
        bytes.set(headerBytes);
        bytes.set(chunk, headerBytes.length);
        headerBytes = null;
      }
      let at = 0;
      // Line by line, so nothing after the header record has been read when it is complete.
      while (!(headerSeen && reader.idle)) {
        const newline = bytes.indexOf(10, at);
        if (newline === -1) {
          headerBytes = bytes.slice(at);
          return null;
        }
        reader.write(decoder.decode(bytes.subarray(at, newline + 1), { stream: true }));
        at = newline + 1;
      }
      return bytes.subarray(at);
    },
    writeBytes(chunk) {
      if (!scan) {
        reader.write(decoder.decode(chunk, { stream: true }));
        flushCsvText();
        return;
      }
      if (byteCarry) {
        const joined = new Uint8Array(byteCarry.length + chunk.length);
        joined.set(byteCarry);
        joined.set(chunk, byteCarry.length);
        byteCarry = null;
        scanBytes(joined);
      } else {
        scanBytes(chunk);
      }
    },
    emitCsv(output) {
      if (!this.dateValueLines) throw new Error("emitCsv: not a date,value layout");
      if (records > 0 || !reader.idle) throw new Error("emitCsv: data was already read");
      onCsv = output;
      scan = startDateValueScan(reader.lines);
    },
    end() {
      if (headerBytes) {
        reader.write(decoder.decode(headerBytes, { stream: true }));
        headerBytes = null;
      }
      if (scan && byteCarry) {
        // The last line has no newline: give it one, so it reaches COPY as a whole line (in a
        // CRLF file it then no longer ends like the others, and the general reader writes it).
        const last = new Uint8Array(byteCarry.length + 1);
        last.set(byteCarry);
        last[byteCarry.length] = 10;
        byteCarry = null;
        scanBytes(last);
      }
      closeScan();
      reader.write(decoder.decode());
      const open = reader.end();
      if (open !== null) error(open, null, "unterminated quoted field");
      if (!headerSeen) error(1, null, "empty file: no header");
      else if (layout && records === 0) error(1, null, "no data rows: the file has only a header");
      else if (layout) {
        layout.end?.();
        // A file that says nothing must fail, never pass as "no change".
        if (errorCount === 0 && events === 0 && stats.every((column) => column.points === 0))
          error(1, null, "no values: every data cell is empty or missing");
      }
      flushCsvText();
    },
    get dateValueLines() {
      return layout?.dateValueLines !== undefined && delimiter === ",";
    },
    get format() {
      return layout?.format ?? null;
    },
    get columns() {
      return layout?.columns ?? [];
    },
    get stats() {
      return stats;
    },
    get errors() {
      return errors;
    },
    get errorCount() {
      return errorCount;
    },
    get missing() {
      return missing;
    },
    get ignoredColumns() {
      return ignored;
    },
    get records() {
      return records + (scan?.records ?? 0);
    },
    get points() {
      let total = scan?.points ?? 0;
      for (const column of stats) total += column.points;
      return total;
    },
  };
}

/**
 * A value as `COPY` should read it: the cell as written when it is a plain decimal (PostgreSQL rounds
 * it to the same double), else the number formatted by JavaScript, so an underflow such as `1e-400`
 * reaches the database as 0, as we read it, rather than as an out-of-range error.
 */
export function copyNumber(value: number, text?: string): string {
  // Zero is written out: a long decimal such as 0.000…001 reads as 0 here but overflows there.
  if (value === 0) return Object.is(value, -0) ? "-0" : "0";
  return text !== undefined && text.indexOf("e") < 0 && text.indexOf("E") < 0
    ? text
    : String(value);
}

export interface ParseSeriesFileOptions {
  /** Restrict a tidy file's series to these columns. */
  columns?: readonly string[];
}

/**
 * Parse a whole file held in memory: detect its layout from the header, return every series column's
 * points (dates ISO) and any tariff events, or the errors (file, line, column, reason).
 * Columns that turn out to hold text are left out.
 */
export function parseSeriesFile(
  text: string,
  fileName: string,
  options: ParseSeriesFileOptions = {},
): ParseResult {
  const points: ParsedColumn["points"][] = [];
  const events: TariffEventInput[] = [];
  const parser = createSeriesParser({
    fileName,
    columns: options.columns,
    detectDuplicates: true,
    onPoint(column, date, value, line) {
      (points[column] ??= []).push({ date, value, line });
    },
    onEvent(event) {
      events.push(event);
    },
  });
  parser.write(text);
  parser.end();
  if (parser.errors.length > 0 || !parser.format) {
    const errors = [...parser.errors];
    return { ok: false, file: fileName, format: parser.format, error: errors[0], errors };
  }
  const columns = parser.columns
    .map((column, i) => ({ name: column.name, points: points[i] ?? [] }))
    .filter((column) => !parser.ignoredColumns.includes(column.name));
  return {
    ok: true,
    file: fileName,
    format: parser.format,
    columns,
    events,
    missing: parser.missing,
    ignoredColumns: [...parser.ignoredColumns],
  };
}

export type TidySeriesResult =
  | { ok: true; series: Record<string, { date: string; value: number }[]> }
  | { ok: false; errors: ParseError[] };

/**
 * Read a tidy CSV (`date` first, one numeric column per series) into points by column name, without a
 * database: e.g. `parseTidySeries(text, "fx_usd_cny_daily.csv").series.cny_per_usd`.
 * Any other layout is reported as an error, so a wrong file cannot pass silently.
 */
export function parseTidySeries(text: string, fileName: string): TidySeriesResult {
  const result = parseSeriesFile(text, fileName);
  if (!result.ok) return { ok: false, errors: result.errors };
  if (result.format !== "tidy-csv") {
    return {
      ok: false,
      errors: [
        {
          file: fileName,
          line: 1,
          column: null,
          reason: `expected a tidy CSV, found ${result.format}`,
        },
      ],
    };
  }
  const series: Record<string, { date: string; value: number }[]> = {};
  for (const column of result.columns) {
    series[column.name] = column.points.map((point) => ({ date: point.date, value: point.value }));
  }
  return { ok: true, series };
}
