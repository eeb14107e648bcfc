/** Where every stored series and event comes from: source, credit, span, last import. */
import { count, eq, max, min } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Db } from "../../db/index";
import { imports, observations, series, tariffEvents } from "../../db/schema";
import { CATALOGUE, EVENT_FILES, catalogueEntry, type CatalogueEntry } from "~/lib/catalogue";
import { getReadModel, type ReadModel } from "~/models/read-model.server";

export interface LastImport {
  /** ISO timestamp. */
  importedAt: string;
  fileName: string;
  format: string;
}

/** A stored series with its catalogue description (or what its import recorded) and its rows' span. */
export type SeriesSource = Pick<
  CatalogueEntry,
  "slug" | "name" | "unit" | "frequency" | "source" | "sourceUrl" | "otherUrls" | "licence"
> & {
  catalogued: boolean;
  rows: number;
  firstDate: string | null;
  lastDate: string | null;
  /** The latest import that changed one of the series' observations. */
  lastImport: LastImport | null;
};

export interface EventSource {
  source: string;
  description: string;
  credit: string;
  sourceUrl: string | null;
  rows: number;
  firstDate: string | null;
  lastDate: string | null;
  lastImport: LastImport | null;
}

function toLastImport(row: {
  importedAt: Date | null;
  fileName: string | null;
  format: string | null;
}) {
  return row.importedAt && row.fileName && row.format
    ? { importedAt: row.importedAt.toISOString(), fileName: row.fileName, format: row.format }
    : null;
}

/** Rows, first and last date, and the last import that changed a row (import ids grow with time). */
function spanOf<D extends AnyPgColumn, I extends AnyPgColumn>(date: D, importId: I) {
  return {
    rows: count().as("rows"),
    firstDate: min(date).as("first_date"),
    lastDate: max(date).as("last_date"),
    lastImportId: max(importId).as("last_import_id"),
  };
}

const lastImportColumns = {
  importedAt: imports.importedAt,
  fileName: imports.fileName,
  format: imports.format,
};

/** Catalogue order first (as the dashboard shows them), then any other stored series by slug. */
function catalogueOrder(slug: string): number {
  const index = CATALOGUE.findIndex((entry) => entry.slug === slug);
  return index < 0 ? CATALOGUE.length : index;
}

/** Every stored series with its source, licence/credit, span, row count and last import. */
export async function getSourceCatalogue(db: Db): Promise<SeriesSource[]> {
  // Import ids grow with time, so the highest one on a series' rows is its last changing import.
  const stats = db
    .select({
      seriesId: observations.seriesId,
      ...spanOf(observations.date, observations.importId),
    })
    .from(observations)
    .groupBy(observations.seriesId)
    .as("stats");
  const found = await db
    .select({
      slug: series.slug,
      name: series.name,
      unit: series.unit,
      frequency: series.frequency,
      source: series.source,
      sourceUrl: series.sourceUrl,
      licence: series.licence,
      rows: stats.rows,
      firstDate: stats.firstDate,
      lastDate: stats.lastDate,
      ...lastImportColumns,
    })
    .from(series)
    .leftJoin(stats, eq(stats.seriesId, series.id))
    .leftJoin(imports, eq(imports.id, stats.lastImportId));
  return found
    .map((row) => {
      const entry = catalogueEntry(row.slug);
      // NOTE: a catalogued series is described by the catalogue, as on the charts and downloads:
      // the stored copy is written at import, and a file already present is not imported again.
      return {
        slug: row.slug,
        name: entry?.name ?? row.name,
        unit: entry?.unit ?? row.unit,
        frequency: entry?.frequency ?? row.frequency,
        source: entry?.source ?? row.source,
        sourceUrl: entry?.sourceUrl ?? row.sourceUrl,
        otherUrls: entry ? [...entry.otherUrls] : [],
        licence: entry?.licence ?? row.licence,
        catalogued: Boolean(entry),
        rows: Number(row.rows ?? 0),
        firstDate: row.firstDate ?? null,
        lastDate: row.lastDate ?? null,
        lastImport: toLastImport(row),
      };
    })
    .sort(
      (a, b) => catalogueOrder(a.slug) - catalogueOrder(b.slug) || a.slug.localeCompare(b.slug),
    );
}

/** Stored tariff events by source, with the credit the catalogue gives for each. */
export async function getEventSources(db: Db): Promise<EventSource[]> {
  const stats = db
    .select({ source: tariffEvents.source, ...spanOf(tariffEvents.date, tariffEvents.importId) })
    .from(tariffEvents)
    .groupBy(tariffEvents.source)
    .as("stats");
  const found = await db
    .select({
      source: stats.source,
      rows: stats.rows,
      firstDate: stats.firstDate,
      lastDate: stats.lastDate,
      ...lastImportColumns,
    })
    .from(stats)
    .leftJoin(imports, eq(imports.id, stats.lastImportId))
    .orderBy(stats.source);
  return found.map((row) => {
    const entry = EVENT_FILES.find((file) => file.source === row.source);
    return {
      source: row.source,
      description: entry?.description ?? row.source,
      credit: entry?.credit ?? "unknown",
      sourceUrl: entry?.sourceUrl ?? null,
      rows: Number(row.rows),
      firstDate: row.firstDate ?? null,
      lastDate: row.lastDate ?? null,
      lastImport: toLastImport(row),
    };
  });
}

export interface Sources {
  series: SeriesSource[];
  events: EventSource[];
}

const sourcesByModel = new WeakMap<ReadModel, Promise<Sources>>();

/**
 * The series and event sources, worked out once per data version: every import changes the
 * version, and the two whole-table aggregations took most of the page's time (about 14 ms of
 * CPU per request on PGlite). `knownVersion`: the data version the server has just read, if any
 * (see getReadModel).
 */
export async function getSources(db: Db, knownVersion?: string): Promise<Sources> {
  const model = await getReadModel(db, knownVersion);
  let sources = sourcesByModel.get(model);
  if (!sources) {
    sources = Promise.all([getSourceCatalogue(db), getEventSources(db)]).then(
      ([series, events]) => ({ series, events }),
    );
    sourcesByModel.set(model, sources);
    // A failed read (the database went away) is not kept: the next request asks again.
    sources.catch(() => sourcesByModel.delete(model));
  }
  return sources;
}
