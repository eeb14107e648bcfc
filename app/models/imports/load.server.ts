/**
 * Loading an import's points into the database: straight into a partition of `observations` when
 * all the file's series are new or empty (the direct load), else into a temporary staging table
 * that the merge reads. See docs/decisions/020-series-import-pipeline.md.
 */
import { sql } from "drizzle-orm";
import { copyFrom, failedWith, queryRows, type Tx } from "../../../db/driver";
import { catalogueEntryFor, uncataloguedSeries } from "~/lib/catalogue";
import type { SeriesFormat } from "~/lib/import/types";
import type { ReadPass, RowFormat } from "./read.server";

export const STAGING_TABLE = "import_staging";

export interface LoadedPoints {
  /** The read pass that loaded the points: its parser holds the file's errors, stats and events. */
  pass: ReadPass;
  /** The plan of a direct load that succeeded; null when the points are in the staging table. */
  direct: DirectLoad | null;
}

/**
 * Load the points of the file `openPass` reads. The first pass has read the header. A load that
 * finds the file repeats a date (a primary key violation in the partition, or a date,value file
 * copied as its own lines) reads the file again into staging as formatted rows, which carry the
 * line numbers that the duplicate check and the merge need.
 */
export async function loadPoints(
  tx: Tx,
  fileName: string,
  canReadAgain: boolean,
  openPass: () => Promise<ReadPass>,
): Promise<LoadedPoints> {
  let pass = await openPass();
  const { format, columns, errorCount } = pass.parser;
  let direct =
    canReadAgain && format && errorCount === 0
      ? await planDirectLoad(tx, fileName, format, columns)
      : null;
  /** Known once a read of the whole file saw a date that was not after the one before it. */
  let datesRepeat = false;
  for (;;) {
    // A one-series `date,value` file is copied straight from its own lines, unless it must be
    // read again for them (one-shot input) or its lines are needed (a date repeats).
    const asLines =
      canReadAgain &&
      pass.parser.dateValueLines &&
      pass.parser.columns.length === 1 &&
      !datesRepeat;
    const loaded = direct
      ? await loadPartition(tx, direct, pass, asLines)
      : await loadStaging(tx, pass, asLines);
    if (loaded) return { pass, direct };
    direct = null;
    datesRepeat = pass.parser.stats.some((stats) => !stats.strictlyIncreasing);
    pass = await openPass();
  }
}

/** Copy the pass's points into `table`: as the file's own `date,value` lines, or as formatted rows. */
async function copyPoints(
  tx: Tx,
  table: string,
  rows: { columns: string; format: RowFormat },
  pass: ReadPass,
  asLines: boolean,
): Promise<void> {
  if (asLines) await copyFrom(tx, `${table} (date, value)`, pass.csvBatches(), "csv");
  else await copyFrom(tx, `${table} (${rows.columns})`, pass.batches(rows.format));
}

/**
 * Column and line default to 0 for lines copied as CSV: a one-series file needs no column, and
 * lines only matter when a date repeats (and then the file is copied again as formatted rows).
 */
async function createStagingTable(tx: Tx): Promise<void> {
  await tx.execute(
    sql.raw(
      `create temp table if not exists ${STAGING_TABLE} (col smallint not null default 0, date date not null, ` +
        "value double precision not null, line integer not null default 0) on commit drop",
    ),
  );
}

/** Staging rows carry the column index and source line, for the merge and duplicate reports. */
const stagingRows = {
  columns: "col, date, value, line",
  format: ((column, date, cell, line) => `${column}\t${date}\t${cell}\t${line}\n`) as RowFormat,
};

/**
 * Stage the points; false (and an empty staging table) when they were copied as lines and a date
 * repeats, so the file must be staged again with its line numbers.
 */
async function loadStaging(tx: Tx, pass: ReadPass, asLines: boolean): Promise<boolean> {
  await createStagingTable(tx);
  await copyPoints(tx, STAGING_TABLE, stagingRows, pass, asLines);
  if (!asLines || pass.parser.errorCount > 0 || pass.parser.stats[0].strictlyIncreasing)
    return true;
  await tx.execute(sql.raw(`truncate ${STAGING_TABLE}`));
  return false;
}

/** Rows for `observations` itself carry the series id of their column and this import's id. */
function observationRows(seriesIds: readonly number[], importId: number) {
  const prefixes = seriesIds.map((id) => `${id}\t`);
  const suffix = `\t${importId}\n`;
  const format: RowFormat = (column, date, cell) => `${prefixes[column]}${date}\t${cell}${suffix}`;
  return { columns: "series_id, date, value, import_id", format };
}

/** Ids for a direct load into `observations`: known before the first row is written. */
export interface DirectLoad {
  /** Series id per parser column (an existing empty series, or an id reserved for a new one). */
  seriesIds: number[];
  /** Reserved ids of series rows that do not exist yet: created with that id after parsing. */
  reserved: Set<number>;
  /** Reserved id of this file's import row, inserted after parsing. */
  importId: number;
}

/**
 * Plan the direct load when every series the header names is new or still empty: its rows can then go
 * straight into `observations` (nothing to update, nothing to compare). Null when any series already
 * has observations, so the staging merge decides what changed. Runs under the import lock.
 */
async function planDirectLoad(
  tx: Tx,
  fileName: string,
  format: SeriesFormat,
  columns: readonly { name: string }[],
): Promise<DirectLoad | null> {
  if (columns.length === 0) return null;
  const slugs = columns.map(
    (column) =>
      catalogueEntryFor(fileName, column.name)?.slug ??
      uncataloguedSeries(format, column.name).slug,
  );
  const existing = await queryRows<{ slug: string; id: number; filled: boolean }>(
    tx,
    sql`select s.slug, s.id, exists (select 1 from observations o where o.series_id = s.id) as filled
        from series s where s.slug in (${sql.join(
          slugs.map((slug) => sql`${slug}`),
          sql`, `,
        )})`,
  );
  if (existing.some((row) => row.filled)) return null;
  const bySlug = new Map(existing.map((row) => [row.slug, Number(row.id)]));
  const missing = [...new Set(slugs.filter((slug) => !bySlug.has(slug)))];
  const reservedIds = await queryRows<{ id: number }>(
    tx,
    sql`select nextval(pg_get_serial_sequence('series', 'id'))::int as id
        from generate_series(1, ${missing.length})`,
  );
  missing.forEach((slug, i) => bySlug.set(slug, Number(reservedIds[i].id)));
  const [importRow] = await queryRows<{ id: number }>(
    tx,
    sql`select nextval(pg_get_serial_sequence('imports', 'id'))::int as id`,
  );
  return {
    seriesIds: slugs.map((slug) => bySlug.get(slug)!),
    reserved: new Set(reservedIds.map((row) => Number(row.id))),
    importId: Number(importRow.id),
  };
}

/**
 * Load a direct import into its own partition of `observations`: copy the rows into a bare table,
 * build the key once, then attach the table for the file's series. Maintaining the key row by row
 * costs several times the copy itself; one index build after the copy does not. It runs in a
 * savepoint of the file's transaction, so a failure leaves no partition behind; false when the file
 * repeats a date (or a partition for one of its series exists), so the points must be staged.
 */
async function loadPartition(
  tx: Tx,
  direct: DirectLoad,
  pass: ReadPass,
  asLines: boolean,
): Promise<boolean> {
  try {
    // A nested transaction is a savepoint whose failure the driver itself rolls back; a failed
    // statement under a hand-written SAVEPOINT would still fail the whole postgres.js transaction.
    await tx.transaction((savepoint) => copyIntoPartition(savepoint, direct, pass, asLines));
    return true;
  } catch (error) {
    // 23505: a repeated date; 42P17: a partition for one of the series already exists (a series
    // emptied after its first import). Both mean: take the staging path instead.
    if (failedWith(error, "23505", "42P17")) return false;
    throw error;
  }
}

async function copyIntoPartition(tx: Tx, direct: DirectLoad, pass: ReadPass, asLines: boolean) {
  const partition = `observations_import_${direct.importId}`;
  const seriesIds = [...new Set(direct.seriesIds)].map((id) => Number(id));
  if (!seriesIds.every(Number.isInteger) || !Number.isInteger(direct.importId))
    throw new Error("series and import ids must be integers");
  // The check matches the partition bound (when every column has rows), so attaching needs no
  // scan to prove it.
  await tx.execute(
    sql.raw(
      `create table ${partition} (like observations including defaults, ` +
        `constraint ${partition}_bound check (series_id in (${seriesIds.join(", ")})))`,
    ),
  );
  // Lines copied as CSV name neither series nor import: column defaults fill them in.
  if (asLines) {
    await tx.execute(
      sql.raw(
        `alter table ${partition} alter column series_id set default ${seriesIds[0]}, ` +
          `alter column import_id set default ${direct.importId}`,
      ),
    );
  }
  await copyPoints(
    tx,
    partition,
    observationRows(direct.seriesIds, direct.importId),
    pass,
    asLines,
  );
  if (asLines) {
    await tx.execute(
      sql.raw(
        `alter table ${partition} alter column series_id drop default, ` +
          `alter column import_id drop default`,
      ),
    );
  }
  // Only series that got rows are created (a header-only or all-missing column is not), so only
  // they may own the partition; with none, there is nothing to attach.
  const { stats } = pass.parser;
  const loadedIds = [...new Set(direct.seriesIds.filter((_, i) => stats[i]?.points > 0))];
  if (loadedIds.length === 0) {
    await tx.execute(sql.raw(`drop table ${partition}`));
    return;
  }
  // A repeated date fails here (23505).
  await tx.execute(sql.raw(`alter table ${partition} add primary key (series_id, date)`));
  await tx.execute(
    sql.raw(
      `alter table observations attach partition ${partition} for values in (${loadedIds.join(", ")})`,
    ),
  );
  await tx.execute(sql.raw(`alter table ${partition} drop constraint ${partition}_bound`));
}
