// Import official series files (FRED, Census, PIIE, tidy CSV, Section 301 table) into the database.
// Usage: npm run import -- [--data-dir DIR] [FILE...]   (DATABASE_URL, else PGlite at PGLITE_DIR)
// Exit code: 0 every file imported (or unchanged), 1 some file failed (or no database), 2 bad usage.
import {
  importCatalogue,
  importPaths,
  type ImportFileResult,
  type ImportPathsOptions,
} from "../app/models/imports.server";
import { formatParseError } from "../app/lib/import/errors";
import { parseCommandLine, UsageError } from "./lib/args";
import { createProgress } from "./lib/progress";
import { withDb } from "./lib/with-db";

const USAGE = `usage: npm run import -- [--data-dir DIR] [FILE...]
  FILE          an upstream series file; its layout is detected from its header
  no FILE       import every file the series catalogue names, from DIR (default: data)
Each file is imported in its own transaction: a file with a bad row writes nothing.
Re-importing a file that changes nothing records nothing.`;

interface Args {
  help: boolean;
  files: string[];
  dataDir: string;
}

function readArgs(argv: string[]): Args {
  const { values, positionals } = parseCommandLine(argv, { "data-dir": { type: "string" } });
  if (positionals.length > 0 && values["data-dir"] !== undefined)
    throw new UsageError("--data-dir only applies without FILE arguments");
  return { help: values.help === true, files: positionals, dataDir: values["data-dir"] ?? "data" };
}

function summaryLine(result: Extract<ImportFileResult, { ok: true }>): string {
  const counts = `${result.added} added, ${result.updated} updated, ${result.unchanged} unchanged`;
  const events = result.events.added + result.events.updated + result.events.unchanged;
  const details = [
    result.format,
    `${result.series.length} series`,
    events > 0
      ? `events ${result.events.added} added, ${result.events.updated} updated, ${result.events.unchanged} unchanged`
      : null,
    result.noop ? "no change, nothing recorded" : `import #${result.importId}`,
  ].filter(Boolean);
  return `${result.fileName}: ${counts} (${details.join("; ")})`;
}

async function main(argv: string[]): Promise<number> {
  let args: Args;
  try {
    args = readArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`import: ${error.message}`);
    console.error(USAGE);
    return 2;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }

  return withDb("import", async (handle) => {
    let progress: ReturnType<typeof createProgress> | undefined;
    let shown = 0;
    const hooks: ImportPathsOptions = {
      onFileStart(fileName, size) {
        progress = createProgress(size, fileName);
        shown = 0;
      },
      onProgress(_fileName, { bytes }) {
        progress?.tick(bytes - shown);
        shown = bytes;
      },
      onFileDone(result) {
        progress?.finish();
        progress = undefined;
        if (result.ok) {
          console.log(summaryLine(result));
          return;
        }
        for (const error of result.errors) console.error(formatParseError(error));
        const more = result.errorCount - result.errors.length;
        if (more > 0) console.error(`${result.fileName}: ${more} more errors not shown`);
        console.error(`${result.fileName}: failed, nothing written`);
      },
    };
    const results =
      args.files.length > 0
        ? await importPaths(handle.db, args.files, hooks)
        : await importCatalogue(handle.db, { ...hooks, dataDir: args.dataDir });

    const total = { added: 0, updated: 0, unchanged: 0 };
    let failed = 0;
    for (const result of results) {
      if (!result.ok) {
        failed++;
        continue;
      }
      total.added += result.added + result.events.added;
      total.updated += result.updated + result.events.updated;
      total.unchanged += result.unchanged + result.events.unchanged;
    }
    console.log(
      `total: ${results.length} files, ${failed} failed; ${total.added} added, ${total.updated} updated, ${total.unchanged} unchanged`,
    );
    return failed > 0 ? 1 : 0;
  });
}

process.exitCode = await main(process.argv.slice(2));
