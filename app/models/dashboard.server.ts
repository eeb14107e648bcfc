import type { Db } from "../../db/index";
import { queryRows } from "../../db/driver";
import { sql } from "drizzle-orm";
import { tariffEvents } from "../../db/schema";
import {
  buildChart,
  CHART_IDS,
  coverageSteps,
  eventLabel,
  SLUGS,
  type BuiltChart,
  type ChartId,
  type DashboardInput,
  type DashboardOptions,
  type EventInput,
  type FigureInput,
} from "~/lib/charts/dashboard";
import { oneYearBefore } from "~/lib/charts/transform";
import { daysBefore, type DateRange } from "~/lib/date-range";
import { FX_QUOTES } from "~/lib/fx";
import { summarise } from "~/lib/summary";
import { getArticleFigures } from "~/models/articles.server";
import { requireCatalogueEntry } from "~/lib/catalogue";
import {
  gapPeriods,
  listGaps,
  monthlyWithGaps,
  periodEnd,
  toFrequency,
} from "~/lib/charts/periods";
import { getObservationsInRange, getSeriesSpans, getValuesAsOf } from "~/models/series.server";

const STEP_SLUGS = [SLUGS.usTariff, SLUGS.chinaTariff];
const TRADE_SLUGS = [SLUGS.imports, SLUGS.exports, SLUGS.balance];
const SPAN_SLUGS = [...STEP_SLUGS, ...TRADE_SLUGS, FX_QUOTES.CNY.seriesSlug];

export interface Dashboard {
  range: DateRange;
  /** The range with open ends filled from the data. */
  resolved: { from: string; to: string };
  span: { first: string; last: string };
  summary: string[];
  charts: Record<ChartId, BuiltChart>;
}

async function loadInput(
  db: Db,
  range: DateRange,
  options: DashboardOptions,
  charts: readonly ChartId[],
): Promise<{ input: DashboardInput; span: { first: string; last: string } }> {
  // A year back plus the 31 days of gap the year-on-year transform tolerates (weekends, holidays).
  const lookback = (transform: string) =>
    range.from && transform !== "level" ? daysBefore(oneYearBefore(range.from), 31) : range.from;
  const needs = (id: ChartId) => charts.includes(id);
  const fxSlugs = options.currencies.map((c) => FX_QUOTES[c].seriesSlug);
  const [stepPoints, tradePoints, fxPoints, asOfStart, eventRows, figureRows, spans] =
    await Promise.all([
      getObservationsInRange(db, STEP_SLUGS, range),
      needs("trade")
        ? getObservationsInRange(db, TRADE_SLUGS, {
            from: lookback(options.tradeTransform),
            to: range.to,
          })
        : new Map(),
      needs("currency")
        ? getObservationsInRange(db, fxSlugs, {
            from: lookback(options.currencyTransform),
            to: range.to,
          })
        : new Map(),
      range.from ? getValuesAsOf(db, STEP_SLUGS, range.from) : Promise.resolve(new Map()),
      db.select().from(tariffEvents),
      getArticleFigures(db, { range }),
      getSeriesSpans(db, [...new Set([...SPAN_SLUGS, ...fxSlugs])]),
    ]);
  const span = dataSpan(spans);
  const points = new Map([...stepPoints, ...tradePoints, ...fxPoints]);
  const events: EventInput[] = eventRows.map((row) => ({
    date: row.date,
    actor: row.actor,
    source: row.source,
    list: row.list,
    action: row.action,
    rateBeforePct: row.rateBeforePct,
    rateAfterPct: row.rateAfterPct,
    tradeCoveredUsdBn: row.tradeCoveredUsdBn,
    note: row.note,
    description: row.description,
  }));
  const figures: FigureInput[] = figureRows.map((row) => ({
    articleId: row.articleId,
    articleTitle: row.articleTitle,
    articleKind: row.articleKind,
    outlet: row.outlet,
    publishedAt: row.publishedAt.toISOString(),
    ordinal: row.ordinal,
    kind: row.kind,
    text: row.text,
    sentence: row.sentence,
    value: row.value,
    currency: row.currency,
    valueUsd: row.valueUsd,
    rangeLow: row.rangeLow,
    rangeHigh: row.rangeHigh,
    rateFrom: row.rateFrom,
    tariffRelated: row.tariffRelated,
    direction: row.direction,
    impliedFxRate: row.impliedFxRate,
    officialFxRate: row.officialFxRate,
    flag: row.flag,
  }));
  const resolved = { from: range.from ?? span.first, to: range.to ?? span.last };
  return {
    input: { range, resolved, points, asOfStart, spans, events, figures, options },
    span,
  };
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

export async function getDataSpan(db: Db): Promise<{ first: string; last: string }> {
  return dataSpan(await getSeriesSpans(db, SPAN_SLUGS));
}

/** One chart's rows for a download. */
export async function getChart(
  db: Db,
  id: ChartId,
  range: DateRange,
  options: DashboardOptions,
): Promise<BuiltChart> {
  return buildChart(id, (await loadInput(db, range, options, [id])).input);
}

export async function getDashboard(
  db: Db,
  range: DateRange,
  options: DashboardOptions,
): Promise<Dashboard> {
  const { input, span } = await loadInput(db, range, options, CHART_IDS);
  const charts = Object.fromEntries(CHART_IDS.map((id) => [id, buildChart(id, input)])) as Record<
    ChartId,
    BuiltChart
  >;
  const resolved = input.resolved;
  const endAsOf = await getValuesAsOf(db, STEP_SLUGS, resolved.to);
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
  const steps = coverageSteps(input.events);
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
        ? { date: tradeBalance[0].date, value: tradeBalance[0].value / 1000 }
        : null,
      last: tradeBalance.at(-1)
        ? { date: tradeBalance.at(-1)!.date, value: tradeBalance.at(-1)!.value / 1000 }
        : null,
      totalUsdBn: tradeBalance.reduce((sum, p) => sum + p.value, 0) / 1000,
      months: tradeBalance.length,
      missing: balanceGaps.length > 0 ? listGaps(balanceGaps) : null,
      latest: latestOf(SLUGS.balance),
    },
    cny: {
      first: cny[0] ?? null,
      last: cny.at(-1) ?? null,
      latest: latestOf(FX_QUOTES.CNY.seriesSlug),
    },
    actions: input.events
      .filter((e) => e.source === "section301" && e.date >= resolved.from && e.date <= resolved.to)
      .sort((a, b) => (a.date < b.date ? -1 : 1))
      .map((e) => ({ date: e.date, label: eventLabel(e) })),
    articleFigureCount: input.figures.filter((f) => f.tariffRelated).length,
  });
  return { range, resolved, span, summary, charts };
}

/**
 * A token that changes whenever imported data or articles change. The dashboard is a pure
 * function of the data and the request, so results can be reused until the token moves.
 */
export async function getDataVersion(db: Db): Promise<string> {
  const [row = {}] = await queryRows<Record<string, unknown>>(
    db,
    // Figures change without a new article when articles are re-extracted: their highest id and
    // their count together change with any replacement, including one that only removes figures.
    sql`select (select coalesce(max(id), 0) from imports) as imports, (select coalesce(max(id), 0) from articles) as articles, (select count(*) from articles) as article_count,
        (select coalesce(max(id), 0) from figures) as figures, (select count(*) from figures) as figure_count`,
  );
  return `${row.imports}:${row.articles}:${row.article_count}:${row.figures}:${row.figure_count}`;
}

const CACHE_LIMIT = 32;
const cache = new Map<string, Promise<unknown>>();

/** Memoise a data-derived result per data version; least recently used entries go first. */
async function cached<T>(db: Db, key: string, compute: () => Promise<T>): Promise<T> {
  const fullKey = `${await getDataVersion(db)}|${key}`;
  const hit = cache.get(fullKey);
  if (hit) {
    cache.delete(fullKey);
    cache.set(fullKey, hit);
    return hit as Promise<T>;
  }
  const pending = compute();
  cache.set(fullKey, pending);
  pending.catch(() => cache.delete(fullKey));
  while (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  return pending;
}

export function getDashboardCached(
  db: Db,
  range: DateRange,
  options: DashboardOptions,
): Promise<Dashboard> {
  return cached(db, JSON.stringify(["dashboard", range, options]), () =>
    getDashboard(db, range, options),
  );
}

export function getChartCached(
  db: Db,
  id: ChartId,
  range: DateRange,
  options: DashboardOptions,
): Promise<BuiltChart> {
  return cached(db, JSON.stringify(["chart", id, range, options]), () =>
    getChart(db, id, range, options),
  );
}
