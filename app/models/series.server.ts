import { and, asc, eq, gte, inArray, lte, max, min, sql } from "drizzle-orm";
import type { Db } from "../../db/index";
import { observations, series } from "../../db/schema";
import type { DateRange } from "~/lib/date-range";
import { createFxTable, FX_CURRENCIES, FX_QUOTES, type FxPoint, type FxTable } from "~/lib/fx";

export interface SeriesPoint {
  date: string;
  value: number;
}

/** Observations of each series within the range, oldest first, keyed by slug. */
export async function getObservationsInRange(
  db: Db,
  slugs: readonly string[],
  range: DateRange,
): Promise<Map<string, SeriesPoint[]>> {
  const result = new Map<string, SeriesPoint[]>(slugs.map((slug) => [slug, []]));
  if (slugs.length === 0) return result;
  const conditions = [inArray(series.slug, [...slugs])];
  if (range.from) conditions.push(gte(observations.date, range.from));
  if (range.to) conditions.push(lte(observations.date, range.to));
  const rows = await db
    .select({ slug: series.slug, date: observations.date, value: observations.value })
    .from(observations)
    .innerJoin(series, eq(series.id, observations.seriesId))
    .where(and(...conditions))
    .orderBy(asc(series.slug), asc(observations.date));
  for (const row of rows) result.get(row.slug)?.push({ date: row.date, value: row.value });
  return result;
}

/**
 * The last observation on or before `date` for each series: step series (tariff averages) hold
 * their value from one action to the next, so a range starting between actions needs it.
 */
export async function getValuesAsOf(
  db: Db,
  slugs: readonly string[],
  date: string,
): Promise<Map<string, SeriesPoint>> {
  const result = new Map<string, SeriesPoint>();
  if (slugs.length === 0) return result;
  const rows = await db
    .selectDistinctOn([series.slug], {
      slug: series.slug,
      date: observations.date,
      value: observations.value,
    })
    .from(observations)
    .innerJoin(series, eq(series.id, observations.seriesId))
    .where(and(inArray(series.slug, [...slugs]), lte(observations.date, date)))
    .orderBy(series.slug, sql`${observations.date} desc`);
  for (const row of rows) result.set(row.slug, { date: row.date, value: row.value });
  return result;
}

/** First and last observation of each series (over all its data), keyed by slug. */
export async function getSeriesSpans(
  db: Db,
  slugs: readonly string[],
): Promise<Map<string, { first: string; last: string }>> {
  const result = new Map<string, { first: string; last: string }>();
  if (slugs.length === 0) return result;
  const rows = await db
    .select({ slug: series.slug, first: min(observations.date), last: max(observations.date) })
    .from(observations)
    .innerJoin(series, eq(series.id, observations.seriesId))
    .where(inArray(series.slug, [...slugs]))
    .groupBy(series.slug);
  for (const row of rows)
    if (row.first && row.last) result.set(row.slug, { first: row.first, last: row.last });
  return result;
}

/** First and last observation date over the given series (the "All" range). */
export async function getSpan(
  db: Db,
  slugs: readonly string[],
): Promise<{ first: string; last: string } | null> {
  const [row] = await db
    .select({ first: min(observations.date), last: max(observations.date) })
    .from(observations)
    .innerJoin(series, eq(series.id, observations.seriesId))
    .where(inArray(series.slug, [...slugs]));
  return row?.first && row.last ? { first: row.first, last: row.last } : null;
}

/** The exchange-rate lookup backed by the imported H.10 series. */
export async function getFxTable(db: Db): Promise<FxTable> {
  const slugs = FX_CURRENCIES.map((currency) => FX_QUOTES[currency].seriesSlug);
  const all = await getObservationsInRange(db, slugs, { from: null, to: null });
  const points: Partial<Record<(typeof FX_CURRENCIES)[number], FxPoint[]>> = {};
  for (const currency of FX_CURRENCIES)
    points[currency] = all.get(FX_QUOTES[currency].seriesSlug) ?? [];
  return createFxTable(points);
}
