// Store article text files, or folders of them, with the figures extracted from each.
// Usage: npm run ingest -- PATH...   (DATABASE_URL, else PGlite at PGLITE_DIR)
//        npm run ingest -- --reextract   (extract the stored articles' figures again)
// Exit code: 0 all stored, updated or unchanged, 1 some file failed (or no database), 2 bad usage.
import type { DbHandle } from "../db/index";
import { ingestPaths, reextractArticles, type IngestError } from "../app/models/articles.server";
import { formatFileError } from "../app/lib/file-error";
import { parseCommandLine, UsageError } from "./lib/args";
import { createLazyProgress } from "./lib/progress";
import { withDb } from "./lib/with-db";

const USAGE = `usage: npm run ingest -- PATH...
       npm run ingest -- --reextract
  PATH         an article .txt file, or a folder whose *.txt files are ingested, subfolders
               included (other files are skipped; symbolic links are followed; hidden entries
               and a folder reached twice through links are skipped and listed)
  --reextract  extract the figures of every stored article again (after an extractor update, or
               once exchange rates are imported that were missing at ingestion); only articles
               whose figures come out different are rewritten; this reads the stored text, so
               to pick up edited files ingest them again instead
An article is identified by its path inside the folder given (a.txt, sub/b.txt; the name of a file given):
re-running is safe, files already stored with the same bytes are unchanged, and an edited file
replaces its stored article (text and figures, all or nothing) and counts as updated.`;

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseCommandLine(argv, { reextract: { type: "boolean" } });
    if (parsed.values.reextract && parsed.positionals.length > 0)
      throw new UsageError("--reextract takes no paths");
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`ingest: ${error.message}`);
    console.error(USAGE);
    return 2;
  }
  const { values, positionals: paths } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!values.reextract && paths.length === 0) {
    console.error(USAGE);
    return 2;
  }
  return withDb("ingest", (handle) =>
    values.reextract ? runReextract(handle) : runIngest(handle, paths),
  );
}

async function runIngest(handle: DbHandle, paths: string[]): Promise<number> {
  const progress = createLazyProgress("Ingesting");
  const summary = await ingestPaths(handle.db, paths, {
    onProgress: ({ total }) => progress.tick(total),
  });
  progress.finish();
  for (const warning of summary.warnings) console.error(`warning: ${warning}`);
  for (const entry of summary.skipped) console.error(`skipped ${entry.path}: ${entry.reason}`);
  for (const result of summary.results) {
    const prefix = result.status === "failed" ? "" : "warning: ";
    for (const error of result.errors) console.error(formatError(result.file, error, prefix));
  }
  console.log(
    `stored ${summary.stored}, updated ${summary.updated}, unchanged ${summary.unchanged}, failed ${summary.failed}` +
      (summary.skipped.length > 0 ? `; skipped ${summary.skipped.length} (listed above)` : ""),
  );
  return summary.failed > 0 ? 1 : 0;
}

async function runReextract(handle: DbHandle): Promise<number> {
  const progress = createLazyProgress("Re-extracting");
  const summary = await reextractArticles(handle.db, {
    onProgress: ({ total }) => progress.tick(total),
  });
  progress.finish();
  for (const warning of summary.warnings) console.error(`warning: ${warning}`);
  for (const result of summary.results) {
    for (const error of result.errors) {
      console.error(formatError(`${result.file} (article ${result.articleId})`, error, ""));
    }
  }
  console.log(
    `re-extracted ${summary.changed + summary.unchanged + summary.failed} articles: changed ${summary.changed}, ` +
      `unchanged ${summary.unchanged}, failed ${summary.failed}; figures ${summary.figuresBefore} -> ${summary.figuresAfter}`,
  );
  return summary.failed > 0 ? 1 : 0;
}

function formatError(file: string, error: IngestError, prefix: string): string {
  return formatFileError(file, error.line, `${prefix}${error.message}`);
}

process.exitCode = await main(process.argv.slice(2));
