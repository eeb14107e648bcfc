import path from "node:path";
import { count } from "drizzle-orm";
import type { Db } from "../../db/index";
import { articles, series } from "../../db/schema";
import { ingestPaths } from "~/models/articles.server";
import { formatParseError } from "~/lib/import/errors";
import { importCatalogue } from "~/models/imports.server";

export interface BootstrapReport {
  importedFiles: number;
  failedFiles: string[];
  articlesStored: number;
  articlesFailed: string[];
}

/**
 * Load the shipped data into an empty database so the first start shows real charts:
 * the catalogue's official series first (ingestion converts money with their exchange rates),
 * then the articles in `data/articles/`. A database that already has data is left alone.
 */
export async function ensureShippedData(db: Db, dataDir = "data"): Promise<BootstrapReport> {
  const report: BootstrapReport = {
    importedFiles: 0,
    failedFiles: [],
    articlesStored: 0,
    articlesFailed: [],
  };
  const [{ n: seriesCount }] = await db.select({ n: count() }).from(series);
  if (seriesCount === 0) {
    for (const result of await importCatalogue(db, { dataDir })) {
      if (result.ok) report.importedFiles += 1;
      else report.failedFiles.push(result.errors.map(formatParseError).join("; "));
    }
  }
  const [{ n: articleCount }] = await db.select({ n: count() }).from(articles);
  if (articleCount === 0) {
    const summary = await ingestPaths(db, [path.join(dataDir, "articles")]);
    report.articlesStored = summary.stored;
    report.articlesFailed = summary.results
      .filter((result) => result.status === "failed")
      .map((result) => `${result.file}: ${result.errors.map((e) => e.message).join("; ")}`);
  }
  return report;
}
