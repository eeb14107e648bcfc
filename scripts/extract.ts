/**
 * Extract money amounts and percentages from article text files, without a database.
 *
 *   npm run --silent extract -- --json FILE_OR_DIR...   one JSON array on stdout
 *   npm run extract -- FILE_OR_DIR...                   a readable table per file
 *
 * Exchange rates come from the shipped data/fx_*_daily.csv files. Problems with a file are
 * reported on stderr as `file:line: message`; the other files are still processed, and the exit
 * code is 1 when any file failed (2 for a usage error).
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { extractFromText, type ArticleError, type ExtractedFigure } from "../app/lib/extract";
import { formatAmount, formatFigureValue } from "../app/lib/extract/format";
import type { FxTable } from "../app/lib/fx";
import { loadFxTableFromFiles } from "./lib/fx-files";

const USAGE = `usage: npm run --silent extract -- [--json] FILE_OR_DIR...

Extracts money amounts and percentages (tariff rates and others) from article text files
(line 1 title, line 2 'YYYY-MM-DD HH:MM:SS' UTC, then the body). A directory stands for its
*.txt files. --json prints one JSON array with an element per file on stdout.`;

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** One element of the JSON output; the field set is a contract other tools rely on. */
export interface FileResult {
  file: string;
  title: string | null;
  publishedAt: string | null;
  figures: Array<
    Pick<
      ExtractedFigure,
      | "text"
      | "start"
      | "end"
      | "kind"
      | "value"
      | "currency"
      | "rateFrom"
      | "rangeLow"
      | "rangeHigh"
      | "tariffRelated"
      | "direction"
      | "valueUsd"
      | "sentence"
      | "sameAs"
      | "flag"
    >
  >;
  errors: ArticleError[];
}

/**
 * Files named on the command line, in order, directories expanded to their *.txt files (sorted);
 * an argument that cannot be read comes back with its error.
 */
export function expandArguments(
  args: string[],
): Array<{ file: string; error: ArticleError | null }> {
  const out: Array<{ file: string; error: ArticleError | null }> = [];
  for (const arg of args) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(arg);
    } catch (e) {
      out.push({
        file: arg,
        error: {
          line: null,
          message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? String(e)}`,
        },
      });
      continue;
    }
    if (!stat.isDirectory()) {
      out.push({ file: arg, error: null });
      continue;
    }
    const inside = fs
      .readdirSync(arg)
      .filter((name) => name.endsWith(".txt"))
      .sort()
      .map((name) => path.join(arg, name));
    if (inside.length === 0)
      out.push({ file: arg, error: { line: null, message: "directory has no *.txt files" } });
    for (const file of inside) out.push({ file, error: null });
  }
  return out;
}

export function extractFile(file: string, fx: FxTable): FileResult {
  let bytes: Uint8Array;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    return {
      file,
      title: null,
      publishedAt: null,
      figures: [],
      errors: [{ line: null, message: `cannot read: ${code}` }],
    };
  }
  const { article, figures, errors } = extractFromText(bytes, fx);
  return {
    file,
    title: article ? article.title : null,
    publishedAt: article ? article.publishedAt.toISOString() : null,
    figures: figures.map((f) => ({
      text: f.text,
      start: f.start,
      end: f.end,
      kind: f.kind,
      value: f.value,
      currency: f.currency,
      rateFrom: f.rateFrom,
      rangeLow: f.rangeLow,
      rangeHigh: f.rangeHigh,
      tariffRelated: f.tariffRelated,
      direction: f.direction,
      valueUsd: f.valueUsd,
      sentence: f.sentence,
      sameAs: f.sameAs,
      flag: f.flag,
    })),
    errors,
  };
}

/** `file:line: message`; the extractor's messages name their line ("line 2: …"), said once here. */
function errorLine(file: string, e: ArticleError): string {
  if (e.line === null) return `${file}: ${e.message}`;
  const prefix = `line ${e.line}: `;
  return `${file}:${e.line}: ${e.message.startsWith(prefix) ? e.message.slice(prefix.length) : e.message}`;
}

function table(rows: string[][], rightAligned: ReadonlySet<number>): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows
    .map((r) =>
      r
        .map((cell, c) => (rightAligned.has(c) ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

const MAX_TEXT = 40;

function renderTable(result: FileResult): string {
  const head = `${result.file}: ${result.title ?? "(no title)"}${result.publishedAt ? ` (${result.publishedAt})` : ""}`;
  if (result.title === null) return `${head}\n  not extracted, see errors\n`;
  if (result.figures.length === 0) return `${head}\n  no figures\n`;
  const rows = [
    ["#", "text", "kind", "value", "currency", "USD value", "tariff?", "direction", "note"],
  ];
  result.figures.forEach((f, i) => {
    const text = f.text.length > MAX_TEXT ? `${f.text.slice(0, MAX_TEXT - 1)}…` : f.text;
    const note = [f.sameAs !== null ? `same as #${f.sameAs}` : "", f.flag ?? ""]
      .filter(Boolean)
      .join("; ");
    rows.push([
      String(i),
      text,
      f.kind === "money" ? "money" : "rate",
      formatFigureValue({ ...f, currency: null }),
      f.currency ?? "",
      f.valueUsd === null ? "" : formatAmount(f.valueUsd),
      f.tariffRelated ? "yes" : "no",
      f.direction ?? "",
      note,
    ]);
  });
  return `${head}\n${table(rows, new Set([0, 3, 5]))}\n`;
}

export function main(argv: string[]): number {
  const json = argv.includes("--json");
  const unknown = argv.filter((a) => a.startsWith("-") && a !== "--json");
  const paths = argv.filter((a) => !a.startsWith("-"));
  if (argv.includes("--help") || argv.includes("-h")) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (unknown.length > 0 || paths.length === 0) {
    if (unknown.length > 0) process.stderr.write(`extract: unknown option ${unknown.join(", ")}\n`);
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }

  let fx: FxTable;
  try {
    fx = loadFxTableFromFiles(path.join(REPO_ROOT, "data"));
  } catch (e) {
    process.stderr.write(`extract: cannot load exchange rates: ${(e as Error).message}\n`);
    return 1;
  }

  const results: FileResult[] = expandArguments(paths).map(({ file, error }) =>
    error
      ? { file, title: null, publishedAt: null, figures: [], errors: [error] }
      : extractFile(file, fx),
  );

  let failed = false;
  for (const r of results) {
    if (r.errors.length > 0) failed = true;
    for (const e of r.errors) process.stderr.write(`${errorLine(r.file, e)}\n`);
  }
  if (json) {
    process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  } else {
    process.stdout.write(results.map(renderTable).join("\n"));
  }
  return failed ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
