// Store article text files, or folders of them, with the figures extracted from each.
// Usage: npm run ingest -- PATH...   (DATABASE_URL, else PGlite at PGLITE_DIR)
//        npm run ingest -- --reextract   (extract the stored articles' figures again)
// Exit code: 0 all stored or unchanged, 1 some file failed (or no database), 2 bad usage.
import type { DbHandle } from "../db/index";
import { ingestPaths, reextractArticles, type IngestError } from "../app/models/articles.server";
import { createLazyProgress } from "./lib/progress";
import { withDb } from "./lib/with-db";

const USAGE = `usage: npm run ingest -- PATH...
       npm run ingest -- --reextract
  PATH         an article .txt file, or a folder whose *.txt files are ingested (other files are skipped)
  --reextract  extract the figures of every stored article again (after an extractor update, or
               once exchange rates are imported that were missing at ingestion); only articles
               whose figures come out different are rewritten
Re-running is safe: files already stored (same bytes) are reported as unchanged.`;

async function main(argv: string[]): Promise<number> {
  const args = argv[0] === "--" ? argv.slice(1) : argv;
  if (args.includes("-h") || args.includes("--help")) {
    console.log(USAGE);
    return 0;
  }
  const reextract = args.includes("--reextract");
  const unknown = args.find((arg) => arg.startsWith("-") && arg !== "--reextract");
  if (args.length === 0 || unknown || (reextract && args.length > 1)) {
    if (unknown) console.error(`ingest: unknown option ${unknown}`);
    else if (reextract) console.error("ingest: --reextract takes no paths");
    console.error(USAGE);
    return 2;
  }

  return withDb("ingest", (handle) => (reextract ? runReextract(handle) : runIngest(handle, args)));
}

async function runIngest(handle: DbHandle, paths: string[]): Promise<number> {
  const progress = createLazyProgress("Ingesting");
  const summary = await ingestPaths(handle.db, paths, {
    onProgress: ({ total }) => progress.tick(total),
  });
  progress.finish();
  for (const warning of summary.warnings) console.error(`warning: ${warning}`);
  for (const result of summary.results) {
    const prefix = result.status === "failed" ? "" : "warning: ";
    for (const error of result.errors) console.error(formatError(result.file, error, prefix));
  }
  console.log(`stored ${summary.stored}, unchanged ${summary.unchanged}, failed ${summary.failed}`);
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

/** `file:line: message`, the shape editors and CI annotate; `file: message` for whole-file problems. */
function formatError(file: string, error: IngestError, prefix: string): string {
  return error.line === null
    ? `${file}: ${prefix}${error.message}`
    : `${file}:${error.line}: ${prefix}${error.message}`;
}

process.exitCode = await main(process.argv.slice(2));
