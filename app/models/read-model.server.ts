import { sql } from "drizzle-orm";
import { queryRows } from "../../db/driver";
import type { Db } from "../../db/index";
import { observations, series, tariffEvents } from "../../db/schema";
import type { EventInput, FigureInput } from "~/lib/charts/dashboard";
import type { DatedValue } from "~/lib/charts/transform";
import type { DateRange } from "~/lib/date-range";
import { getArticleFigures } from "~/models/articles.server";

/**
 * Everything the dashboard and its downloads read, held in memory for one data version: each
 * series' observations oldest first, every tariff event, and every article figure in publication
 * order. It is immutable; a range is a binary-search slice. The database is read again only when
 * the data version moves, and each process (replica) keys its copy on that version, so a
 * replica never serves data older than the version it has just read.
 */
export interface ReadModel {
  version: string;
  /** Observations per series slug, oldest first. Shared between requests: never mutate. */
  series: ReadonlyMap<string, readonly DatedValue[]>;
  events: readonly EventInput[];
  /** Article figures ordered by publication time, article and ordinal. */
  figures: readonly FigureInput[];
  /** `figures[i].publishedAt` as a UTC day, for range slicing. */
  figureDays: readonly string[];
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
    // An edited file replaces its article in place (same id): its revision goes up by one.
    sql`select (select coalesce(max(id), 0) from imports) as imports, (select coalesce(max(id), 0) from articles) as articles, (select count(*) from articles) as article_count,
        (select coalesce(sum(revision), 0) from articles) as article_revisions,
        (select coalesce(max(id), 0) from figures) as figures, (select count(*) from figures) as figure_count`,
  );
  return `${row.imports}:${row.articles}:${row.article_count}:${row.article_revisions}:${row.figures}:${row.figure_count}`;
}

async function loadReadModel(db: Db, version: string): Promise<ReadModel> {
  const [seriesRows, eventRows, figureRows] = await Promise.all([
    // One row per series, its dates and values as two comma-joined texts in date order: tens of
    // thousands of single-row results cost a few times more to decode on either driver.
    // A double's text form is its shortest exact decimal, so Number() gives the stored value back.
    queryRows<{ slug: string; dates: string; values: string }>(
      db,
      sql`select ${series.slug} as slug,
            string_agg(to_char(${observations.date}, 'YYYY-MM-DD'), ',' order by ${observations.date}) as dates,
            string_agg(${observations.value}::text, ',' order by ${observations.date}) as values
          from ${observations} join ${series} on ${series.id} = ${observations.seriesId}
          group by ${series.slug}`,
    ),
    db.select().from(tariffEvents),
    getArticleFigures(db, { range: { from: null, to: null } }),
  ]);
  const bySlug = new Map<string, DatedValue[]>();
  for (const row of seriesRows) {
    const dates = row.dates.split(",");
    const values = row.values.split(",");
    bySlug.set(
      row.slug,
      dates.map((date, i) => ({ date, value: Number(values[i]) })),
    );
  }
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
    measure: row.measure,
    register:
      row.actionId && row.announcedOn && row.status && row.citation
        ? {
            actionId: row.actionId,
            announcedDate: row.announcedOn,
            endDate: row.endsOn,
            replaces: row.replaces,
            rateBeforeLowPct: row.rateBeforeLowPct,
            rateAfterLowPct: row.rateAfterLowPct,
            coversAllGoods: row.coversAllGoods ?? false,
            tradeBasis: row.tradeBasis,
            status: row.status,
            citation: row.citation,
            disagreement: row.disagreement,
          }
        : null,
  }));
  const figureInputs: FigureInput[] = figureRows.map(
    ({ id: _id, start: _start, end: _end, publishedAt, ...figure }) => ({
      ...figure,
      publishedAt: publishedAt.toISOString(),
    }),
  );
  return {
    version,
    series: bySlug,
    events,
    figures: figureInputs,
    figureDays: figureInputs.map((figure) => figure.publishedAt.slice(0, 10)),
  };
}

interface ModelState {
  current: ReadModel | null;
  /** The build under way, keyed by the version it was started for. */
  building: { version: string; model: Promise<ReadModel> } | null;
  versionQuery: Promise<string> | null;
}

// Per database handle, so tests (and scripts) holding several databases never share a model.
const states = new WeakMap<Db, ModelState>();

/**
 * The read model of the data as it is now: one cheap version query per call (concurrent
 * callers share one), and a full read only when the version differs from the model in memory.
 * `knownVersion` is a version the caller has just read itself (the server reads it for its
 * response cache, at most a second old): when the model in memory is of that version, it is
 * used without asking again, so a page is built from the data its cache entry is labelled with.
 */
export async function getReadModel(db: Db, knownVersion?: string): Promise<ReadModel> {
  let state = states.get(db);
  if (!state) states.set(db, (state = { current: null, building: null, versionQuery: null }));
  const owner = state;
  if (knownVersion !== undefined && owner.current?.version === knownVersion) return owner.current;
  owner.versionQuery ??= getDataVersion(db).finally(() => (owner.versionQuery = null));
  const version = await owner.versionQuery;
  if (owner.current?.version === version) return owner.current;
  if (owner.building?.version !== version) {
    const model = loadReadModel(db, version);
    const building = { version, model };
    owner.building = building;
    model.then(
      (built) => {
        if (owner.building === building) owner.building = null;
        // A slower build of an older version never replaces a newer model.
        if (!owner.current || owner.current.version !== version) owner.current = built;
      },
      () => {
        if (owner.building === building) owner.building = null;
      },
    );
  }
  return owner.building!.model;
}

/** Index of the first element whose key is >= `key` (keys ascending). */
function lowerBound<T>(items: readonly T[], key: string, keyOf: (item: T) => string): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (keyOf(items[middle]) < key) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Index just past the last element whose key is <= `key`. */
function upperBound<T>(items: readonly T[], key: string, keyOf: (item: T) => string): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (keyOf(items[middle]) <= key) low = middle + 1;
    else high = middle;
  }
  return low;
}

const dateOf = (point: DatedValue) => point.date;

/** Observations of each series within the range (open ends unbounded), oldest first. */
export function observationsInRange(
  model: ReadModel,
  slugs: readonly string[],
  range: DateRange,
): Map<string, DatedValue[]> {
  const result = new Map<string, DatedValue[]>();
  for (const slug of slugs) {
    const points = model.series.get(slug) ?? [];
    const start = range.from ? lowerBound(points, range.from, dateOf) : 0;
    const end = range.to ? upperBound(points, range.to, dateOf) : points.length;
    result.set(slug, points.slice(start, Math.max(start, end)));
  }
  return result;
}

/** The last observation on or before `date` of each series that has one. */
export function valuesAsOf(
  model: ReadModel,
  slugs: readonly string[],
  date: string,
): Map<string, DatedValue> {
  const result = new Map<string, DatedValue>();
  for (const slug of slugs) {
    const points = model.series.get(slug) ?? [];
    const end = upperBound(points, date, dateOf);
    if (end > 0) result.set(slug, points[end - 1]);
  }
  return result;
}

/** First and last observation date of each of the given series that has observations. */
export function seriesSpans(
  model: ReadModel,
  slugs: readonly string[],
): Map<string, { first: string; last: string }> {
  const result = new Map<string, { first: string; last: string }>();
  for (const slug of slugs) {
    const points = model.series.get(slug);
    if (points && points.length > 0)
      result.set(slug, { first: points[0].date, last: points[points.length - 1].date });
  }
  return result;
}

/** Article figures published (UTC day) within the range, in publication order. */
export function figuresInRange(model: ReadModel, range: DateRange): FigureInput[] {
  const start = range.from ? lowerBound(model.figureDays, range.from, (day) => day) : 0;
  const end = range.to
    ? upperBound(model.figureDays, range.to, (day) => day)
    : model.figureDays.length;
  return model.figures.slice(start, Math.max(start, end));
}
