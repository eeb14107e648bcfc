/**
 * The streaming series parser and the conveniences built on it.
 * `createSeriesParser` reads any recognised layout chunk by chunk and hands every point to a callback,
 * so an import holds one batch at a time; `parseSeriesFile` collects everything for small files and tests.
 */
import { createRecordReader, splitFields } from "./csv";
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
  end(): void;
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
      options.onPoint(column, date, value, line, text);
    },
    event(event: TariffEventInput) {
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

  const reader = createRecordReader((record, line) => {
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
  });

  return {
    write(chunk) {
      reader.write(chunk);
    },
    end() {
      const open = reader.end();
      if (open !== null) error(open, null, "unterminated quoted field");
      if (!headerSeen) error(1, null, "empty file: no header");
      layout?.end?.();
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
      return records;
    },
  };
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
