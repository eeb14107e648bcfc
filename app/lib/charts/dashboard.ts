/**
 * The four dashboard charts built from plain inputs (series points, tariff events, article
 * figures). Each chart yields the rows behind it and a drawable spec made from those rows.
 */
import {
  articleFigureSource,
  describeProvenance,
  type ArticleKind,
  type ArticleProvenance,
} from "~/lib/article-provenance";
import { describeSelection, inSelection, type SideAndAuthority } from "~/lib/action-list";
import { EVENT_FILES, requireCatalogueEntry } from "~/lib/catalogue";
import { daysBefore, formatDay, isoDayMs } from "~/lib/date-range";
import type { DateRange } from "~/lib/date-range";
import { FX_CURRENCIES, FX_QUOTES, marketQuote, type FxCurrency } from "~/lib/fx";
import { STATUTORY_AUTHORITIES, statutorySteps } from "~/lib/statutory-rates";
import { REGISTER_AS_OF } from "~/lib/tariff-actions";
import { lttb, lttbIndices } from "~/lib/charts/downsample";
import type { TariffEventFields } from "~/lib/import/types";
import {
  coverageAnnounced,
  coverageInForce,
  coverageShareSteps,
  type CoverageActor,
  type CoverageStep,
} from "~/lib/tariff-coverage";
import {
  REGISTER_SOURCE,
  coverageActions,
  drawnAsEvent,
  registerEventLabel,
} from "~/lib/tariff-events";
import { articleFigureUrl, sortRows, type ArticleRef, type ChartRow } from "~/lib/charts/rows";
import type { ChartDatasetSpec, ChartEventSpec, ChartPoint, ChartSpec } from "~/lib/charts/spec";
import { formatChartValue } from "~/lib/charts/spec";
import type { StoredFigureFields } from "~/lib/extract";
import {
  formatPeriod,
  gapPeriods,
  listGaps,
  monthlyWithGaps,
  periodEnd,
  toFrequency,
  type GapPeriod,
  type PeriodValue,
} from "~/lib/charts/periods";
import {
  commonIndexBase,
  transformUnit,
  transformValues,
  type DatedValue,
  type Transform,
  type TransformedValue,
  DAILY_YOY_TOLERANCE_DAYS,
} from "~/lib/charts/transform";

export type ChartId = "tariffs" | "coverage" | "trade" | "currency";
export const CHART_IDS: readonly ChartId[] = ["tariffs", "coverage", "trade", "currency"];

export const SLUGS = {
  usTariff: "tariff-us-on-china",
  chinaTariff: "tariff-china-on-us",
  exports: "trade-exports-to-china",
  imports: "trade-imports-from-china",
  balance: "trade-balance",
  annualImports: "trade-annual-imports-from-china",
  annualExports: "trade-annual-exports-to-china",
} as const;

/** A tariff event as the charts read it (event lines, coverage steps). */
export type EventInput = TariffEventFields;

/** An article figure as the charts read it: the stored figure plus its article's title, kind and date. */
export type FigureInput = Omit<StoredFigureFields, "start" | "end"> & {
  articleId: number;
  articleTitle: string;
  /** What the article is: a news report by `outlet`, or a project brief (null: not recorded). */
  articleKind: ArticleKind | null;
  outlet: string | null;
  /** ISO 8601. */
  publishedAt: string;
};

/** How several currencies share the currency chart: indexed to one base, or one small panel each. */
export type CurrencyView = "index" | "multiples";

/** The coverage chart's two views: USD bn, or a share of the previous year's imports. */
export type CoverageView = "usd_bn" | "share";

export interface DashboardOptions {
  tradeTransform: Transform;
  tradeScale: "linear" | "logarithmic";
  currencyTransform: Transform;
  currencies: FxCurrency[];
  currencyView: CurrencyView;
  /** The coverage chart in USD bn or as a share of the previous year's imports (`view_coverage`). */
  coverageView: CoverageView;
  /** Which tariff actions the tariff and trade charts draw as event lines (`actor`, `authority`). */
  events: SideAndAuthority;
}

export interface DashboardInput {
  range: DateRange;
  /** The range with open ends filled from the data span: every chart's x axis. */
  resolved: { from: string; to: string };
  /** Points per slug, oldest first; may start up to a year before the range for year-on-year. */
  points: Map<string, DatedValue[]>;
  /** Last value on or before the range start, for step series. */
  asOfStart: Map<string, DatedValue>;
  /**
   * First and last observation of each series over all its data (not just the range): a series
   * stops at its last observation, and a month missing inside its span is a gap.
   */
  spans: Map<string, { first: string; last: string }>;
  /** Every tariff event (coverage is cumulative from the first one). */
  events: EventInput[];
  /** Article figures published in the range. */
  figures: FigureInput[];
  options: DashboardOptions;
  /** Whole series and work shared by every range of one data version (the read model's). */
  whole?: WholeSeries;
}

/**
 * An official line's rows at level or year on year do not depend on the range (each value is
 * compared only with its own series), so they can be made once per data version for the whole
 * series and a range takes a slice: the same rows as building from the range's own points.
 */
export interface WholeSeries {
  /** Every observation of the series, oldest first. */
  points(slug: string): readonly DatedValue[];
  /** Every article figure, in date order (the input's `figures` are the range's run of them). */
  figures(): readonly FigureInput[];
  /** `compute()` once per data version and key; the result is shared, never to be mutated. */
  memo<T>(key: string, compute: () => T): T;
}

export interface BuiltChart {
  id: ChartId;
  title: string;
  unitLine: string;
  credit: string;
  /** Every row, sorted by date then series (sorted when first read: a drawn chart needs none). */
  rows: ChartRow[];
  /** How many rows there are, known without sorting them. */
  rowCount: number;
  spec: ChartSpec;
  /** Transforms this chart offers (empty: level only). */
  transforms: Transform[];
  transform: Transform;
}

/** Units the charts write (the catalogue's trade series are in USD millions, articles' amounts in USD). */
const PERCENT = "percent";
const USD_BN = "USD bn";
const USD_BN_CUMULATIVE = `${USD_BN} (cumulative)`;
const USD_PER_BN = 1e9;
export const MILLIONS_PER_BN = 1000;

/** Why a period has no value when the source files lack it (data/README.md names the months). */
export const MISSING_NOTE = "no data: not in the shipped source files";

const DIRECTION_STYLE: Record<string, { colorVar: string; label: string }> = {
  us_on_china: { colorVar: "--us", label: "quoted, US on China" },
  china_on_us: { colorVar: "--china", label: "quoted, China on US" },
  other: { colorVar: "--other", label: "quoted, neither side named" },
};

const DIRECTIONS = Object.keys(DIRECTION_STYLE);

function directionKey(direction: string | null): keyof typeof DIRECTION_STYLE {
  return direction === "us_on_china" || direction === "china_on_us" ? direction : "other";
}

function inRange(date: string, range: DateRange): boolean {
  return (!range.from || date >= range.from) && (!range.to || date <= range.to);
}

/** The marks article figures are drawn as: rates in force, threats, values of goods covered. */
export type ArticleMark = "rate" | "threat" | "goods_covered";

/**
 * How the dashboard draws an article figure, or null when it is only listed with its article:
 * previous levels show only as the "from" of a change, shares, pledges, trade totals and other
 * figures are never points, and a conversion ("(£159.2bn)") is named in its figure's tooltip.
 */
export function articleMark(f: FigureInput): ArticleMark | null {
  if (f.kind === "tariff_rate")
    return f.tariffRelated && (f.role === "rate" || f.role === "threat") ? f.role : null;
  return f.role === "goods_covered" && f.sameAsOrdinal === null && f.valueUsd !== null
    ? "goods_covered"
    : null;
}

/** How many of `figures` the charts draw, by mark. */
export function countArticleMarks(figures: readonly FigureInput[]): Record<ArticleMark, number> {
  const counts: Record<ArticleMark, number> = { rate: 0, threat: 0, goods_covered: 0 };
  for (const f of figures) {
    const mark = articleMark(f);
    if (mark) counts[mark]++;
  }
  return counts;
}

function provenanceOf(figure: FigureInput): ArticleProvenance {
  return { kind: figure.articleKind, outlet: figure.outlet };
}

function articleRef(figure: FigureInput): ArticleRef {
  return {
    id: figure.articleId,
    title: figure.articleTitle,
    source: describeProvenance(provenanceOf(figure)),
    publishedAt: figure.publishedAt,
    ordinal: figure.ordinal,
    text: figure.text,
    sentence: figure.sentence,
  };
}

type RowFields = Pick<ChartRow, "date" | "series" | "label" | "value" | "unit" | "source"> &
  Partial<ChartRow>;

/** A row with every field not given null; its keys always in one order (the JSON download's). */
function chartRow(fields: RowFields): ChartRow {
  return {
    rangeLow: fields.rangeLow ?? null,
    rangeHigh: fields.rangeHigh ?? null,
    rateFrom: fields.rateFrom ?? null,
    role: fields.role ?? null,
    article: fields.article ?? null,
    seriesSlug: fields.seriesSlug ?? null,
    note: fields.note ?? null,
    flag: fields.flag ?? null,
    date: fields.date,
    series: fields.series,
    label: fields.label,
    value: fields.value,
    unit: fields.unit,
    source: fields.source,
  };
}

/** What every row of one series shares. */
type SeriesFields = Omit<RowFields, "date" | "value">;

/**
 * A step series' rows: the value `held` in force at the range start (unless a step falls on the
 * start), then every step inside the range.
 */
function inForceRows(
  series: SeriesFields,
  held: { date: string; value: number | null; note?: string | null } | null,
  steps: readonly { date: string; value: number | null; note: string | null }[],
  from: string | null,
  since = "in force since",
): ChartRow[] {
  const rows = heldRows(series, held, steps[0]?.date, from, since);
  for (const step of steps)
    rows.push(chartRow({ ...series, date: step.date, value: step.value, note: step.note }));
  return rows;
}

/** The row of the value `held` in force at the range start, unless the first step is on it. */
function heldRows(
  series: SeriesFields,
  held: { date: string; value: number | null; note?: string | null } | null,
  firstStep: string | undefined,
  from: string | null,
  since = "in force since",
): ChartRow[] {
  if (!held || !from || firstStep === from) return [];
  return [
    chartRow({
      ...series,
      date: from,
      value: held.value,
      // A held gap keeps its reason.
      note: [`${since} ${held.date}`, held.value === null ? held.note : null]
        .filter(Boolean)
        .join("; "),
    }),
  ];
}

/**
 * An official step series: the value in force at the range start, then every change inside the
 * range. With the input's whole series the change rows are made once per data version and sliced.
 */
function stepRows(slug: string, id: string, input: DashboardInput): ChartRow[] {
  const entry = requireCatalogueEntry(slug);
  const start = input.asOfStart.get(slug);
  const span = spanOf(slug, input);
  // A value is only carried into a range the series still covers: past its last row nothing is known.
  const covered = span !== null && input.range.from !== null && input.range.from <= span.last;
  const round = (point: DatedValue) => ({
    date: point.date,
    value: roundTo(point.value, entry.decimals),
    note: null,
  });
  const series = {
    series: id,
    label: entry.name,
    unit: entry.unit,
    source: entry.source,
    seriesSlug: slug,
  };
  const held = start && covered ? round(start) : null;
  const whole = input.whole;
  if (!whole)
    return inForceRows(
      series,
      held,
      (input.points.get(slug) ?? []).filter((p) => inRange(p.date, input.range)).map(round),
      input.range.from,
    );
  // Step rows carry no "raised from" note, the one part of a point that depends on the format.
  const all = wholeRows(whole, `steps:${slug}:${id}`, "number", () =>
    inForceRows(series, null, whole.points(slug).map(round), null),
  );
  const inside = sliceByDate(all, input.range);
  const rows = heldRows(series, held, inside[0]?.date, input.range.from);
  for (const row of inside) rows.push(row);
  return rows;
}

/** A series' first and last observation: from the loader, or (for plain inputs) its points. */
function spanOf(slug: string, input: DashboardInput): { first: string; last: string } | null {
  const known = input.spans.get(slug);
  if (known) return known;
  const points = input.points.get(slug) ?? [];
  return points.length > 0 ? { first: points[0].date, last: points.at(-1)!.date } : null;
}

/** The series' last observation when the range runs past the period it covers, else null. */
function latestBefore(slug: string, input: DashboardInput): string | null {
  const span = spanOf(slug, input);
  if (!span) return null;
  const frequency = toFrequency(requireCatalogueEntry(slug).frequency);
  return periodEnd(span.last, frequency) < input.resolved.to ? span.last : null;
}

/**
 * A series' periods in the range: every month of its span for monthly data (null where the
 * source lacks the month), every observation for daily data (markets close on holidays).
 */
function periodValues(slug: string, input: DashboardInput): PeriodValue[] {
  return periodValuesOf(slug, input.points.get(slug) ?? [], input.range, spanOf(slug, input));
}

function periodValuesOf(
  slug: string,
  points: readonly DatedValue[],
  range: DateRange,
  span: { first: string; last: string } | null,
): PeriodValue[] {
  const frequency = toFrequency(requireCatalogueEntry(slug).frequency);
  const inside = points.filter((p) => inRange(p.date, range));
  return frequency === "monthly"
    ? monthlyWithGaps(inside, range, span)
    : inside.map((p) => ({ date: p.date, value: p.value }));
}

/**
 * `compute()` once per data version when the input has the read model's memo, else now: for work
 * that reads only what every range shares (all tariff events, whole series). The result is shared.
 */
function shared<T>(input: DashboardInput, key: string, compute: () => T): T {
  return input.whole ? input.whole.memo(key, compute) : compute();
}

/** Points of whole-series rows, made once with them: `toPoints` reuses them for every range. */
const wholeSeriesPoints = new WeakMap<ChartRow, ChartPoint>();

/**
 * A whole official line as made once per data version: its rows, and what drawing reads of them
 * as columns (each row's UTC midnight in ms and its value, null as 0, as LTTB reads them), so a
 * range's line is downsampled from a slice of the columns and only the points it keeps are read.
 */
interface WholeLine {
  rows: readonly ChartRow[];
  /** Each row's point (as `toPoints` gives it), by index: no lookup per drawn point. */
  points: readonly ChartPoint[];
  xs: Float64Array;
  ys: Float64Array;
}

const wholeLineOf = new WeakMap<ChartRow, WholeLine>();

function wholeLine(rows: readonly ChartRow[], points: readonly ChartPoint[]): WholeLine {
  const line: WholeLine = {
    rows,
    points,
    xs: Float64Array.from(rows, (row) => isoDayMs(row.date)),
    ys: Float64Array.from(rows, (row) => row.value ?? 0),
  };
  for (const row of rows) wholeLineOf.set(row, line);
  return line;
}

/** Where `rows` lie in the whole line they were sliced from, when they are one run of it. */
function sliceOfWholeLine(rows: readonly ChartRow[]): { line: WholeLine; start: number } | null {
  const line = rows.length > 0 ? wholeLineOf.get(rows[0]) : undefined;
  if (!line) return null;
  const date = rows[0].date;
  let start = 0;
  let high = line.rows.length;
  while (start < high) {
    const middle = (start + high) >>> 1;
    if (line.rows[middle].date < date) start = middle + 1;
    else high = middle;
  }
  if (start + rows.length > line.rows.length) return null;
  for (let i = 0; i < rows.length; i++) if (line.rows[start + i] !== rows[i]) return null;
  return { line, start };
}

/**
 * One official line's rows in the range at level or year on year, `make` turning the series'
 * periods (and its history, for year-on-year) into rows. With the input's whole series they are
 * made once per data version (`key` names what `make` depends on besides the series) and sliced
 * by date; without, made from the range's points. Both give the same rows.
 */
function officialLineRows(
  slug: string,
  key: string,
  input: DashboardInput,
  make: (periods: PeriodValue[], history: readonly DatedValue[]) => ChartRow[],
): ChartRow[] {
  const whole = input.whole;
  if (!whole) return make(periodValues(slug, input), input.points.get(slug) ?? []);
  const all = whole.memo(`line:${slug}:${key}`, () => {
    const history = whole.points(slug);
    const rows = make(
      periodValuesOf(slug, history, { from: null, to: null }, spanOf(slug, input)),
      history,
    );
    // Official rows carry no "raised from" note, the one part of a point that depends on the format.
    const points = rows.map((row) => toPoint(row, "number"));
    rows.forEach((row, i) => wholeSeriesPoints.set(row, points[i]));
    wholeLine(rows, points);
    return rows;
  });
  return sliceByDate(all, input.range);
}

/** The rows (sorted by date) whose date is within the range, by binary search. */
function sliceByDate(rows: readonly ChartRow[], range: DateRange): ChartRow[] {
  const firstAtOrAfter = (date: string, orEqual: boolean) => {
    let low = 0;
    let high = rows.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (rows[middle].date < date || (!orEqual && rows[middle].date === date)) low = middle + 1;
      else high = middle;
    }
    return low;
  };
  const start = range.from ? firstAtOrAfter(range.from, true) : 0;
  const end = range.to ? firstAtOrAfter(range.to, false) : rows.length;
  return rows.slice(start, Math.max(start, end));
}

/**
 * Article figures' rows in the range, `make` turning figures into rows of one chart (whose value
 * format is `format`). With the input's whole data they are made once per data version from every
 * figure (`key` names what `make` makes) and sliced by date; without, made from the range's
 * figures. Both give the same rows: a row is dated by its figure, and an article's figures, which
 * refer to one another, share its date.
 */
function articleRowsInRange(
  input: DashboardInput,
  key: string,
  format: ValueFormat,
  make: (figures: readonly FigureInput[]) => ChartRow[],
): ChartRow[] {
  const whole = input.whole;
  if (!whole) return make(input.figures);
  return sliceByDate(
    wholeRows(whole, `article-rows:${key}`, format, () => make(whole.figures())),
    input.range,
  );
}

/**
 * Rows made once per data version (`make` over the whole data), with each row's point made once
 * too (`format` is their chart's), so `toPoints` reuses them for every range's slice.
 */
function wholeRows(
  whole: WholeSeries,
  key: string,
  format: ValueFormat,
  make: () => ChartRow[],
): ChartRow[] {
  return whole.memo(key, () => withPoints(make(), format));
}

/** `rows`, each with its point made now for `toPoints` to reuse (rows shared across ranges). */
function withPoints(rows: ChartRow[], format: ValueFormat): ChartRow[] {
  for (const row of rows) wholeSeriesPoints.set(row, toPoint(row, format));
  return rows;
}

/** Rows of one official series from its (transformed) values; a missing value keeps its row. */
function lineRows(
  slug: string,
  id: string,
  values: readonly TransformedValue[],
  unit: string,
  convert: (value: number) => number,
): ChartRow[] {
  const entry = requireCatalogueEntry(slug);
  return values.map((v) =>
    chartRow({
      date: v.date,
      series: id,
      label: entry.name,
      value: v.value === null ? null : convert(v.value),
      unit,
      source: entry.source,
      seriesSlug: slug,
      note: v.value === null ? (v.note ?? MISSING_NOTE) : null,
    }),
  );
}

/** Derived values (year-on-year %, index) to two decimals: more would be noise. */
const roundDerived = (value: number) => roundTo(value, 2);

function roundTo(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

function figureDate(figure: FigureInput): string {
  return figure.publishedAt.slice(0, 10);
}

/** Points for a dataset from its rows; ranges become error bars and article rows link to their figure. */
function toPoints(rows: ChartRow[], format: ValueFormat): ChartPoint[] {
  return rows.map((row) => wholeSeriesPoints.get(row) ?? toPoint(row, format));
}

function toPoint(row: ChartRow, format: ValueFormat): ChartPoint {
  const point: ChartPoint = { x: row.date, y: row.value };
  if (row.rangeLow !== null && row.rangeHigh !== null) {
    point.yMin = row.rangeLow;
    point.yMax = row.rangeHigh;
  }
  const note: string[] = [];
  if (row.rateFrom !== null)
    note.push(`raised or cut from ${formatChartValue(row.rateFrom, format)}`);
  if (row.article) {
    note.push(
      `“${truncate(row.article.sentence, 160)}”`,
      `${row.article.title} (${row.article.source}, ${formatDay(row.article.publishedAt)})`,
    );
    point.href = articleFigureUrl(row.article);
  }
  if (row.note) note.push(row.note);
  if (row.flag) note.push(`⚠ ${row.flag}`);
  if (note.length > 0) point.note = note;
  return point;
}

function truncate(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}

type ValueFormat = ChartSpec["valueFormat"];

/**
 * One dataset of a chart, as data: the rows it draws (those whose `series` is its id) and how.
 * Every chart is a list of these handed to `assemble`.
 */
interface SeriesSpec {
  /** The rows' `series` and the dataset's id. */
  id: string;
  style: ChartDatasetSpec["style"];
  colorVar: string;
  /**
   * An official series: its catalogue name labels the dataset, its catalogue frequency reads its
   * periods, and its last observation ends it. Without one the rows name the dataset.
   */
  slug?: string;
  hollow?: boolean;
  marker?: ChartDatasetSpec["marker"];
  dashed?: boolean;
  /** Left out when no row belongs to it (article marks). */
  optional?: boolean;
  /** The last day a series without a slug is known (the line stops there); null or absent: no end. */
  endsOn?: string | null;
  /** The plan's own notes say where the series ends: no "latest" note of its own. */
  endNoted?: boolean;
  /** The dataset's name when no row in the range carries one (and no slug names it). */
  label?: string;
  /** A thin line with its own dash pattern (a second layer under the official lines). */
  thin?: boolean;
  dash?: number[];
  /** At most this many drawn points (LTTB); the rows keep every value. */
  maxPoints?: number;
  /**
   * Values the chart does not draw though the rows keep them: all of them (no gap bands or gap
   * notes then) or those a log axis cannot place (≤ 0). The note, after the series' name, says why.
   */
  undrawn?: { values: "all" | "non-positive"; note: string };
}

/** A chart as data: its words, its rows and the series drawn from them. */
interface ChartPlan {
  id: ChartId;
  title: string;
  unitLine: string;
  credit: string;
  transforms: Transform[];
  transform: Transform;
  rows: ChartRow[];
  series: SeriesSpec[];
  yTitle: string;
  valueFormat: ValueFormat;
  yScale?: ChartSpec["yScale"];
  layout?: ChartSpec["layout"];
  /** Tariff actions as event lines. */
  events?: boolean;
  /** Notes before the series' own (how values are compared). */
  leadNotes?: string[];
  /** Notes after the series' own (what a layer means). */
  trailNotes?: string[];
}

/**
 * Each series' rows in date order, as sorting all rows by date and series would leave them: the
 * plans' sources (sliced lines, article rows) are already in date order, so most need no sort.
 */
function rowsBySeries(rows: readonly ChartRow[]): Map<string, ChartRow[]> {
  const bySeries = new Map<string, ChartRow[]>();
  for (const row of rows) {
    const own = bySeries.get(row.series);
    if (own) own.push(row);
    else bySeries.set(row.series, [row]);
  }
  for (const own of bySeries.values())
    for (let i = 1; i < own.length; i++)
      if (own[i - 1].date > own[i].date) {
        // Stable, so rows of one date keep their order, as in the sort of all rows.
        own.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
        break;
      }
  return bySeries;
}

/** The one chart builder: each series spec made a dataset, notes from the datasets. */
function assemble(plan: ChartPlan, input: DashboardInput): BuiltChart {
  const bySeries = rowsBySeries(plan.rows);
  let sorted: ChartRow[] | null = null;
  const specs = plan.series.filter((spec) => !spec.optional || bySeries.has(spec.id));
  const datasets = specs.map((spec) =>
    drawSeries(spec, bySeries.get(spec.id) ?? [], plan.valueFormat, input),
  );
  const events = plan.events ? markedEvents(input) : [];
  const filterNote = plan.events ? eventFilterNote(input, events.length) : null;
  const notes = [
    ...(plan.leadNotes ?? []),
    ...datasetNotes(
      datasets.filter((_, i) => specs[i].undrawn?.values !== "all" && !specs[i].endNoted),
    ),
    ...specs.flatMap((spec, i) =>
      spec.undrawn ? [`${datasets[i].label}: ${spec.undrawn.note}`] : [],
    ),
    ...(plan.trailNotes ?? []),
    ...(filterNote ? [filterNote] : []),
  ];
  return {
    id: plan.id,
    title: plan.title,
    unitLine: plan.unitLine,
    credit: plan.credit,
    get rows() {
      return (sorted ??= sortRows(plan.rows));
    },
    rowCount: plan.rows.length,
    transforms: plan.transforms,
    transform: plan.transform,
    spec: {
      id: plan.id,
      yTitle: plan.yTitle,
      valueFormat: plan.valueFormat,
      yScale: plan.yScale ?? "linear",
      ...(plan.layout ? { layout: plan.layout } : {}),
      xMin: input.resolved.from,
      xMax: input.resolved.to,
      datasets,
      events,
      notes,
    },
  };
}

/** A series spec's dataset from its rows (those of the chart's rows that are its own). */
function drawSeries(
  spec: SeriesSpec,
  own: ChartRow[],
  format: ValueFormat,
  input: DashboardInput,
): ChartDatasetSpec {
  const entry = spec.slug ? requireCatalogueEntry(spec.slug) : null;
  const frequency = entry ? toFrequency(entry.frequency) : spec.style === "step" ? "step" : "daily";
  let data = drawnPoints(own, format, spec.maxPoints);
  if (spec.undrawn?.values === "non-positive")
    data = data.map((point) => ({ ...point, y: point.y !== null && point.y > 0 ? point.y : null }));
  const dataset: ChartDatasetSpec = {
    id: spec.id,
    label: entry?.name ?? own[0]?.label ?? spec.label ?? spec.id,
    colorVar: spec.colorVar,
    style: spec.style,
    unit: own[0]?.unit ?? "",
    source: own[0]?.source ?? "",
    frequency,
    gaps: spec.undrawn?.values === "all" ? [] : gapPeriods(own, frequency),
    latest: spec.slug
      ? latestBefore(spec.slug, input)
      : spec.endsOn && spec.endsOn < input.resolved.to
        ? spec.endsOn
        : null,
    data,
  };
  if (spec.hollow) dataset.hollow = true;
  if (spec.marker) dataset.marker = spec.marker;
  if (spec.dashed) dataset.dashed = true;
  if (spec.thin) dataset.thin = true;
  if (spec.dash) dataset.dash = spec.dash;
  return spec.style === "step" ? extendStep(dataset, input.resolved.to) : dataset;
}

/**
 * The points drawn for a dataset's rows, at most `maxPoints` (LTTB) when given. A run of a whole
 * official line is downsampled from the line's columns, reading only the points kept; the same
 * points as downsampling the rows' own points.
 */
function drawnPoints(
  rows: ChartRow[],
  format: ValueFormat,
  maxPoints: number | undefined,
): ChartPoint[] {
  if (maxPoints === undefined) return toPoints(rows, format);
  const slice = sliceOfWholeLine(rows);
  if (slice === null)
    return lttb(
      toPoints(rows, format),
      maxPoints,
      (p) => isoDayMs(p.x),
      (p) => p.y ?? 0,
    );
  const { line, start } = slice;
  return lttbIndices(line.xs, line.ys, start, rows.length, maxPoints).map(
    (index) => line.points[index],
  );
}

/** Visible notes naming each dataset's missing periods and where a series ends before the range does. */
function datasetNotes(datasets: readonly ChartDatasetSpec[]): string[] {
  const notes: string[] = [];
  for (const set of datasets) {
    const byReason = new Map<string, GapPeriod[]>();
    for (const gap of set.gaps)
      byReason.set(gap.reason, [...(byReason.get(gap.reason) ?? []), gap]);
    for (const [reason, gaps] of byReason)
      notes.push(
        `${set.label}: no value for ${listGaps(gaps)} (${reason.replace(/^no data: /, "")}).`,
      );
    if (set.latest) notes.push(`${set.label}: latest ${formatPeriod(set.latest, set.frequency)}.`);
  }
  return notes;
}

/**
 * A step line holds its last value to the range end, or to the series' last observation when the
 * range runs past it (nothing is known after that); the extra point is drawing only, not a row.
 */
function extendStep(set: ChartDatasetSpec, to: string): ChartDatasetSpec {
  const last = set.data.at(-1);
  const end = set.latest && set.latest < to ? set.latest : to;
  if (!last || last.x >= end) return set;
  const since =
    last.note?.find((line) => line.startsWith("in force")) ?? `in force since ${last.x}`;
  return { ...set, data: [...set.data, { x: end, y: last.y, note: [`value ${since}`] }] };
}

/** Short credit for event lines; the full credit is on /sources. */
const REGISTER_CREDIT =
  "project register (Federal Register, State Council Tariff Commission, PIIE)";

const markedEventsOf = new WeakMap<DashboardInput, ChartEventSpec[]>();

/**
 * The event lines of every chart that marks tariff actions: one list per input, so the charts of
 * one dashboard share it (the page sends and lists it once). Shared: never to be mutated.
 */
function markedEvents(input: DashboardInput): ChartEventSpec[] {
  let events = markedEventsOf.get(input);
  if (!events) {
    events = eventLines(input.events, input.resolved, input.options.events);
    markedEventsOf.set(input, events);
  }
  return events;
}

/** The register's actions in the range that the URL's side and authority filter keeps. */
function eventLines(
  events: EventInput[],
  range: DateRange,
  selection: SideAndAuthority,
): ChartEventSpec[] {
  return events
    .filter(
      (event) =>
        drawnAsEvent(event) &&
        inRange(event.date, range) &&
        inSelection(selection, event.actor, event.measure),
    )
    .map((event) => ({
      date: event.date,
      label: eventLabel(event),
      description: event.register?.citation
        ? `${event.description} (${event.register.citation})`
        : event.description,
      colorVar: event.actor === "China" ? "--china" : "--us",
      actor: event.actor,
      authority: event.measure ?? null,
    }));
}

/**
 * A visible note (also printed on the PNG) when the event lines are filtered, so a filtered chart
 * never passes for the whole register: "Tariff-action lines: China only, Retaliation (5 of 23 in
 * the range)."
 */
function eventFilterNote(input: DashboardInput, shown: number): string | null {
  const words = describeSelection(input.options.events);
  if (!words) return null;
  const all = eventLines(input.events, input.resolved, { actor: null, authority: null }).length;
  return `Tariff-action lines: ${words} (${shown} of ${all} in the range).`;
}
/** "US List 3: increase 10% → 25% on $200bn", from the event's own columns. */
export function eventLabel(event: EventInput): string {
  if (event.source === REGISTER_SOURCE) return registerEventLabel(event);
  const who = event.actor === "China" ? "China retaliation" : `US ${event.list ?? "Section 301"}`;
  const rate =
    event.rateBeforePct !== null && event.rateAfterPct !== null
      ? ` ${event.rateBeforePct}% → ${event.rateAfterPct}%`
      : event.rateAfterPct !== null
        ? ` ${event.rateAfterPct}%`
        : "";
  // The importer appends the HTS heading and source to the note; only the covered-trade part reads well.
  const coveredNote = event.note?.split("; ")[0];
  const covered =
    event.tradeCoveredUsdBn !== null
      ? ` on $${event.tradeCoveredUsdBn}bn`
      : coveredNote && !coveredNote.startsWith("HTS ") && !coveredNote.startsWith("per ")
        ? ` (${coveredNote})`
        : "";
  return `${who}: ${event.action}${rate}${covered}`;
}

function articlePointRows(
  figures: readonly FigureInput[],
  select: (figure: FigureInput) => boolean,
  toValue: (
    figure: FigureInput,
  ) => { value: number; low: number | null; high: number | null; from: number | null } | null,
  unit: string,
  prefix: string,
  labelPrefix = "Article figures",
  noteOf: (figure: FigureInput) => string | null = () => null,
): ChartRow[] {
  const rows: ChartRow[] = [];
  for (const figure of figures) {
    // a title restates its body: each fact is plotted once, from the body
    if (figure.inTitle || !select(figure)) continue;
    const converted = toValue(figure);
    if (!converted) continue;
    const key = directionKey(figure.direction);
    rows.push(
      chartRow({
        date: figureDate(figure),
        series: `${prefix}_${key}`,
        label: `${labelPrefix} ${DIRECTION_STYLE[key].label}`,
        role: figure.role,
        note: noteOf(figure),
        value: converted.value,
        unit,
        source: articleFigureSource(provenanceOf(figure)),
        rangeLow: converted.low,
        rangeHigh: converted.high,
        rateFrom: converted.from,
        article: articleRef(figure),
        flag: figure.flag,
      }),
    );
  }
  return rows;
}

/** The article marks of one kind, a dataset per side quoted (only the sides with a mark). */
function articleSeries(prefix: string, extra: Partial<SeriesSpec> = {}): SeriesSpec[] {
  return DIRECTIONS.map((key) => ({
    id: `${prefix}_${key}`,
    style: "points",
    colorVar: DIRECTION_STYLE[key].colorVar,
    hollow: true,
    optional: true,
    ...extra,
  }));
}

/** "also quoted as £159.2bn": the parallel conversions of each figure, keyed by article and ordinal. */
function conversionNotes(figures: readonly FigureInput[]): (figure: FigureInput) => string | null {
  const texts = new Map<string, string[]>();
  for (const f of figures) {
    if (f.sameAsOrdinal === null) continue;
    const key = `${f.articleId}:${f.sameAsOrdinal}`;
    texts.set(key, [...(texts.get(key) ?? []), f.text]);
  }
  return (f) => {
    const also = texts.get(`${f.articleId}:${f.ordinal}`);
    return also ? `also quoted as ${also.join(", ")}` : null;
  };
}

/** The two sides' official average tariffs, drawn as steps. */
const TARIFF_SERIES = [
  { slug: SLUGS.usTariff, id: "us_on_china" },
  { slug: SLUGS.chinaTariff, id: "china_on_us" },
] as const;

/** Each authority's statutory line has its own dash, so lines of one side's colour stay apart. */
const STATUTORY_DASH: Record<(typeof STATUTORY_AUTHORITIES)[number], number[]> = {
  "Section 301": [7, 3],
  "Section 232": [2, 2],
  IEEPA: [10, 3, 2, 3],
  Retaliation: [7, 3],
};

const STATUTORY_UNIT = "percent (statutory additional duty)";

/** `statutory_us_section_301`: the series id of one side's line for one authority. */
function statutoryId(actor: string, authority: string): string {
  return `statutory_${actor}_${authority}`.toLowerCase().replace(/[^a-z0-9]+/g, "_");
}

/**
 * The register's headline statutory rates as a second layer of the tariff chart: one step line per
 * side and authority, up to the register's date (nothing later is known), never joined across.
 */
function statutoryLayer(input: DashboardInput): { rows: ChartRow[]; series: SeriesSpec[] } {
  // Each side's and authority's line, whole: made once per data version with the read model.
  const lines = shared(input, "statutory-lines", () => {
    const source =
      EVENT_FILES.find((entry) => entry.source === REGISTER_SOURCE)?.credit ?? "Tariff actions";
    const steps = statutorySteps(input.events, REGISTER_AS_OF);
    return (["US", "China"] as const).flatMap((actor) =>
      STATUTORY_AUTHORITIES.flatMap((authority) => {
        const own = steps
          .filter((s) => s.actor === actor && s.authority === authority)
          .map((s) => ({ date: s.date, value: s.ratePct, note: s.basis }));
        if (own.length === 0) return [];
        const id = statutoryId(actor, authority);
        const fields = {
          series: id,
          label: `${actor} ${authority}, statutory rate (register)`,
          unit: STATUTORY_UNIT,
          source,
        };
        const rows = withPoints(inForceRows(fields, null, own, null), "percent");
        const series: SeriesSpec = {
          id,
          style: "step",
          colorVar: actor === "US" ? "--us" : "--china",
          optional: true,
          endsOn: REGISTER_AS_OF,
          endNoted: true,
          thin: true,
          dash: STATUTORY_DASH[authority],
        };
        return [{ own, fields, rows, series }];
      }),
    );
  });
  const rows: ChartRow[] = [];
  const from = input.range.from;
  for (const line of lines) {
    const before = from ? [...line.own].reverse().find((s) => s.date < from) : undefined;
    // Past the register's date nothing is carried into a range.
    const held = before && from && from <= REGISTER_AS_OF ? before : null;
    const inside = sliceByDate(line.rows, input.range);
    rows.push(...heldRows(line.fields, held, inside[0]?.date, from), ...inside);
  }
  return { rows, series: lines.map((line) => line.series) };
}

export function buildTariffChart(input: DashboardInput): BuiltChart {
  const statutory = statutoryLayer(input);
  // only rates in force (role `rate`) are points; threats get their own mark; previous levels
  // show only as the "from" of a change, shares and other percentages never
  const asRate = (f: FigureInput) => ({
    value: f.value,
    low: f.rangeLow,
    high: f.rangeHigh,
    from: f.rateFrom,
  });
  const rateOfRole = (role: ArticleMark) => (f: FigureInput) => articleMark(f) === role;
  return assemble(
    {
      id: "tariffs",
      title: "Average tariff rates",
      unitLine:
        "Solid: trade-weighted average tariff (PIIE), percent, the official lines; thin patterned steps: statutory rates from the tariff-action register, per side and authority (the duty on the authority's highest-rated list plus its duties on all goods); points are tariff rates quoted in articles; dashed vertical lines mark tariff actions",
      credit: `Source: ${requireCatalogueEntry(SLUGS.usTariff).source}; articles; tariff actions: ${REGISTER_CREDIT}`,
      transforms: [],
      transform: "level",
      rows: [
        ...TARIFF_SERIES.flatMap(({ slug, id }) => stepRows(slug, id, input)),
        ...articleRowsInRange(input, "tariffs:articles", "percent", (figures) =>
          articlePointRows(figures, rateOfRole("rate"), asRate, PERCENT, "articles"),
        ),
        ...articleRowsInRange(input, "tariffs:threats", "percent", (figures) =>
          articlePointRows(
            figures,
            rateOfRole("threat"),
            asRate,
            PERCENT,
            "threats",
            "Threatened or proposed in articles:",
          ),
        ),
        ...statutory.rows,
      ],
      series: [
        ...TARIFF_SERIES.map(({ slug, id }) => ({
          id,
          slug,
          style: "step" as const,
          colorVar: DIRECTION_STYLE[id].colorVar,
        })),
        ...statutory.series,
        ...articleSeries("articles"),
        ...articleSeries("threats", { marker: "triangle" }),
      ],
      yTitle: PERCENT,
      valueFormat: "percent",
      events: true,
      trailNotes:
        statutory.rows.length > 0
          ? [
              `Statutory lines: rates on paper, not what trade paid on average; lists of one authority that overlap can put a higher duty on some goods. They end on ${formatDay(REGISTER_AS_OF)}, the date of the register's statuses; Section 201 safeguards are left out (the register keeps only their first-year rates).`,
            ]
          : [],
    },
    input,
  );
}

/** Cumulative value of goods under each side's tariffs in force, from the register. */
export function coverageSteps(events: EventInput[]): CoverageStep[] {
  return coverageInForce(coverageActions(events));
}

/**
 * Each side's goods under tariffs in force (solid), and in force or announced but not yet
 * effective (dashed), drawn as steps.
 */
const COVERAGE_SERIES = [
  {
    actor: "US",
    id: "us_on_china",
    label: "US tariffs in force on Chinese goods",
    announced: "US tariffs in force or announced (dashed)",
    trade: "US imports from China",
  },
  {
    actor: "China",
    id: "china_on_us",
    label: "Chinese tariffs in force on US goods",
    announced: "Chinese tariffs in force or announced (dashed)",
    trade: "US exports to China",
  },
] as const;

/** US imports from China and US exports to China (China's imports from the US) of a year, USD bn. */
function annualTradeOf(input: DashboardInput) {
  const byYear = (slug: string) =>
    new Map(
      (input.points.get(slug) ?? []).map((p) => [
        Number(p.date.slice(0, 4)),
        p.value / MILLIONS_PER_BN,
      ]),
    );
  const imports = byYear(SLUGS.annualImports);
  const exports = byYear(SLUGS.annualExports);
  return (actor: CoverageActor, year: number) =>
    (actor === "US" ? imports : exports).get(year) ?? null;
}

const ANNOUNCED_NOTE =
  "Dashed: goods of actions announced but not yet in force are added from the announcement to the effective (or scheduled) date; elsewhere the dashed line runs under the solid one.";

/** The earlier of two ISO dates, either of which may be unknown. */
function earliest(a: string | null, b: string | undefined): string | null {
  if (!a) return b ?? null;
  return b && b < a ? b : a;
}

/** A step of a coverage line; `capped`: a share held at 100%. */
type CoveragePoint = { date: string; value: number | null; note: string | null; capped?: boolean };

export function buildCoverageChart(input: DashboardInput): BuiltChart {
  const source =
    EVENT_FILES.find((entry) => entry.source === REGISTER_SOURCE)?.credit ?? "Tariff actions";
  const share = input.options.coverageView === "share";
  const layers = shared(input, "coverage-layers", () => {
    const actions = coverageActions(input.events);
    return { inForce: coverageInForce(actions), announced: coverageAnnounced(actions) };
  });
  const tradeOf = annualTradeOf(input);
  const tradeSource = requireCatalogueEntry(SLUGS.annualImports).source;
  const from = input.range.from;
  // One line per side and layer, each with where it ends and whether a share in range was capped.
  const lines = COVERAGE_SERIES.flatMap((side) =>
    (["inForce", "announced"] as const).map((layer) => {
      const id = layer === "inForce" ? side.id : `${side.id}_announced`;
      const label = layer === "inForce" ? side.label : side.announced;
      const own: CoveragePoint[] = share
        ? coverageShareSteps(layers[layer], input.resolved.to, tradeOf)
            .filter((s) => s.actor === side.actor)
            .map((s) => {
              const basis =
                s.tradeUsdBn === null
                  ? `no annual trade figure for ${s.baseYear}`
                  : `$${s.coveredUsdBn}bn of $${roundTo(s.tradeUsdBn, 1)}bn (${s.baseYear} ${side.trade})`;
              const cap = s.capped
                ? "capped at 100%: the listed values exceed the year's trade (China's lists are its own valuations and overlap)"
                : null;
              return {
                date: s.date,
                value: s.sharePct,
                note: [...s.changes, basis, cap].filter(Boolean).join("; "),
                capped: s.capped,
              };
            })
        : layers[layer]
            .filter((s) => s.actor === side.actor)
            .map((s) => ({ date: s.date, value: s.totalUsdBn, note: s.changes.join("; ") }));
      // The share is known up to the last day whose base year has trade: the line stops there.
      const unknown = own.findIndex((s) => s.value === null);
      const shareEnds = unknown < 0 ? null : daysBefore(own[unknown].date, 1);
      const steps = unknown < 0 ? own : own.slice(0, unknown);
      // The register knows statuses as of its date: a line ends there (or at its last scheduled
      // step), and nothing is carried into a range that starts later.
      const knownTo = [REGISTER_AS_OF, ...steps.map((s) => s.date)].sort().at(-1)!;
      const before =
        from && from <= knownTo ? [...steps].reverse().find((s) => s.date < from) : undefined;
      const inRangeSteps = steps.filter((s) => inRange(s.date, input.range));
      const rows = inForceRows(
        {
          series: id,
          label,
          unit: share
            ? `percent of the previous year's ${side.trade}`
            : layer === "inForce"
              ? USD_BN_CUMULATIVE
              : `${USD_BN} (cumulative, in force or announced)`,
          source: share ? `${source}; ${tradeSource}` : source,
        },
        before ?? null,
        inRangeSteps,
        from,
        layer === "inForce" ? "in force since" : "in force or announced since",
      );
      return {
        id,
        label,
        colorVar: DIRECTION_STYLE[side.id].colorVar,
        dashed: layer === "announced",
        rows,
        knownTo,
        shareEnds,
        capped: own.some((s) => s.capped && inRange(s.date, input.range)),
      };
    }),
  );
  const official = lines.flatMap((line) => line.rows);
  // One end for every line's share: the last line's that runs out (on the shipped data the two
  // sides' base years run out together).
  const shareEnds = lines.filter((line) => line.shareEnds !== null).at(-1)?.shareEnds ?? null;
  // goods covered once per fact, as printed: a conversion ("(£159.2bn)") is named in the tooltip
  const inUsdBn = (amount: number) => roundTo(amount / USD_PER_BN, 6);
  // A value of goods is never a change of rate, so its point is the same in either view's format.
  const articles = articleRowsInRange(input, "coverage:articles", "usd_bn", (figures) =>
    articlePointRows(
      figures,
      (f) => articleMark(f) === "goods_covered",
      (f) => ({
        value: inUsdBn(f.valueUsd!),
        low:
          f.rangeLow !== null && f.valueUsd !== null
            ? inUsdBn(f.rangeLow * (f.valueUsd / f.value))
            : null,
        high:
          f.rangeHigh !== null && f.valueUsd !== null
            ? inUsdBn(f.rangeHigh * (f.valueUsd / f.value))
            : null,
        from: null,
      }),
      USD_BN,
      "articles",
      undefined,
      conversionNotes(figures),
    ),
  );
  const leadNotes = [ANNOUNCED_NOTE];
  if (input.resolved.to > REGISTER_AS_OF && !(shareEnds !== null && shareEnds < REGISTER_AS_OF))
    leadNotes.push(
      `The lines end on ${formatDay(REGISTER_AS_OF)}, the date of the register's statuses (a dashed line at its last scheduled step if later): nothing is claimed in force after it.`,
    );
  if (share) {
    leadNotes.push(
      "Each year's share is of the previous calendar year's trade (US Census Bureau): US tariffs over US imports from China, Chinese tariffs over US exports to China. PIIE's share-covered series weights by 2017 trade instead.",
    );
    if (lines.some((line) => line.capped))
      leadNotes.push(
        "China's share is capped at 100% where its lists' announced values add up to more than the previous year's US exports to China (the values are China's own and overlap).",
      );
  }
  return assemble(
    {
      id: "coverage",
      title: "Value of goods under tariffs",
      unitLine: share
        ? "Goods covered by each side's tariffs in force (solid) and in force or announced (dashed), as a percent of its imports from the other side in the previous calendar year; from the tariff-action register (effective dates) and US Census Bureau annual trade"
        : "USD bn of annual imports covered by tariffs in force (solid; cumulative by effective date, from the tariff-action register; an action whose sources give no trade value adds nothing) and in force or announced (dashed); points are amounts quoted in articles, in USD",
      credit: share
        ? `Source: ${source} Annual trade: ${tradeSource}.`
        : `Source: ${source} Points: articles, converted to USD at the article date's H.10 rate.`,
      transforms: [],
      transform: "level",
      // Dollar amounts quoted in articles are not shares: they belong to the USD view only.
      rows: share ? official : [...official, ...articles],
      series: [
        ...lines.map(({ id, label, colorVar, dashed, knownTo }) => ({
          id,
          label,
          style: "step" as const,
          colorVar,
          dashed,
          endsOn: earliest(shareEnds, knownTo),
          // Where the share's base year runs out first, the line's own "latest" note says so.
          endNoted: !(shareEnds !== null && shareEnds < knownTo),
        })),
        ...(share ? [] : articleSeries("articles")),
      ],
      yTitle: share ? "% of previous year's imports covered" : USD_BN,
      valueFormat: share ? "percent" : "usd_bn",
      leadNotes,
    },
    input,
  );
}

/** The monthly trade flows and their balance, drawn as lines. */
const TRADE_SERIES = [
  { slug: SLUGS.imports, id: "imports", colorVar: "--china" },
  { slug: SLUGS.exports, id: "exports", colorVar: "--us" },
  { slug: SLUGS.balance, id: "balance", colorVar: "--balance", dashed: true },
] as const;

const BALANCE_NOT_TRANSFORMED =
  "a balance is a difference of two flows and can change sign, so a % change or index of it misleads";

/** The value format of a transform's values: the level's own, a percentage or an index. */
function transformFormat(transform: Transform, level: ValueFormat): ValueFormat {
  return transform === "level" ? level : transform === "yoy" ? "percent" : "index";
}

export function buildTradeChart(input: DashboardInput): BuiltChart {
  const transform = input.options.tradeTransform;
  const scale =
    transform === "level" && input.options.tradeScale === "logarithmic" ? "logarithmic" : "linear";
  // Only an index depends on the range (its base month): level and year on year are sliced from
  // the whole series when the input has it.
  const values =
    transform === "index"
      ? new Map(TRADE_SERIES.map(({ slug }) => [slug, periodValues(slug, input)]))
      : null;
  // One base month for both flows, so the two index lines start from the same period.
  const base = values
    ? commonIndexBase([values.get(SLUGS.imports)!, values.get(SLUGS.exports)!])
    : null;
  const unit = transformUnit(transform, USD_BN, "monthly", base);
  const convert =
    transform === "level" ? (v: number) => roundTo(v / MILLIONS_PER_BN, 4) : roundDerived;
  const rows = TRADE_SERIES.flatMap(({ slug, id }) => {
    const make = (periods: PeriodValue[], history: readonly DatedValue[]) =>
      lineRows(
        slug,
        id,
        // A balance is a difference of two flows that can change sign: no percentage change or
        // index of it means anything, so its rows stay (downloads keep the same rows) with the
        // reason instead.
        slug === SLUGS.balance && transform !== "level"
          ? periods.map((p) => ({
              date: p.date,
              value: null,
              note: p.value === null ? MISSING_NOTE : BALANCE_NOT_TRANSFORMED,
            }))
          : transformValues(periods, history, transform, "monthly", base),
        unit,
        convert,
      );
    return values
      ? make(values.get(slug)!, input.points.get(slug) ?? [])
      : officialLineRows(slug, `trade:${id}:${transform}`, input, make);
  });
  const balanceDrawn: SeriesSpec["undrawn"] =
    transform !== "level"
      ? { values: "all", note: `not drawn as ${unit} (${BALANCE_NOT_TRANSFORMED}).` }
      : scale === "logarithmic"
        ? {
            // A log axis cannot place a negative or zero value; the rows and downloads keep them.
            values: "non-positive",
            note: "not drawn on the log axis (a deficit is negative); its values are in the table and downloads.",
          }
        : undefined;
  const comparison =
    transform === "yoy"
      ? "Each month is compared with the same month a year earlier."
      : transform === "index"
        ? base
          ? `Both flows are indexed to ${formatPeriod(base, "monthly")} = 100.`
          : "No month in the range has both flows, so no index can be drawn."
        : null;
  return assemble(
    {
      id: "trade",
      title: "US goods trade with China",
      unitLine:
        transform === "level"
          ? "USD bn per month, not seasonally adjusted; dashed lines mark tariff actions"
          : `${unit}; dashed lines mark tariff actions`,
      credit: `Source: ${requireCatalogueEntry(SLUGS.imports).source}; tariff actions: ${REGISTER_CREDIT}`,
      transforms: ["level", "yoy", "index"],
      transform,
      rows,
      series: TRADE_SERIES.map((series) => ({
        ...series,
        style: "line" as const,
        ...(series.slug === SLUGS.balance && balanceDrawn ? { undrawn: balanceDrawn } : {}),
      })),
      yTitle: transform === "level" ? "USD bn per month" : unit,
      valueFormat: transformFormat(transform, "usd_bn"),
      yScale: scale,
      events: true,
      leadNotes: comparison ? [comparison] : [],
    },
    input,
  );
}

/** Each currency's colour: the yuan in China's, every other currency its own `--fx-<code>`. */
function currencyColor(currency: FxCurrency): string {
  return currency === "CNY" ? "--china" : `--fx-${currency.toLowerCase()}`;
}
/** Drawn points per daily series; downloads keep every row. */
export const MAX_DRAWN_POINTS = 1000;

export function buildCurrencyChart(input: DashboardInput): BuiltChart {
  const shown = FX_CURRENCIES.filter((currency) => input.options.currencies.includes(currency));
  const several = shown.length > 1;
  // Currencies quoted near 0.8 and near 150 flatten each other on one axis: several at level are
  // either indexed to one common base or drawn as small multiples, as the URL says (fx_view).
  const multiples = several && input.options.currencyView === "multiples";
  const requested = input.options.currencyTransform;
  const transform: Transform = several && !multiples && requested === "level" ? "index" : requested;
  // Only an index depends on the range (its base day): level and year on year are sliced from
  // the whole series when the input has it.
  const values =
    transform === "index"
      ? new Map(shown.map((c) => [c, periodValues(FX_QUOTES[c].seriesSlug, input)]))
      : null;
  const base = values ? commonIndexBase([...values.values()]) : null;
  const rows: ChartRow[] = [];
  for (const currency of shown) {
    const slug = FX_QUOTES[currency].seriesSlug;
    const entry = requireCatalogueEntry(slug);
    const id = currency.toLowerCase();
    const make = (periods: PeriodValue[], history: readonly DatedValue[]) =>
      lineRows(
        slug,
        id,
        transformValues(periods, history, transform, "daily", base),
        transformUnit(transform, entry.unit, "daily", base),
        transform === "level" ? (v) => roundTo(v, entry.decimals) : roundDerived,
      );
    const own = values
      ? make(values.get(currency) ?? [], input.points.get(slug) ?? [])
      : officialLineRows(slug, `currency:${id}:${transform}`, input, make);
    for (const row of own) rows.push(row);
  }
  if (transform === "level") {
    // Implied rates are only readable next to their currency's official line, in its convention.
    for (const figure of input.figures) {
      const currency = figure.currency as FxCurrency;
      if (figure.impliedFxRate === null || !shown.includes(currency)) continue;
      const entry = requireCatalogueEntry(FX_QUOTES[currency].seriesSlug);
      const official = figure.officialFxRate
        ? marketQuote(currency, figure.officialFxRate).value
        : null;
      rows.push(
        chartRow({
          date: figureDate(figure),
          series: `implied_${currency.toLowerCase()}`,
          label: `${entry.unit} implied by an article`,
          value: roundTo(marketQuote(currency, figure.impliedFxRate).value, entry.decimals),
          unit: entry.unit,
          source: articleFigureSource(provenanceOf(figure)),
          article: articleRef(figure),
          note: official ? `official ${roundTo(official, entry.decimals)} that day` : null,
          flag: figure.flag,
        }),
      );
    }
  }
  const levelUnits = shown.map((c) => requireCatalogueEntry(FX_QUOTES[c].seriesSlug).unit);
  const yTitle =
    transform === "level"
      ? several
        ? "market quote (each panel names its unit)"
        : (levelUnits[0] ?? "rate")
      : transformUnit(transform, "", "daily", base);
  const comparison =
    transform === "yoy"
      ? `Each day is compared with the same day a year earlier, or the last rate up to ${DAILY_YOY_TOLERANCE_DAYS} days before it.`
      : transform === "index"
        ? base
          ? `Every currency is indexed to its rate on ${formatPeriod(base, "daily")} = 100; a rise means a stronger dollar for yuan and yen, a stronger pound or euro for those two.`
          : "The currencies share no day with a rate in this range, so no index can be drawn."
        : null;
  return assemble(
    {
      id: "currency",
      title: "The yuan and other currencies against the dollar",
      unitLine:
        transform === "level"
          ? `${levelUnits.join("; ")}: daily noon buying rates in New York, in market convention; points are rates implied by articles' parallel amounts`
          : yTitle,
      credit: `Source: ${requireCatalogueEntry(FX_QUOTES.CNY.seriesSlug).source}; articles`,
      transforms: ["level", "yoy", "index"],
      transform,
      rows,
      series: shown.flatMap((currency): SeriesSpec[] => {
        const id = currency.toLowerCase();
        const colorVar = currencyColor(currency);
        return [
          {
            id,
            slug: FX_QUOTES[currency].seriesSlug,
            style: "line",
            colorVar,
            maxPoints: MAX_DRAWN_POINTS,
          },
          { id: `implied_${id}`, style: "points", colorVar, hollow: true, optional: true },
        ];
      }),
      // The full comparison (same day, or the last rate up to 5 days before) is in the unit line
      // and the note; spelled out on the axis it ran past the plot's height and was cut off.
      yTitle: transform === "yoy" ? "% change on a year earlier" : yTitle,
      valueFormat: transformFormat(transform, "fx"),
      layout: multiples && transform === "level" ? "multiples" : "single",
      leadNotes: comparison ? [comparison] : [],
    },
    input,
  );
}

export function buildChart(id: ChartId, input: DashboardInput): BuiltChart {
  switch (id) {
    case "tariffs":
      return buildTariffChart(input);
    case "coverage":
      return buildCoverageChart(input);
    case "trade":
      return buildTradeChart(input);
    case "currency":
      return buildCurrencyChart(input);
  }
}
