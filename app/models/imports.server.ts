/**
 * Importing upstream series files into the database: the only code that writes series, observations,
 * tariff events and import records. One transaction per file, in three steps that each have their
 * own module: reading the input (`imports/read.server.ts`), loading its points with `COPY`
 * (`imports/load.server.ts`) and merging them into the stored data (`imports/merge.server.ts`).
 * See docs/decisions/020-series-import-pipeline.md, whose headings `importInTransaction` follows.
 */
import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import type { Db } from "../../db/index";
import { queryRows, type Tx } from "../../db/driver";
import {
  CATALOGUE,
  catalogueEntriesForFile,
  catalogueEntryFor,
  catalogueFiles,
} from "~/lib/catalogue";
import type { ParseError, SeriesFormat } from "~/lib/import/types";
import { loadPoints, type DirectLoad } from "./imports/load.server";
import {
  dedupeEvents,
  ensureSeries,
  findDuplicateDates,
  mergeEvents,
  mergeObservations,
  publishedPrecision,
  roundStaged,
  roundStored,
  type RowCounts,
} from "./imports/merge.server";
import {
  canReadAgain,
  startReadPass,
  type ImportFileOptions,
  type ImportProgress,
  type ReadPass,
} from "./imports/read.server";

export type { ImportFileOptions, ImportProgress, RowCounts };

export interface ImportTimings {
  /** Reading, parsing and loading (overlapped on PostgreSQL) the staging table, or observations directly. */
  stageMs: number;
  /** Duplicate-date check, series rows and the merge into observations and events. */
  mergeMs: number;
}

export interface ImportedSeries {
  slug: string;
  column: string;
  points: number;
}

export type ImportFileResult =
  | ({
      ok: true;
      fileName: string;
      format: SeriesFormat;
      contentHash: string;
      /** The new import row, or null when the file changed nothing (no row is recorded then). */
      importId: number | null;
      noop: boolean;
      series: ImportedSeries[];
      events: RowCounts;
      /** Cells skipped as missing values. */
      missing: number;
      ignoredColumns: string[];
      /** Wall time of the phases, for benchmarks and progress reports. */
      timings: ImportTimings;
    } & RowCounts)
  | {
      ok: false;
      fileName: string;
      format: SeriesFormat | null;
      errors: ParseError[];
      /** All errors found; `errors` holds the first 50. */
      errorCount: number;
    };

/** Advisory lock key that serialises imports (any constant; "trdimp" in ASCII). */
const IMPORT_LOCK_KEY = 0x747264696d70;
/** Errors a rejected file reports; the count says how many there were in all. */
const MAX_ERRORS = 50;

/** Thrown inside the transaction to roll it back when the file has bad rows. */
class ImportRejected extends Error {
  constructor(
    readonly format: SeriesFormat | null,
    readonly errors: ParseError[],
    readonly errorCount: number,
  ) {
    super(`${errors[0]?.file}: ${errors[0]?.reason}`);
  }
}

/**
 * Import one file in one transaction. A file with any bad row (or duplicate date with a different value)
 * writes nothing and returns its errors. Re-importing the same content changes nothing and records
 * nothing; a newer vintage updates changed values and adds new dates (dates it lacks are kept).
 */
export async function importFile(db: Db, options: ImportFileOptions): Promise<ImportFileResult> {
  try {
    return await db.transaction((tx) => importInTransaction(tx, options));
  } catch (error) {
    if (error instanceof ImportRejected) {
      return {
        ok: false,
        fileName: options.fileName,
        format: error.format,
        errors: error.errors,
        errorCount: error.errorCount,
      };
    }
    throw error;
  }
}

async function importInTransaction(tx: Tx, options: ImportFileOptions): Promise<ImportFileResult> {
  const { fileName } = options;
  const catalogued = catalogueEntriesForFile(fileName);
  const catalogueColumns = catalogued.length > 0 ? catalogued.map((e) => e.column) : undefined;
  const passes: ReadPass[] = [];
  const openPass = async () => {
    const pass = startReadPass(options, catalogueColumns);
    passes.push(pass);
    await pass.readHeader();
    return pass;
  };
  try {
    // One import at a time: the merge reads then writes observations, and two imports of the
    // same series must not interleave. Readers are never blocked.
    await tx.execute(sql`select pg_advisory_xact_lock(${IMPORT_LOCK_KEY})`);
    const started = performance.now();

    // Layout from the header; direct load for new series; staging otherwise.
    const { pass, direct } = await loadPoints(tx, fileName, canReadAgain(options), openPass);
    const staged = performance.now();

    // Duplicate dates and events: a file with any bad row writes nothing.
    const { parser } = pass;
    const format = parser.format;
    if (parser.errorCount > 0 || !format) {
      throw new ImportRejected(format, [...parser.errors], parser.errorCount);
    }
    const columns = parser.columns
      .map((column, index) => ({ ...column, index, stats: parser.stats[index] }))
      .filter((column) => column.stats.points > 0);
    const maybeDuplicates = !direct && columns.some((column) => !column.stats.strictlyIncreasing);
    if (maybeDuplicates) {
      const labels = parser.columns.map((column) => column.label);
      rejectIfAny(format, await findDuplicateDates(tx, fileName, labels));
    }
    const { events, errors: eventErrors } = dedupeEvents(fileName, pass.events);
    rejectIfAny(format, eventErrors);

    // Provenance: the import row, then the series rows its points belong to.
    const contentHash = pass.contentHash();
    const importId = await insertImport(tx, direct, fileName, contentHash, format);
    const series: ImportedSeries[] = [];
    const seriesIds: { col: number; id: number }[] = [];
    for (const column of columns) {
      const id = await seriesRow(tx, direct, fileName, format, column);
      seriesIds.push({ col: column.index, id: id.id });
      series.push({ slug: id.slug, column: column.name, points: column.stats.points });
    }

    // Values to the precision their publisher states (ADR 053), before the merge compares them.
    const precision = columns.flatMap((column, i) => {
      const decimals = catalogueEntryFor(fileName, column.name)?.decimals;
      return decimals === undefined ? [] : [{ col: column.index, id: seriesIds[i].id, decimals }];
    });
    if (direct) await roundStored(tx, precision);
    else await roundStaged(tx, precision);

    // Merge in one set-based statement; tariff events on their natural key.
    const total = columns.reduce((sum, column) => sum + column.stats.points, 0);
    const observed = direct
      ? { added: total, updated: 0, unchanged: 0 }
      : await mergeObservations(tx, importId, seriesIds, maybeDuplicates ? null : total);
    const eventCounts = await mergeEvents(tx, importId, events);

    // A re-import that changes nothing records nothing.
    const noop = await recordCounts(tx, importId, observed, eventCounts);
    return {
      ok: true,
      fileName,
      format,
      contentHash,
      importId: noop ? null : importId,
      noop,
      ...observed,
      series,
      events: eventCounts,
      missing: parser.missing,
      timings: { stageMs: staged - started, mergeMs: performance.now() - staged },
      ignoredColumns: [...parser.ignoredColumns],
    };
  } finally {
    // A load can fail before it reads its input to the end: never leave the file open.
    for (const pass of passes) await pass.close();
  }
}

function rejectIfAny(format: SeriesFormat, errors: ParseError[]): void {
  if (errors.length > 0) {
    throw new ImportRejected(format, errors.slice(0, MAX_ERRORS), errors.length);
  }
}

/** The import row, inserted once the file has been read; a direct load uses the id it reserved. */
async function insertImport(
  tx: Tx,
  direct: DirectLoad | null,
  fileName: string,
  contentHash: string,
  format: SeriesFormat,
): Promise<number> {
  const [row] = await queryRows<{ id: number }>(
    tx,
    sql`insert into imports (id, file_name, content_hash, format)
        values (${direct ? direct.importId : sql`default`}, ${fileName}, ${contentHash}, ${format})
        returning id`,
  );
  return Number(row.id);
}

/** The series row of a column; a series whose rows were loaded directly takes the id they carry. */
async function seriesRow(
  tx: Tx,
  direct: DirectLoad | null,
  fileName: string,
  format: SeriesFormat,
  column: {
    index: number;
    name: string;
    stats: { allYearStarts: boolean; allMonthStarts: boolean };
  },
): Promise<{ id: number; slug: string }> {
  const planned = direct?.seriesIds[column.index];
  const reserved = planned !== undefined && direct!.reserved.has(planned) ? planned : undefined;
  const row = await ensureSeries(tx, fileName, format, column.name, column.stats, reserved);
  if (planned !== undefined && row.id !== planned) {
    throw new Error(
      `importFile: series ${row.slug} is ${row.id}, but its rows were loaded as ${planned}`,
    );
  }
  return row;
}

/** Store the counts on the import row, or delete it when nothing changed; true for a no-op. */
async function recordCounts(
  tx: Tx,
  importId: number,
  observed: RowCounts,
  events: RowCounts,
): Promise<boolean> {
  const noop = observed.added + observed.updated + events.added + events.updated === 0;
  if (noop) {
    await tx.execute(sql`delete from imports where id = ${importId}`);
  } else {
    await tx.execute(
      sql`update imports set rows_added = ${observed.added + events.added},
        rows_updated = ${observed.updated + events.updated},
        rows_unchanged = ${observed.unchanged + events.unchanged}
        where id = ${importId}`,
    );
  }
  return noop;
}

export interface ImportPathsOptions {
  onFileStart?(fileName: string, sizeBytes: number): void;
  onProgress?(fileName: string, progress: ImportProgress): void;
  onFileDone?(result: ImportFileResult): void;
}

export interface ImportCatalogueOptions extends ImportPathsOptions {
  /** Directory holding the shipped files (default "data"); catalogue files are looked up by base name. */
  dataDir?: string;
}

/**
 * Import every file the catalogue names (series files, then event files), each in its own transaction.
 * A missing or bad file is reported in its result; the other files are still imported.
 */
export async function importCatalogue(
  db: Db,
  options: ImportCatalogueOptions = {},
): Promise<ImportFileResult[]> {
  const dataDir = options.dataDir ?? "data";
  const files = catalogueFiles().map((file) => path.join(dataDir, path.basename(file)));
  return importPaths(db, files, options);
}

/**
 * Catalogue files with a stored value more precise than its publisher states: a database loaded
 * before values were rounded at import (ADR 053). Importing such a file again rounds them, with an
 * import row that records the change.
 */
export async function filesWithUnroundedValues(db: Db): Promise<string[]> {
  const files: string[] = [];
  for (const entry of CATALOGUE) {
    if (files.includes(entry.file)) continue;
    const [row] = await queryRows<{ found: boolean }>(
      db,
      sql`select exists (
            select 1 from observations
            where series_id = (select id from series where slug = ${entry.slug})
              and value <> ${publishedPrecision(sql`value`, entry.decimals)}
          ) as found`,
    );
    if (row?.found) files.push(entry.file);
  }
  return files;
}

/**
 * Import files from disk one after another, each streamed in its own transaction. A file that is
 * missing, bad, or fails in the database becomes an error result; the next file is still imported.
 */
export async function importPaths(
  db: Db,
  fileNames: readonly string[],
  options: ImportPathsOptions = {},
): Promise<ImportFileResult[]> {
  const results: ImportFileResult[] = [];
  for (const fileName of fileNames) {
    let result: ImportFileResult;
    try {
      result = await importPath(db, fileName, options);
    } catch (error) {
      result = fileFailure(fileName, error instanceof Error ? error.message : String(error));
    }
    options.onFileDone?.(result);
    results.push(result);
  }
  return results;
}

function fileFailure(fileName: string, reason: string): ImportFileResult {
  return {
    ok: false,
    fileName,
    format: null,
    errors: [{ file: fileName, line: 0, column: null, reason }],
    errorCount: 1,
  };
}

/** Import one file from disk by streaming it; a missing file becomes an error result. */
export async function importPath(
  db: Db,
  fileName: string,
  hooks: Pick<ImportPathsOptions, "onFileStart" | "onProgress"> = {},
): Promise<ImportFileResult> {
  let size: number;
  try {
    const stat = fs.statSync(fileName);
    if (!stat.isFile()) return fileFailure(fileName, "not a file");
    size = stat.size;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return fileFailure(fileName, code === "ENOENT" ? "file not found" : String(error));
  }
  hooks.onFileStart?.(fileName, size);
  return importFile(db, {
    fileName,
    openStream: () => fs.createReadStream(fileName, { highWaterMark: 256 * 1024 }),
    onProgress: hooks.onProgress ? (progress) => hooks.onProgress!(fileName, progress) : undefined,
  });
}
