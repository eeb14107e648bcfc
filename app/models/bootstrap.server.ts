import fs from "node:fs";
import path from "node:path";
import type { Db } from "../../db/index";
import { articles, imports } from "../../db/schema";
import { catalogueFiles } from "~/lib/catalogue";
import { formatParseError } from "~/lib/import/errors";
import { ingestPaths, reextractArticles } from "~/models/articles.server";
import { filesWithUnroundedValues, importPaths } from "~/models/imports.server";

export interface BootstrapReport {
  /** Catalogue files that were missing from the database and were imported now. */
  importedFiles: number;
  /** Catalogue files found already imported. */
  presentFiles: number;
  failedFiles: string[];
  articlesStored: number;
  /** Shipped articles whose file changed since they were stored, replaced by the new version. */
  articlesUpdated: number;
  articlesUnchanged: number;
  articlesFailed: string[];
  /** Entries of the articles folder deliberately not read, as `path: reason`. */
  articlesSkipped: string[];
  /** Stored articles whose figures were extracted again because exchange rates arrived. */
  articlesReextracted: number;
  /**
   * Catalogue files imported again because their stored values were more precise than the
   * publisher states (a database loaded before ADR 053), and the values that import rounded.
   */
  roundedFiles: number;
  roundedValues: number;
}

/**
 * Make sure every shipped data file is in the database and up to date, whatever happened before:
 * a first start, or one interrupted half-way (Ctrl-C, kill -9, a crash). Each catalogue file is
 * imported in its own transaction, so a file is either wholly in (it has an `imports` row) or not
 * at all; the files without one are imported now. Then `data/articles/` is ingested, after the
 * exchange rates it converts with: articles are keyed by file name, so a missing one is stored, a
 * changed one replaces its stored version (no duplicate beside it) and an unchanged one costs a
 * hash and a lookup. Articles stored before some catalogue file arrived are extracted again with
 * the complete rates.
 */
export interface BootstrapOptions {
  dataDir?: string;
  /** Called as each missing catalogue file starts loading (1-based `index` of `total` missing). */
  onFileStart?(file: string, index: number, total: number): void;
  /** Called once before the shipped articles are checked and stored. */
  onArticlesStart?(): void;
}

export async function ensureShippedData(
  db: Db,
  options: BootstrapOptions = {},
): Promise<BootstrapReport> {
  const dataDir = options.dataDir ?? "data";
  const report: BootstrapReport = {
    importedFiles: 0,
    presentFiles: 0,
    failedFiles: [],
    articlesStored: 0,
    articlesUpdated: 0,
    articlesUnchanged: 0,
    articlesFailed: [],
    articlesSkipped: [],
    articlesReextracted: 0,
    roundedFiles: 0,
    roundedValues: 0,
  };
  const imported = new Set(
    (await db.select({ fileName: imports.fileName }).from(imports)).map((row) =>
      path.basename(row.fileName),
    ),
  );
  const missingFiles = catalogueFiles()
    .map((file) => path.basename(file))
    .filter((file) => !imported.has(file));
  report.presentFiles = catalogueFiles().length - missingFiles.length;
  const [anyArticle] = await db.select({ id: articles.id }).from(articles).limit(1);
  if (missingFiles.length > 0) {
    let started = 0;
    const results = await importPaths(
      db,
      missingFiles.map((file) => path.join(dataDir, file)),
      { onFileStart: (file) => options.onFileStart?.(file, ++started, missingFiles.length) },
    );
    for (const result of results) {
      if (result.ok) report.importedFiles += 1;
      else report.failedFiles.push(result.errors.map(formatParseError).join("; "));
    }
    if (report.importedFiles > 0 && anyArticle !== undefined) {
      report.articlesReextracted = (await reextractArticles(db)).changed;
    }
  }
  // A database loaded before values were rounded at import: the same files again round them.
  const unrounded = await filesWithUnroundedValues(db);
  if (unrounded.length > 0) {
    const results = await importPaths(
      db,
      unrounded.map((file) => path.join(dataDir, path.basename(file))),
    );
    for (const result of results) {
      if (!result.ok) report.failedFiles.push(result.errors.map(formatParseError).join("; "));
      else {
        report.roundedFiles += 1;
        report.roundedValues += result.updated;
      }
    }
    // Articles convert at stored exchange rates: extract them again if any of those changed.
    if (report.roundedValues > 0 && anyArticle !== undefined) {
      report.articlesReextracted += (await reextractArticles(db)).changed;
    }
  }
  const articleDir = path.join(dataDir, "articles");
  if (fs.existsSync(articleDir)) {
    options.onArticlesStart?.();
    const summary = await ingestPaths(db, [articleDir]);
    report.articlesStored = summary.stored;
    report.articlesUpdated = summary.updated;
    report.articlesUnchanged = summary.unchanged;
    report.articlesFailed = summary.results
      .filter((result) => result.status === "failed")
      .map((result) => `${result.file}: ${result.errors.map((e) => e.message).join("; ")}`);
    report.articlesSkipped = summary.skipped.map((entry) => `${entry.path}: ${entry.reason}`);
  }
  return report;
}

/** What a start did to the shipped data, in one or two lines. */
export function describeBootstrap(report: BootstrapReport): string[] {
  const lines: string[] = [];
  const files = report.importedFiles + report.presentFiles + report.failedFiles.length;
  if (report.importedFiles > 0 || report.failedFiles.length > 0) {
    lines.push(
      `Loaded ${report.importedFiles} of ${files} catalogue files (${report.presentFiles} were already present)` +
        (report.articlesReextracted > 0
          ? `; re-extracted ${report.articlesReextracted} stored articles with the new exchange rates.`
          : "."),
    );
  }
  if (report.roundedFiles > 0) {
    lines.push(
      `Imported ${report.roundedFiles} catalogue files again: ${report.roundedValues} stored values rounded to the precision their sources publish.`,
    );
  }
  if (report.articlesStored + report.articlesUpdated > 0 || report.articlesFailed.length > 0) {
    lines.push(
      `Shipped articles: ${report.articlesStored} new, ${report.articlesUpdated} updated from changed files, ${report.articlesUnchanged} unchanged.`,
    );
  }
  for (const failure of [...report.failedFiles, ...report.articlesFailed])
    lines.push(`Not loaded: ${failure}`);
  for (const skipped of report.articlesSkipped) lines.push(`Skipped: ${skipped}`);
  return lines;
}
