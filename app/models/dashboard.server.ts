import type { Db } from "../../db/index";
import {
  buildChart,
  CHART_IDS,
  countArticleMarks,
  coverageSteps,
  MILLIONS_PER_BN,
  SLUGS,
  type BuiltChart,
  type ChartId,
  type DashboardInput,
  type DashboardOptions,
  type WholeSeries,
} from "~/lib/charts/dashboard";
import { oneYearBefore } from "~/lib/charts/transform";
import { daysBefore, type DateRange } from "~/lib/date-range";
import { FX_QUOTES } from "~/lib/fx";
import { LruCache } from "~/lib/lru";
import { summarise, type Summary } from "~/lib/summary";
import { summaryActions } from "~/lib/tariff-events";
import { requireCatalogueEntry } from "~/lib/catalogue";
import {
  gapPeriods,
  listGaps,
  monthlyWithGaps,
  periodEnd,
  toFrequency,
} from "~/lib/charts/periods";
import {
  figuresInRange,
  getReadModel,
  observationsInRange,
  seriesSpans,
  valuesAsOf,
  type ReadModel,
} from "~/models/read-model.server";

export { getDataVersion } from "~/models/read-model.server";

const STEP_SLUGS = [SLUGS.usTariff, SLUGS.chinaTariff];
const TRADE_SLUGS = [SLUGS.imports, SLUGS.exports, SLUGS.balance];
const SPAN_SLUGS = [...STEP_SLUGS, ...TRADE_SLUGS, FX_QUOTES.CNY.seriesSlug];

export interface Dashboard {
  range: DateRange;
  /** The range with open ends filled from the data. */
  resolved: { from: string; to: string };
  span: { first: string; last: string };
  summary: Summary;
  charts: Record<ChartId, BuiltChart>;
}

/** The builders' input for a range, sliced from the in-memory read model (no database access). */
function inputFromModel(
  model: ReadModel,
  range: DateRange,
  options: DashboardOptions,
  charts: readonly ChartId[],
): { input: DashboardInput; span: { first: string; last: string } } {
  // A year back plus the 31 days of gap the year-on-year transform tolerates (weekends, holidays).
  const lookback = (transform: string) =>
    range.from && transform !== "level" ? daysBefore(oneYearBefore(range.from), 31) : range.from;
  const needs = (id: ChartId) => charts.includes(id);
  const fxSlugs = options.currencies.map((c) => FX_QUOTES[c].seriesSlug);
  const points = new Map([
    ...observationsInRange(model, STEP_SLUGS, range),
    ...(needs("trade")
      ? observationsInRange(model, TRADE_SLUGS, {
          from: lookback(options.tradeTransform),
          to: range.to,
        })
      : []),
    // Whole years of trade for the coverage chart's share view (each year divides by the one before).
    ...(needs("coverage") && options.coverageView === "share"
      ? observationsInRange(model, [SLUGS.annualImports, SLUGS.annualExports], {
          from: null,
          to: null,
        })
      : []),
    ...(needs("currency")
      ? observationsInRange(model, fxSlugs, {
          from: lookback(options.currencyTransform),
          to: range.to,
        })
      : []),
  ]);
  const asOfStart = range.from ? valuesAsOf(model, STEP_SLUGS, range.from) : new Map();
  const spans = seriesSpans(model, [...new Set([...SPAN_SLUGS, ...fxSlugs])]);
  const span = dataSpan(spans);
  const resolved = { from: range.from ?? span.first, to: range.to ?? span.last };
  return {
    input: {
      range,
      resolved,
      points,
      asOfStart,
      spans,
      events: [...model.events],
      figures: figuresInRange(model, range),
      options,
      whole: modelCache(model).whole,
    },
    span,
  };
}

/**
 * What is kept with each read model, and goes when it goes: a new data version (or another
 * database) has another model, so stale results are never found.
 * - `results`: dashboards and charts per range and options, least recently used first out,
 *   bounded by count and by size (estimated from their rows and points): a chart of every daily
 *   rate since 1971 is tens of megabytes, and distinct ranges must not pile such charts up.
 * - `whole`: the model's whole series and the work on them every range shares (an official
 *   line's rows at level and year on year, a few per series), unbounded.
 */
interface ModelCache {
  results: LruCache<string, unknown>;
  whole: WholeSeries;
}

const modelCaches = new WeakMap<ReadModel, ModelCache>();

function modelCache(model: ReadModel): ModelCache {
  let cache = modelCaches.get(model);
  if (!cache) {
    const shared = new Map<string, unknown>();
    cache = {
      results: new LruCache<string, unknown>({
        maxEntries: 32,
        // Estimated at about the size of the results' JSON text; the objects take a few times
        // that on the heap (issue 12's soak: RSS under load).
        maxSize: 16 * 1024 * 1024,
        sizeOf: approximateBytes,
      }),
      whole: {
        points: (slug) => model.series.get(slug) ?? [],
        figures: () => model.figures,
        memo<T>(key: string, compute: () => T): T {
          if (!shared.has(key)) shared.set(key, compute());
          return shared.get(key) as T;
        },
      },
    };
    modelCaches.set(model, cache);
  }
  return cache;
}

/**
 * The dashboard's span: the first observation to the end of the last period any series covers
 * (a monthly value dated 1 Dec 2025 covers the whole of December).
 */
function dataSpan(spans: Map<string, { first: string; last: string }>): {
  first: string;
  last: string;
} {
  let first: string | null = null;
  let last: string | null = null;
  for (const slug of SPAN_SLUGS) {
    const known = spans.get(slug);
    if (!known) continue;
    const end = periodEnd(known.last, toFrequency(requireCatalogueEntry(slug).frequency));
    if (first === null || known.first < first) first = known.first;
    if (last === null || end > last) last = end;
  }
  return first && last ? { first, last } : { first: "2018-01-01", last: "2018-01-01" };
}

export async function getDataSpan(
  db: Db,
  knownVersion?: string,
): Promise<{ first: string; last: string }> {
  return dataSpan(seriesSpans(await getReadModel(db, knownVersion), SPAN_SLUGS));
}

/** The builders' input for a range (tests build charts from it with and without `whole`). */
export async function getDashboardInput(
  db: Db,
  range: DateRange,
  options: DashboardOptions,
): Promise<DashboardInput> {
  return inputFromModel(await getReadModel(db), range, options, CHART_IDS).input;
}

/** One chart's rows for a download. */
export async function getChart(
  db: Db,
  id: ChartId,
  range: DateRange,
  options: DashboardOptions,
): Promise<BuiltChart> {
  return buildChart(id, inputFromModel(await getReadModel(db), range, options, [id]).input);
}

export async function getDashboard(
  db: Db,
  range: DateRange,
  options: DashboardOptions,
): Promise<Dashboard> {
  return dashboardFromModel(await getReadModel(db), range, options);
}

function dashboardFromModel(
  model: ReadModel,
  range: DateRange,
  options: DashboardOptions,
): Dashboard {
  const { input, span } = inputFromModel(model, range, options, CHART_IDS);
  const charts = Object.fromEntries(CHART_IDS.map((id) => [id, buildChart(id, input)])) as Record<
    ChartId,
    BuiltChart
  >;
  const resolved = input.resolved;
  const endAsOf = valuesAsOf(model, STEP_SLUGS, resolved.to);
  const startAsOf = input.asOfStart;
  /** The series' last observation when the range runs past the period it covers. */
  const latestOf = (slug: string) => {
    const known = input.spans.get(slug);
    if (!known) return null;
    const end = periodEnd(known.last, toFrequency(requireCatalogueEntry(slug).frequency));
    return end < resolved.to ? known.last : null;
  };
  const tariffMove = (slug: string) => {
    const latest = latestOf(slug);
    // Past its last row nothing is known about a step series: no value is carried there.
    const past = latest !== null && latest < resolved.from;
    const start = past
      ? null
      : (startAsOf.get(slug) ??
        input.points.get(slug)?.find((p) => p.date >= resolved.from) ??
        null);
    return {
      start: start?.value ?? null,
      startDate: start?.date ?? null,
      end: past ? null : (endAsOf.get(slug)?.value ?? null),
      latest,
    };
  };
  const steps = modelCache(model).whole.memo("coverage-steps", () => coverageSteps(input.events));
  const coverageAt = (actor: "US" | "China", date: string | null) =>
    date === null
      ? 0
      : ([...steps].reverse().find((s) => s.actor === actor && s.date <= date)?.totalUsdBn ?? 0);
  const balanceMonths = monthlyWithGaps(
    (input.points.get(SLUGS.balance) ?? []).filter(
      (p) => p.date >= resolved.from && p.date <= resolved.to,
    ),
    resolved,
    input.spans.get(SLUGS.balance) ?? null,
  );
  const balanceGaps = gapPeriods(balanceMonths, "monthly");
  const tradeBalance = balanceMonths.filter(
    (p): p is { date: string; value: number } => p.value !== null,
  );
  const cny = (input.points.get(FX_QUOTES.CNY.seriesSlug) ?? []).filter(
    (p) => p.date >= resolved.from && p.date <= resolved.to,
  );
  const summary = summarise({
    from: resolved.from,
    to: resolved.to,
    usTariff: tariffMove(SLUGS.usTariff),
    chinaTariff: tariffMove(SLUGS.chinaTariff),
    coverage: {
      usStart: coverageAt("US", range.from ? daysBefore(range.from, 1) : null),
      usEnd: coverageAt("US", resolved.to),
      chinaStart: coverageAt("China", range.from ? daysBefore(range.from, 1) : null),
      chinaEnd: coverageAt("China", resolved.to),
    },
    balance: {
      first: tradeBalance[0]
        ? { date: tradeBalance[0].date, value: tradeBalance[0].value / MILLIONS_PER_BN }
        : null,
      last: tradeBalance.at(-1)
        ? { date: tradeBalance.at(-1)!.date, value: tradeBalance.at(-1)!.value / MILLIONS_PER_BN }
        : null,
      totalUsdBn: tradeBalance.reduce((sum, p) => sum + p.value, 0) / MILLIONS_PER_BN,
      months: tradeBalance.length,
      missing: balanceGaps.length > 0 ? listGaps(balanceGaps) : null,
      latest: latestOf(SLUGS.balance),
    },
    cny: {
      first: cny[0] ?? null,
      last: cny.at(-1) ?? null,
      latest: latestOf(FX_QUOTES.CNY.seriesSlug),
    },
    actions: summaryActions(input.events, resolved.from, resolved.to),
    articleMarks: countArticleMarks(input.figures),
  });
  return { range, resolved, span, summary, charts };
}

/** About the size of a chart's JSON text (a little more): its table rows and drawn points dominate. */
function chartBytes(chart: BuiltChart): number {
  let points = 0;
  for (const set of chart.spec.datasets) points += set.data.length;
  return 4096 + chart.rowCount * 240 + points * 120;
}

/**
 * Size of a memoised result for the byte bound. Counting rows and points costs microseconds,
 * where serialising a whole dashboard to measure it cost milliseconds on every miss.
 */
function approximateBytes(value: unknown): number {
  const result = value as Partial<Dashboard> & Partial<BuiltChart>;
  if (result.charts) {
    let total = 16_384;
    for (const chart of Object.values(result.charts)) total += chartBytes(chart);
    return total;
  }
  return result.rowCount !== undefined && result.spec ? chartBytes(result as BuiltChart) : 4096;
}

/** Memoise a data-derived result per read model (see ModelCache). */
async function cached<T>(
  db: Db,
  key: string,
  compute: (model: ReadModel) => T,
  knownVersion?: string,
): Promise<T> {
  const model = await getReadModel(db, knownVersion);
  const { results } = modelCache(model);
  const hit = results.get(key);
  if (hit !== undefined) return hit as T;
  const result = compute(model);
  results.set(key, result);
  return result;
}

/** `knownVersion`: the data version the server has just read, if any (see getReadModel). */
export function getDashboardCached(
  db: Db,
  range: DateRange,
  options: DashboardOptions,
  knownVersion?: string,
): Promise<Dashboard> {
  return cached(
    db,
    JSON.stringify(["dashboard", range, options]),
    (model) => dashboardFromModel(model, range, options),
    knownVersion,
  );
}

export function getChartCached(
  db: Db,
  id: ChartId,
  range: DateRange,
  options: DashboardOptions,
  knownVersion?: string,
): Promise<BuiltChart> {
  return cached(
    db,
    JSON.stringify(["chart", id, range, options]),
    (model) => buildChart(id, inputFromModel(model, range, options, [id]).input),
    knownVersion,
  );
}
