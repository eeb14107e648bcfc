/** Shapes shared by the upstream-file parsers, the import model and the CLIs. */

/** Every layout the parsers recognise, detected from the header line, never from the file name. */
export type SeriesFormat =
  | "tidy-csv"
  | "fred-csv"
  | "fred-csv-old"
  | "census-c5700-csv"
  | "census-country-extract"
  | "piie-timeline-sheet"
  | "piie-timeline-bown"
  | "section301-events"
  | "tariff-actions-register";

/** One problem in a file: where it is and why. `column` is the header cell, or null for the whole line/file. */
export interface ParseError {
  file: string;
  /** 1-based physical line where the record starts (the header is line 1). */
  line: number;
  column: string | null;
  reason: string;
}

export interface SeriesPoint {
  /** ISO `YYYY-MM-DD`; monthly and annual observations use the first day of the period. */
  date: string;
  value: number;
  line: number;
}

/** A value column as the file names it. */
export interface ColumnInfo {
  /** Series column name: the header cell, the FRED id, or a derived name ("imports" for IJAN..IDEC). */
  name: string;
  /** Header cell (or cells, for a derived column) that errors point at. */
  label: string;
}

/** Running facts about one column, gathered while parsing so nothing has to be held in memory. */
export interface ColumnStats {
  points: number;
  firstDate: string | null;
  lastDate: string | null;
  /** False once a date is not strictly after the previous one: duplicates are then possible. */
  strictlyIncreasing: boolean;
  allMonthStarts: boolean;
  allYearStarts: boolean;
}

export type TariffEventSource = "section301" | "piie" | "register";

/** The register's own fields (null for events from other files); see app/lib/tariff-actions.ts. */
export interface RegisterDetails {
  actionId: string;
  announcedDate: string;
  endDate: string | null;
  replaces: string | null;
  /** Low ends of ranged rates (`5-25`); the event's rate columns hold the high ends. */
  rateBeforeLowPct: number | null;
  rateAfterLowPct: number | null;
  coversAllGoods: boolean;
  tradeBasis: string | null;
  status: string;
  citation: string;
  disagreement: string | null;
}

/**
 * A tariff event as the charts, the summary, coverage and the /actions list read it: the
 * `tariff_events` columns. The one definition; the others narrow or omit its fields.
 */
export interface TariffEventFields {
  date: string;
  source: string;
  actor: string | null;
  /** Legal authority, for register events. */
  measure?: string | null;
  list: string | null;
  action: string;
  rateBeforePct: number | null;
  rateAfterPct: number | null;
  tradeCoveredUsdBn: number | null;
  note: string | null;
  description: string;
  /** The register's own fields (source "register"); absent for other sources. */
  register?: RegisterDetails | null;
}

/** A dated tariff action read from an event file, with its line, as stored in `tariff_events`. */
export interface TariffEventInput extends TariffEventFields {
  source: TariffEventSource;
  measure: string | null;
  register: RegisterDetails | null;
  line: number;
}

export interface ParsedColumn {
  name: string;
  points: SeriesPoint[];
}

export type ParseResult =
  | {
      ok: true;
      file: string;
      format: SeriesFormat;
      columns: ParsedColumn[];
      events: TariffEventInput[];
      /** Cells skipped as missing (`.`, empty, unpublished 0 placeholders). */
      missing: number;
      /** Header cells that are neither the date nor a series (text columns such as `exports_source`). */
      ignoredColumns: string[];
    }
  | {
      ok: false;
      file: string;
      format: SeriesFormat | null;
      /** The first error, for callers that report one. */
      error: ParseError;
      errors: ParseError[];
    };
