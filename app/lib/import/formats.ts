/**
 * One entry per upstream layout: how to recognise its header and how to read one of its rows.
 * Each row handler reports points, events, missing cells and errors to a sink; none of them keeps rows.
 */
import { DATE_SPAN } from "../date-range";
import type { ColumnInfo, SeriesFormat, TariffEventInput } from "./types";
import {
  REGISTER_COLUMNS,
  parseRegisterRow,
  validateRegister,
  type TariffAction,
} from "../tariff-actions";
import {
  badDateReason,
  parseDayMonYear,
  parseIsoDate,
  parseLongDate,
  parseMonthYear,
  parseNumber,
  toIsoDate,
  yearInSpan,
} from "./values";

export interface LayoutSink {
  /** `text` is the cell as written when it is a plain decimal (it parses to exactly `value`). */
  point(column: number, date: string, value: number, line: number, text?: string): void;
  event(event: TariffEventInput): void;
  error(line: number, column: string | null, reason: string): void;
  missing(count?: number): void;
  /** A header cell that holds text, not a series (seen at its first non-empty value). */
  ignore(columnName: string): void;
}

export interface Layout {
  format: SeriesFormat;
  columns: ColumnInfo[];
  row(fields: string[], line: number): void;
  end?(): void;
  /** Set when every data line is `date,value` (one series): such lines can go to `COPY` as they are. */
  dateValueLines?: DateValueLines;
}

/** How a `date,value` layout reads a line the parser passes through without splitting it. */
export interface DateValueLines {
  /** `.` marks a missing value as well as an empty cell. */
  dotIsMissing: boolean;
  /** A passed-through line held a number: the column is a series (a tidy column decides on its first value). */
  sawValue(): void;
}

export interface LayoutOptions {
  /** Only these header columns are series (the catalogue's columns for a catalogued file). */
  columns?: readonly string[];
}

/** The header delimiter decides the file's delimiter: the Census page copy is the only `;` layout. */
export function headerDelimiter(record: string): string {
  return record.includes(";") && !record.includes(",") ? ";" : ",";
}

/** A cell as quoted in an error: a 10 MB cell must not make a 10 MB message. */
function quoteCell(cell: string): string {
  return cell.length > 40 ? `${cell.slice(0, 40)}…` : cell;
}

/** Pick the layout from the header cells; null when none matches. */
export function detectLayout(
  header: string[],
  sink: LayoutSink,
  options: LayoutOptions = {},
): Layout | null {
  const lower = header.map((cell) => cell.toLowerCase());
  if (header.length === 2 && (header[0] === "DATE" || header[0] === "observation_date")) {
    if (/^[A-Za-z0-9_]+$/.test(header[1])) {
      return fredLayout(header, header[0] === "DATE" ? "fred-csv-old" : "fred-csv", sink);
    }
  }
  if (lower[0] === "month" && sameCells(lower, ["month", "exports", "imports", "balance"])) {
    return censusPageLayout(header, sink);
  }
  if (
    lower[0] === "year" &&
    lower[1] === "cty_code" &&
    lower.includes("ijan") &&
    lower.includes("ejan")
  ) {
    return censusCountryLayout(lower, sink);
  }
  if (lower.includes("tariff action") && lower.includes("date")) {
    return piieSheetLayout(header, lower, sink);
  }
  if (
    lower.includes("effective_date") &&
    lower.includes("authority") &&
    lower.includes("citation")
  ) {
    return registerLayout(header, lower, sink);
  }
  if (lower[0] === "date" && lower.includes("actor") && lower.includes("action")) {
    return section301Layout(lower, sink);
  }
  if (lower[0] === "date") return tidyLayout(header, 0, "tidy-csv", sink, options);
  if (lower.includes("date") && lower.includes("tariff_action")) {
    return tidyLayout(header, lower.indexOf("date"), "piie-timeline-bown", sink, options);
  }
  return null;
}

function sameCells(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((cell, i) => cell === b[i]);
}

function checkWidth(fields: string[], width: number, line: number, sink: LayoutSink): boolean {
  if (fields.length === width) return true;
  sink.error(line, null, `expected ${width} fields, found ${fields.length}`);
  return false;
}

/** FRED download: `DATE,ID` (old, `.` = missing) or `observation_date,ID` (current, empty = missing). */
function fredLayout(header: string[], format: SeriesFormat, sink: LayoutSink): Layout {
  const id = header[1];
  const dateLabel = header[0];
  return {
    format,
    columns: [{ name: id, label: id }],
    dateValueLines: { dotIsMissing: true, sawValue() {} },
    row(fields, line) {
      if (!checkWidth(fields, 2, line, sink)) return;
      const date = parseIsoDate(fields[0].trim());
      if (!date) return sink.error(line, dateLabel, badDateReason(quoteCell(fields[0])));
      const cell = fields[1].trim();
      // NOTE: both markers are accepted in both layouts; FRED has used each at some point.
      if (cell === "" || cell === ".") return sink.missing();
      const value = parseNumber(cell);
      if (value === null)
        return sink.error(line, id, `non-numeric value "${quoteCell(fields[1])}"`);
      sink.point(0, date, value, line, cell);
    },
  };
}

/** Census "Trade in Goods with China" page copy: `Month;Exports;Imports;Balance`, `January 2001`, `1,187.5`. */
function censusPageLayout(header: string[], sink: LayoutSink): Layout {
  const names = header.slice(1);
  return {
    format: "census-c5700-csv",
    columns: names.map((name) => ({ name, label: name })),
    row(fields, line) {
      if (!checkWidth(fields, 4, line, sink)) return;
      const date = parseMonthYear(fields[0]);
      if (!date) return sink.error(line, header[0], badDateReason(quoteCell(fields[0])));
      for (let i = 0; i < names.length; i++) {
        const cell = fields[i + 1].trim();
        if (cell === "") {
          sink.missing();
          continue;
        }
        const value = parseNumber(cell, true);
        if (value === null) {
          sink.error(line, names[i], `non-numeric value "${quoteCell(fields[i + 1])}"`);
          continue;
        }
        sink.point(i, date, value, line);
      }
    },
  };
}

const MONTH_CODES = [
  "JAN",
  "FEB",
  "MAR",
  "APR",
  "MAY",
  "JUN",
  "JUL",
  "AUG",
  "SEP",
  "OCT",
  "NOV",
  "DEC",
];
const CHINA_CTY_CODE = "5700";

/**
 * Census `country.xlsx` extract: one row per (year, country), `IJAN..IDEC` imports and `EJAN..EDEC` exports.
 * Only China (5700) is read. Months not yet published are stored as 0: the trailing zeros of the
 * latest year are skipped. Trailing zeros of other years are real zeros, so each row's trailing run
 * is held back (at most 12 cells per column) until the end of the file shows which year is latest.
 */
function censusCountryLayout(lower: string[], sink: LayoutSink): Layout {
  const groups = [
    { name: "imports", prefix: "i" },
    { name: "exports", prefix: "e" },
  ].map((group) => ({
    ...group,
    indexes: MONTH_CODES.map((code) => lower.indexOf(`${group.prefix}${code.toLowerCase()}`)),
  }));
  const width = lower.length;
  let headerOk = true;
  for (const group of groups) {
    group.indexes.forEach((index, m) => {
      if (index >= 0) return;
      sink.error(1, `${group.prefix.toUpperCase()}${MONTH_CODES[m]}`, "column missing from header");
      headerOk = false;
    });
  }
  const held: { year: number; column: number; date: string; line: number }[] = [];
  let latestYear = -Infinity;
  return {
    format: "census-country-extract",
    columns: groups.map((group) => ({
      name: group.name,
      label: `${group.prefix.toUpperCase()}JAN..${group.prefix.toUpperCase()}DEC`,
    })),
    row(fields, line) {
      if (!headerOk || !checkWidth(fields, width, line, sink)) return;
      if (fields[1].trim() !== CHINA_CTY_CODE) return;
      const yearText = fields[0].trim();
      if (!/^\d{4}$/.test(yearText))
        return sink.error(line, "year", `unparseable year "${quoteCell(fields[0])}"`);
      const year = Number(yearText);
      if (!yearInSpan(year))
        return sink.error(
          line,
          "year",
          `year ${year} is outside the accepted span (${DATE_SPAN.firstYear}–${DATE_SPAN.lastYear})`,
        );
      latestYear = Math.max(latestYear, year);
      groups.forEach((group, column) => {
        const values: (number | null)[] = [];
        for (let m = 0; m < 12; m++) {
          const index = group.indexes[m];
          const label = `${group.prefix.toUpperCase()}${MONTH_CODES[m]}`;
          const cell = fields[index].trim();
          if (cell === "") {
            values.push(null);
            continue;
          }
          const value = parseNumber(cell);
          if (value === null) {
            sink.error(line, label, `non-numeric value "${quoteCell(fields[index])}"`);
            return;
          }
          values.push(value);
        }
        let trailing = 12;
        while (trailing > 0 && values[trailing - 1] === 0) trailing--;
        for (let m = 0; m < 12; m++) {
          const date = toIsoDate(year, m + 1, 1)!;
          const value = values[m];
          if (value === null) sink.missing();
          else if (m >= trailing) held.push({ year, column, date, line });
          else sink.point(column, date, value, line);
        }
      });
    },
    end() {
      for (const cell of held) {
        if (cell.year === latestYear) sink.missing();
        else sink.point(cell.column, cell.date, 0, cell.line);
      }
    },
  };
}

/** A PIIE action label becomes an event, except the baseline row whose label is just a date. */
function piieEvent(label: string, date: string, line: number): TariffEventInput | null {
  const action = label.trim();
  if (action === "" || parseLongDate(action)) return null;
  return {
    date,
    source: "piie",
    actor: null,
    measure: null,
    list: null,
    action,
    rateBeforePct: null,
    rateAfterPct: null,
    tradeCoveredUsdBn: null,
    note: null,
    description: action,
    register: null,
    line,
  };
}

/** PIIE timeline as a spreadsheet export: `Tariff action,Date,...`, dates like `1-Jan-18`. */
function piieSheetLayout(header: string[], lower: string[], sink: LayoutSink): Layout {
  const actionIndex = lower.indexOf("tariff action");
  const dateIndex = lower.indexOf("date");
  const valueIndexes = header.map((_, i) => i).filter((i) => i !== actionIndex && i !== dateIndex);
  return {
    format: "piie-timeline-sheet",
    columns: valueIndexes.map((i) => ({ name: header[i], label: header[i] })),
    row(fields, line) {
      if (!checkWidth(fields, header.length, line, sink)) return;
      const date = parseDayMonYear(fields[dateIndex]);
      if (!date)
        return sink.error(line, header[dateIndex], badDateReason(quoteCell(fields[dateIndex])));
      valueIndexes.forEach((index, column) => {
        const cell = fields[index].trim();
        if (cell === "") return sink.missing();
        const value = parseNumber(cell);
        if (value === null)
          return sink.error(line, header[index], `non-numeric value "${quoteCell(fields[index])}"`);
        sink.point(column, date, value, line);
      });
      const event = piieEvent(fields[actionIndex], date, line);
      if (event) sink.event(event);
    },
  };
}

/** Columns of a tidy file that are parts of the date, not series. */
const DATE_PART_COLUMNS = new Set(["year", "month", "day"]);
/** PIIE's label column: read as events, never as a series. */
const EVENT_LABEL_COLUMN = "tariff_action";

/**
 * Tidy CSV: an ISO `date` column and one column per series, empty = missing.
 * Without a column list, a column is a series when its first non-empty cell is a number; text columns
 * (`exports_source`) are ignored. A `tariff_action` column yields PIIE events.
 */
function tidyLayout(
  header: string[],
  dateIndex: number,
  format: SeriesFormat,
  sink: LayoutSink,
  options: LayoutOptions,
): Layout {
  const labelIndex = header.findIndex((cell) => cell.toLowerCase() === EVENT_LABEL_COLUMN);
  const wanted = options.columns ? new Set(options.columns) : null;
  const valueIndexes: number[] = [];
  header.forEach((cell, i) => {
    if (i === dateIndex || i === labelIndex) return;
    if (wanted ? wanted.has(cell) : !DATE_PART_COLUMNS.has(cell.toLowerCase()))
      valueIndexes.push(i);
    else sink.ignore(cell);
  });
  const missingColumns = wanted ? [...wanted].filter((name) => !header.includes(name)) : [];
  for (const name of missingColumns) sink.error(1, name, "column missing from header");
  // "series" once a number was seen (or forced by the column list), "text" once text was seen first.
  const kinds: ("pending" | "series" | "text")[] = valueIndexes.map(() =>
    wanted ? "series" : "pending",
  );
  const firstText: ({ line: number; cell: string } | undefined)[] = [];
  let sawValue = false;
  const dateValueLines: DateValueLines | undefined =
    header.length === 2 && dateIndex === 0 && valueIndexes.length === 1
      ? {
          dotIsMissing: false,
          sawValue() {
            if (kinds[0] === "pending") kinds[0] = "series";
            sawValue = true;
          },
        }
      : undefined;
  return {
    format,
    columns: valueIndexes.map((i) => ({ name: header[i], label: header[i] })),
    dateValueLines,
    end() {
      for (let column = 0; column < valueIndexes.length; column++)
        if (kinds[column] === "text") sink.ignore(header[valueIndexes[column]]);
      if (!sawValue && labelIndex < 0 && kinds.includes("text"))
        sink.error(1, null, "no numeric values in any column");
    },
    row(fields, line) {
      if (!checkWidth(fields, header.length, line, sink)) return;
      const date = parseIsoDate(fields[dateIndex].trim());
      if (!date)
        return sink.error(line, header[dateIndex], badDateReason(quoteCell(fields[dateIndex])));
      for (let column = 0; column < valueIndexes.length; column++) {
        const kind = kinds[column];
        const index = valueIndexes[column];
        const cell = fields[index].trim();
        if (kind === "text") {
          // A text column holds no number at all; a number after text means the text was a bad
          // value (N/A, NaN, 1e400, "6,8"), which must not silently drop the whole column.
          if (cell !== "" && parseNumber(cell) !== null) {
            const first = firstText[column]!;
            sink.error(first.line, header[index], `non-numeric value "${quoteCell(first.cell)}"`);
            kinds[column] = "series";
            sawValue = true;
          }
          continue;
        }
        if (cell === "") {
          sink.missing();
          continue;
        }
        const value = parseNumber(cell);
        if (value === null) {
          if (kind === "pending") {
            kinds[column] = "text";
            firstText[column] = { line, cell: fields[index] };
          } else {
            sink.error(line, header[index], `non-numeric value "${quoteCell(fields[index])}"`);
          }
          continue;
        }
        if (kind === "pending") kinds[column] = "series";
        sawValue = true;
        sink.point(column, date, value, line, cell);
      }
      if (labelIndex >= 0) {
        const event = piieEvent(fields[labelIndex], date, line);
        if (event) sink.event(event);
      }
    },
  };
}

/** Section 301 action table: one event per row, numbers taken from the quoted source text. */
function section301Layout(lower: string[], sink: LayoutSink): Layout {
  const at = (name: string) => lower.indexOf(name);
  const index = {
    date: at("date"),
    actor: at("actor"),
    measure: at("measure"),
    list: at("list"),
    action: at("action"),
    rateBefore: at("rate_before_pct"),
    rateAfter: at("rate_after_pct"),
    covered: at("trade_covered_usd_bn"),
    coveredNote: at("trade_covered_note"),
    heading: at("us_hts_heading"),
    source: at("source"),
    sourceText: at("source_text"),
  };
  const text = (fields: string[], i: number): string | null => {
    if (i < 0) return null;
    const cell = fields[i].trim();
    return cell === "" ? null : cell;
  };
  return {
    format: "section301-events",
    columns: [],
    row(fields, line) {
      if (!checkWidth(fields, lower.length, line, sink)) return;
      const date = parseIsoDate(fields[index.date].trim());
      if (!date) return sink.error(line, "date", badDateReason(quoteCell(fields[index.date])));
      const action = text(fields, index.action);
      if (!action) return sink.error(line, "action", "empty action");
      const numbers: (number | null)[] = [];
      let bad = false;
      for (const [name, i] of [
        ["rate_before_pct", index.rateBefore],
        ["rate_after_pct", index.rateAfter],
        ["trade_covered_usd_bn", index.covered],
      ] as const) {
        const cell = text(fields, i);
        const value = cell === null ? null : parseNumber(cell);
        if (cell !== null && value === null) {
          sink.error(line, name, `non-numeric value "${quoteCell(fields[i])}"`);
          bad = true;
        }
        numbers.push(value);
      }
      if (bad) return;
      const heading = text(fields, index.heading);
      const source = text(fields, index.source);
      const noteParts = [
        text(fields, index.coveredNote),
        heading ? `HTS ${heading}` : null,
        source ? `per ${source}` : null,
      ].filter((part): part is string => part !== null);
      sink.event({
        date,
        source: "section301",
        actor: text(fields, index.actor),
        measure: text(fields, index.measure),
        list: text(fields, index.list),
        action,
        rateBeforePct: numbers[0],
        rateAfterPct: numbers[1],
        tradeCoveredUsdBn: numbers[2],
        note: noteParts.length > 0 ? noteParts.join("; ") : null,
        description: text(fields, index.sourceText) ?? action,
        register: null,
        line,
      });
    },
  };
}

/** The event a register row becomes: dated on its effective date, rates as their high ends. */
export function registerEvent(action: TariffAction): TariffEventInput {
  return {
    date: action.effectiveDate,
    source: "register",
    actor: action.actor,
    measure: action.authority,
    list: action.instrument,
    action: action.action,
    rateBeforePct: action.rateBefore?.high ?? null,
    rateAfterPct: action.rateAfter?.high ?? null,
    tradeCoveredUsdBn: action.tradeCoveredUsdBn,
    note: action.note,
    description: action.note ?? action.instrument,
    register: {
      actionId: action.id,
      announcedDate: action.announcedDate,
      endDate: action.endDate,
      replaces: action.replaces,
      rateBeforeLowPct: action.rateBefore?.low ?? null,
      rateAfterLowPct: action.rateAfter?.low ?? null,
      coversAllGoods: action.coversAllGoods,
      tradeBasis: action.tradeBasis,
      status: action.status,
      citation: action.citation,
      disagreement: action.disagreement,
    },
    line: action.line,
  };
}

/**
 * The tariff-action register: every row is read and checked on its own, then the whole register
 * (ids, dates against each other, list periods) at the end; events are sent only for a clean file.
 */
function registerLayout(header: string[], lower: string[], sink: LayoutSink): Layout {
  const indexOf = new Map(REGISTER_COLUMNS.map((name) => [name, lower.indexOf(name)]));
  let headerOk = true;
  for (const [name, index] of indexOf) {
    if (index >= 0) continue;
    sink.error(1, name, "column missing from header");
    headerOk = false;
  }
  const actions: TariffAction[] = [];
  let rowErrors = 0;
  return {
    format: "tariff-actions-register",
    columns: [],
    row(fields, line) {
      if (!headerOk || !checkWidth(fields, header.length, line, sink)) {
        rowErrors++;
        return;
      }
      const { action, problems } = parseRegisterRow((column) => fields[indexOf.get(column)!], line);
      for (const problem of problems) sink.error(problem.line, problem.column, problem.reason);
      if (action) actions.push(action);
      else rowErrors++;
    },
    end() {
      if (!headerOk || rowErrors > 0) return;
      const problems = validateRegister(actions);
      for (const problem of problems) sink.error(problem.line, problem.column, problem.reason);
      if (problems.length > 0) return;
      for (const action of actions) sink.event(registerEvent(action));
    },
  };
}
