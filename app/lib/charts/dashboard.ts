/**
 * The four dashboard charts built from plain inputs (series points, tariff events, article
 * figures). Each chart yields the rows behind it and a drawable spec made from those rows.
 */
import { EVENT_FILES, requireCatalogueEntry } from "~/lib/catalogue";
import type { DateRange } from "~/lib/date-range";
import type { FxCurrency } from "~/lib/fx";
import { FX_QUOTES } from "~/lib/fx";
import { lttb } from "~/lib/charts/downsample";
import { articleFigureUrl, sortRows, type ArticleRef, type ChartRow } from "~/lib/charts/rows";
import type { ChartDatasetSpec, ChartEventSpec, ChartPoint, ChartSpec } from "~/lib/charts/spec";
import { formatChartValue } from "~/lib/charts/spec";
import {
  applyTransform,
  TRANSFORM_UNITS,
  type DatedValue,
  type Transform,
} from "~/lib/charts/transform";

export type ChartId = "tariffs" | "coverage" | "trade" | "currency";
export const CHART_IDS: readonly ChartId[] = ["tariffs", "coverage", "trade", "currency"];

export const SLUGS = {
  usTariff: "tariff-us-on-china",
  chinaTariff: "tariff-china-on-us",
  exports: "trade-exports-to-china",
  imports: "trade-imports-from-china",
  balance: "trade-balance",
} as const;

export interface EventInput {
  date: string;
  actor: string | null;
  source: string;
  list: string | null;
  action: string;
  rateBeforePct: number | null;
  rateAfterPct: number | null;
  tradeCoveredUsdBn: number | null;
  note: string | null;
  description: string;
}

export interface FigureInput {
  articleId: number;
  articleTitle: string;
  /** ISO 8601. */
  publishedAt: string;
  ordinal: number;
  kind: string;
  text: string;
  sentence: string;
  value: number;
  currency: string | null;
  valueUsd: number | null;
  rangeLow: number | null;
  rangeHigh: number | null;
  rateFrom: number | null;
  tariffRelated: boolean;
  direction: string | null;
  impliedFxRate: number | null;
  officialFxRate: number | null;
  flag: string | null;
}

export interface DashboardOptions {
  tradeTransform: Transform;
  tradeScale: "linear" | "logarithmic";
  currencyTransform: Transform;
  currencies: FxCurrency[];
}

export interface DashboardInput {
  range: DateRange;
  /** The range with open ends filled from the data span: every chart's x axis. */
  resolved: { from: string; to: string };
  /** Points per slug, oldest first; may start up to a year before the range for year-on-year. */
  points: Map<string, DatedValue[]>;
  /** Last value on or before the range start, for step series. */
  asOfStart: Map<string, DatedValue>;
  /** Every tariff event (coverage is cumulative from the first one). */
  events: EventInput[];
  /** Article figures published in the range. */
  figures: FigureInput[];
  options: DashboardOptions;
}

export interface BuiltChart {
  id: ChartId;
  title: string;
  unitLine: string;
  credit: string;
  rows: ChartRow[];
  spec: ChartSpec;
  /** Transforms this chart offers (empty: level only). */
  transforms: Transform[];
  transform: Transform;
}

const ARTICLE_SOURCE = "News articles (figures extracted by this project)";

const DIRECTION_STYLE: Record<string, { colorVar: string; label: string }> = {
  us_on_china: { colorVar: "--us", label: "US on China" },
  china_on_us: { colorVar: "--china", label: "China on US" },
  other: { colorVar: "--other", label: "Other / unclear" },
};

function directionKey(direction: string | null): keyof typeof DIRECTION_STYLE {
  return direction === "us_on_china" || direction === "china_on_us" ? direction : "other";
}

function inRange(date: string, range: DateRange): boolean {
  return (!range.from || date >= range.from) && (!range.to || date <= range.to);
}

function articleRef(figure: FigureInput): ArticleRef {
  return {
    id: figure.articleId,
    title: figure.articleTitle,
    publishedAt: figure.publishedAt,
    ordinal: figure.ordinal,
    text: figure.text,
    sentence: figure.sentence,
  };
}

function emptyRow(
  partial: Pick<ChartRow, "date" | "series" | "label" | "value" | "unit" | "source"> &
    Partial<ChartRow>,
): ChartRow {
  return {
    rangeLow: null,
    rangeHigh: null,
    rateFrom: null,
    article: null,
    seriesSlug: null,
    note: null,
    flag: null,
    ...partial,
  };
}

/** Step series: the value in force at the range start, then every change inside the range. */
function stepRows(slug: string, id: string, input: DashboardInput): ChartRow[] {
  const entry = requireCatalogueEntry(slug);
  const rows: ChartRow[] = [];
  const start = input.asOfStart.get(slug);
  const points = (input.points.get(slug) ?? []).filter((p) => inRange(p.date, input.range));
  if (start && input.range.from && (points.length === 0 || points[0].date > input.range.from)) {
    rows.push(
      emptyRow({
        date: input.range.from,
        series: id,
        label: entry.name,
        value: start.value,
        unit: entry.unit,
        source: entry.source,
        seriesSlug: slug,
        note: `in force since ${start.date}`,
      }),
    );
  }
  for (const point of points) {
    rows.push(
      emptyRow({
        date: point.date,
        series: id,
        label: entry.name,
        value: point.value,
        unit: entry.unit,
        source: entry.source,
        seriesSlug: slug,
      }),
    );
  }
  return rows;
}

function seriesRows(
  slug: string,
  id: string,
  input: DashboardInput,
  transform: Transform,
  scale = 1,
): ChartRow[] {
  const entry = requireCatalogueEntry(slug);
  const unit =
    transform === "level" ? scaledUnit(entry.unit, scale) : TRANSFORM_UNITS[transform](entry.unit);
  return applyTransform(input.points.get(slug) ?? [], transform, input.range.from)
    .filter((p) => inRange(p.date, input.range))
    .map((point) =>
      emptyRow({
        date: point.date,
        series: id,
        label: entry.name,
        value: transform === "level" ? roundTo(point.value * scale, 6) : roundTo(point.value, 4),
        unit,
        source: entry.source,
        seriesSlug: slug,
      }),
    );
}

function scaledUnit(unit: string, scale: number): string {
  return scale === 1 / 1000 && unit === "USD millions" ? "USD bn" : unit;
}

function roundTo(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

function figureDate(figure: FigureInput): string {
  return figure.publishedAt.slice(0, 10);
}

/** Points for a dataset from its rows; ranges become error bars and article rows link to their figure. */
function toPoints(rows: ChartRow[], format: ChartSpec["valueFormat"]): ChartPoint[] {
  return rows.map((row) => {
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
        `${row.article.title} (${row.article.publishedAt.slice(0, 10)})`,
      );
      point.href = articleFigureUrl(row.article);
    }
    if (row.note) note.push(row.note);
    if (row.flag) note.push(`⚠ ${row.flag}`);
    if (note.length > 0) point.note = note;
    return point;
  });
}

function truncate(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}

function datasetFromRows(
  rows: ChartRow[],
  id: string,
  style: ChartDatasetSpec["style"],
  colorVar: string,
  format: ChartSpec["valueFormat"],
  extra: Partial<ChartDatasetSpec> = {},
): ChartDatasetSpec {
  const own = rows.filter((row) => row.series === id);
  return {
    id,
    label: own[0]?.label ?? id,
    colorVar,
    style,
    unit: own[0]?.unit ?? "",
    source: own[0]?.source ?? "",
    data: toPoints(own, format),
    ...extra,
  };
}

/** Step lines hold their last value to the range end; the extra point is drawing only, not a row. */
function extendSteps(datasets: ChartDatasetSpec[], to: string): ChartDatasetSpec[] {
  return datasets.map((set) => {
    const last = set.data.at(-1);
    if (set.style !== "step" || !last || last.x >= to) return set;
    const since =
      last.note?.find((line) => line.startsWith("in force since")) ?? `in force since ${last.x}`;
    return { ...set, data: [...set.data, { x: to, y: last.y, note: [`value ${since}`] }] };
  });
}

function eventLines(events: EventInput[], range: DateRange): ChartEventSpec[] {
  return events
    .filter((event) => event.source === "section301" && inRange(event.date, range))
    .map((event) => ({
      date: event.date,
      label: eventLabel(event),
      description: event.description,
      colorVar: event.actor === "China" ? "--china" : "--us",
    }));
}

/** "US List 3: increase 10% → 25% on $200bn", from the event's own columns. */
export function eventLabel(event: EventInput): string {
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
  figures: FigureInput[],
  select: (figure: FigureInput) => boolean,
  toValue: (
    figure: FigureInput,
  ) => { value: number; low: number | null; high: number | null; from: number | null } | null,
  unit: string,
  prefix: string,
): ChartRow[] {
  const rows: ChartRow[] = [];
  for (const figure of figures) {
    if (!select(figure)) continue;
    const converted = toValue(figure);
    if (!converted) continue;
    const key = directionKey(figure.direction);
    rows.push(
      emptyRow({
        date: figureDate(figure),
        series: `${prefix}_${key}`,
        label: `Articles: ${DIRECTION_STYLE[key].label}`,
        value: converted.value,
        unit,
        source: ARTICLE_SOURCE,
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

function articleDatasets(
  rows: ChartRow[],
  prefix: string,
  format: ChartSpec["valueFormat"],
): ChartDatasetSpec[] {
  return (Object.keys(DIRECTION_STYLE) as (keyof typeof DIRECTION_STYLE)[])
    .filter((key) => rows.some((row) => row.series === `${prefix}_${key}`))
    .map((key) =>
      datasetFromRows(rows, `${prefix}_${key}`, "points", DIRECTION_STYLE[key].colorVar, format, {
        hollow: true,
      }),
    );
}

export function buildTariffChart(input: DashboardInput): BuiltChart {
  const official = [
    ...stepRows(SLUGS.usTariff, "us_on_china", input),
    ...stepRows(SLUGS.chinaTariff, "china_on_us", input),
  ];
  const articles = articlePointRows(
    input.figures,
    (f) => f.kind === "tariff_rate" && f.tariffRelated,
    (f) => ({ value: f.value, low: f.rangeLow, high: f.rangeHigh, from: f.rateFrom }),
    "percent",
    "articles",
  );
  const rows = sortRows([...official, ...articles]);
  const usEntry = requireCatalogueEntry(SLUGS.usTariff);
  return {
    id: "tariffs",
    title: "Average tariff rates",
    unitLine: "Trade-weighted average tariff, percent; points are tariff rates quoted in articles",
    credit: `Source: ${usEntry.source}; articles`,
    rows,
    transforms: [],
    transform: "level",
    spec: {
      id: "tariffs",
      yTitle: "percent",
      valueFormat: "percent",
      yScale: "linear",
      xMin: input.resolved.from,
      xMax: input.resolved.to,
      datasets: [
        ...extendSteps(
          [
            datasetFromRows(rows, "us_on_china", "step", "--us", "percent"),
            datasetFromRows(rows, "china_on_us", "step", "--china", "percent"),
          ],
          input.resolved.to,
        ),
        ...articleDatasets(rows, "articles", "percent"),
      ],
      events: [],
    },
  };
}

/** Cumulative value of goods under each side's Section 301 tariffs and retaliation. */
export function coverageSteps(
  events: EventInput[],
): { actor: "US" | "China"; date: string; totalUsdBn: number; event: EventInput }[] {
  const totals = { US: 0, China: 0 };
  const steps: { actor: "US" | "China"; date: string; totalUsdBn: number; event: EventInput }[] =
    [];
  const ordered = [...events]
    .filter((e) => e.source === "section301" && (e.actor === "US" || e.actor === "China"))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  for (const event of ordered) {
    // Only new impositions widen coverage; increases and cuts change the rate on goods already covered.
    if (event.action !== "impose" || event.tradeCoveredUsdBn === null) continue;
    const actor = event.actor as "US" | "China";
    totals[actor] += event.tradeCoveredUsdBn;
    steps.push({ actor, date: event.date, totalUsdBn: totals[actor], event });
  }
  return steps;
}

export function buildCoverageChart(input: DashboardInput): BuiltChart {
  const source =
    EVENT_FILES.find((entry) => entry.source === "section301")?.credit ?? "Section 301 actions";
  const rows: ChartRow[] = [];
  const steps = coverageSteps(input.events);
  for (const actor of ["US", "China"] as const) {
    const id = actor === "US" ? "us_on_china" : "china_on_us";
    const label =
      actor === "US"
        ? "US Section 301 tariffs on Chinese goods"
        : "China's retaliation on US goods";
    const own = steps.filter((s) => s.actor === actor);
    const before = [...own].reverse().find((s) => input.range.from && s.date < input.range.from);
    const startsOnStep = own.some((s) => s.date === input.range.from);
    if (before && input.range.from && !startsOnStep) {
      rows.push(
        emptyRow({
          date: input.range.from,
          series: id,
          label,
          value: before.totalUsdBn,
          unit: "USD bn (cumulative)",
          source,
          note: `in force since ${before.date}`,
        }),
      );
    }
    for (const step of own.filter((s) => inRange(s.date, input.range))) {
      rows.push(
        emptyRow({
          date: step.date,
          series: id,
          label,
          value: step.totalUsdBn,
          unit: "USD bn (cumulative)",
          source,
          note: step.event.description,
        }),
      );
    }
  }
  const articles = articlePointRows(
    input.figures,
    (f) => f.kind === "money" && f.tariffRelated && f.valueUsd !== null,
    (f) => ({
      value: roundTo(f.valueUsd! / 1e9, 6),
      low:
        f.rangeLow !== null && f.valueUsd !== null
          ? roundTo((f.rangeLow * (f.valueUsd / f.value)) / 1e9, 6)
          : null,
      high:
        f.rangeHigh !== null && f.valueUsd !== null
          ? roundTo((f.rangeHigh * (f.valueUsd / f.value)) / 1e9, 6)
          : null,
      from: null,
    }),
    "USD bn",
    "articles",
  );
  const all = sortRows([...rows, ...articles]);
  return {
    id: "coverage",
    title: "Value of goods under tariffs",
    unitLine:
      "USD bn of annual imports covered (cumulative, Section 301 and retaliation; actions whose source gives no amount, such as List 4A, add nothing); points are amounts quoted in articles, in USD",
    credit: `Source: ${source} Points: articles, converted to USD at the article date's H.10 rate.`,
    rows: all,
    transforms: [],
    transform: "level",
    spec: {
      id: "coverage",
      yTitle: "USD bn",
      valueFormat: "usd_bn",
      yScale: "linear",
      xMin: input.resolved.from,
      xMax: input.resolved.to,
      datasets: [
        ...extendSteps(
          [
            datasetFromRows(all, "us_on_china", "step", "--us", "usd_bn"),
            datasetFromRows(all, "china_on_us", "step", "--china", "usd_bn"),
          ],
          input.resolved.to,
        ),
        ...articleDatasets(all, "articles", "usd_bn"),
      ],
      events: [],
    },
  };
}

export function buildTradeChart(input: DashboardInput): BuiltChart {
  const transform = input.options.tradeTransform;
  const scale =
    transform === "level" && input.options.tradeScale === "logarithmic" ? "logarithmic" : "linear";
  // Year-on-year and index make no sense for a balance that changes sign, nor does a log axis.
  const showBalance = transform === "level" && scale === "linear";
  const rows = sortRows([
    ...seriesRows(SLUGS.imports, "imports", input, transform, 1 / 1000),
    ...seriesRows(SLUGS.exports, "exports", input, transform, 1 / 1000),
    ...(showBalance ? seriesRows(SLUGS.balance, "balance", input, transform, 1 / 1000) : []),
  ]);
  const format: ChartSpec["valueFormat"] =
    transform === "level" ? "usd_bn" : transform === "yoy" ? "percent" : "index";
  const entry = requireCatalogueEntry(SLUGS.imports);
  const datasets = [
    datasetFromRows(rows, "imports", "line", "--china", format),
    datasetFromRows(rows, "exports", "line", "--us", format),
  ];
  if (showBalance)
    datasets.push(datasetFromRows(rows, "balance", "line", "--balance", format, { dashed: true }));
  return {
    id: "trade",
    title: "US goods trade with China",
    unitLine:
      transform === "level"
        ? "USD bn per month, not seasonally adjusted; dashed lines mark tariff actions"
        : `${TRANSFORM_UNITS[transform]("")}; dashed lines mark tariff actions`,
    credit: `Source: ${entry.source}; tariff actions: USTR / PIIE`,
    rows,
    transforms: ["level", "yoy", "index"],
    transform,
    spec: {
      id: "trade",
      yTitle: transform === "level" ? "USD bn per month" : TRANSFORM_UNITS[transform](""),
      valueFormat: format,
      yScale: scale,
      xMin: input.resolved.from,
      xMax: input.resolved.to,
      datasets,
      events: eventLines(input.events, input.range),
    },
  };
}

const CURRENCY_COLORS: Record<FxCurrency, string> = {
  CNY: "--china",
  GBP: "--fx-gbp",
  EUR: "--fx-eur",
  JPY: "--fx-jpy",
};
/** Drawn points per daily series; downloads keep every row. */
export const MAX_DRAWN_POINTS = 1000;

/** Every currency is shown as units per US dollar, so the lines read the same way. */
function unitsPerUsd(currency: FxCurrency, quoted: number): number {
  return FX_QUOTES[currency].quote === "units_per_usd" ? quoted : 1 / quoted;
}

export function buildCurrencyChart(input: DashboardInput): BuiltChart {
  const transform = input.options.currencyTransform;
  const implied = input.figures.filter(
    (f) =>
      f.impliedFxRate !== null &&
      f.currency !== null &&
      f.currency in CURRENCY_COLORS &&
      f.currency !== "USD",
  );
  const shown = new Set<FxCurrency>(input.options.currencies);
  const rows: ChartRow[] = [];
  const official: string[] = [];
  for (const currency of ["CNY", "GBP", "EUR", "JPY"] as FxCurrency[]) {
    if (!shown.has(currency)) continue;
    const slug = FX_QUOTES[currency].seriesSlug;
    const entry = requireCatalogueEntry(slug);
    const history = (input.points.get(slug) ?? []).map((p) => ({
      date: p.date,
      value: unitsPerUsd(currency, p.value),
    }));
    const unit = transform === "level" ? `${currency} per USD` : TRANSFORM_UNITS[transform]("");
    for (const point of applyTransform(history, transform, input.range.from).filter((p) =>
      inRange(p.date, input.range),
    )) {
      rows.push(
        emptyRow({
          date: point.date,
          series: currency.toLowerCase(),
          label: `${currency} per US dollar`,
          value: roundTo(point.value, 6),
          unit,
          source: entry.source,
          seriesSlug: slug,
        }),
      );
    }
    official.push(currency);
  }
  if (transform === "level") {
    // Implied rates are only readable next to their currency's official line.
    for (const figure of implied.filter((f) => shown.has(f.currency as FxCurrency))) {
      const currency = figure.currency as FxCurrency;
      const impliedUnits = 1 / figure.impliedFxRate!;
      const officialUnits = figure.officialFxRate ? 1 / figure.officialFxRate : null;
      rows.push(
        emptyRow({
          date: figureDate(figure),
          series: `implied_${currency.toLowerCase()}`,
          label: `${currency} per USD implied by an article`,
          value: roundTo(impliedUnits, 6),
          unit: `${currency} per USD`,
          source: ARTICLE_SOURCE,
          article: articleRef(figure),
          note: officialUnits ? `official ${officialUnits.toPrecision(4)} that day` : null,
          flag: figure.flag,
        }),
      );
    }
  }
  const all = sortRows(rows);
  const format: ChartSpec["valueFormat"] =
    transform === "level" ? "fx" : transform === "yoy" ? "percent" : "index";
  const datasets: ChartDatasetSpec[] = [];
  for (const currency of official as FxCurrency[]) {
    const dataset = datasetFromRows(
      all,
      currency.toLowerCase(),
      "line",
      CURRENCY_COLORS[currency],
      format,
    );
    dataset.data = lttb(
      dataset.data,
      MAX_DRAWN_POINTS,
      (p) => Date.parse(p.x),
      (p) => p.y,
    );
    datasets.push(dataset);
    const impliedId = `implied_${currency.toLowerCase()}`;
    if (all.some((row) => row.series === impliedId)) {
      datasets.push(
        datasetFromRows(all, impliedId, "points", CURRENCY_COLORS[currency], format, {
          hollow: true,
        }),
      );
    }
  }
  const mixed = transform === "level" && official.includes("JPY") && official.length > 1;
  return {
    id: "currency",
    title: "The yuan and other currencies against the dollar",
    unitLine:
      transform === "level"
        ? "Units of each currency per US dollar, daily noon buying rates; points are rates implied by articles' parallel amounts"
        : TRANSFORM_UNITS[transform](""),
    credit: `Source: ${requireCatalogueEntry(FX_QUOTES.CNY.seriesSlug).source}; articles`,
    rows: all,
    transforms: ["level", "yoy", "index"],
    transform,
    spec: {
      id: "currency",
      yTitle: transform === "level" ? "per US dollar" : TRANSFORM_UNITS[transform](""),
      valueFormat: format,
      // Yen trade near 150 per dollar and pounds near 0.8: only a log axis shows both.
      yScale: mixed ? "logarithmic" : "linear",
      xMin: input.resolved.from,
      xMax: input.resolved.to,
      datasets,
      events: [],
    },
  };
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
