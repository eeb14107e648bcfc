// Benchmark importFile against PostgreSQL's own COPY, and show that memory stays flat in file size.
// Usage: npm run bench:import   (DATABASE_URL: server to use, default postgres://postgres@127.0.0.1:5432/postgres;
//        a fresh database is created there and dropped afterwards. BENCH_ROWS overrides 1,000,000,
//        BENCH_PGLITE_ROWS the PGlite run (default: same as BENCH_ROWS; 0 skips it), BENCH_REPEAT the
//        number of COPY/import pairs whose medians give the ratio (default 3).)
// Each importFile run happens in a fresh child process whose V8 old space is capped at 64 MB, so its peak
// RSS shows the memory the import needs rather than how lazily the garbage collector ran.
// Dates must fall within DATE_SPAN (1900–2100, about 73,000 days), so a run's rows are one-series FRED
// files of at most one row a day of the span each, imported one after another in the same process.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import { pipeline } from "node:stream/promises";
import { fileURLToPath } from "node:url";
import postgres from "postgres";
import { createDb } from "../db/index";
import { createThrowawayDatabase, type ThrowawayDatabase } from "../db/throwaway";
import { parseCommandLine } from "./lib/args";
import { importPath, type ImportFileResult } from "../app/models/imports.server";
import { DATE_SPAN } from "../app/lib/date-range";

const SERVER_URL = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
const ROWS = positive(process.env.BENCH_ROWS, 1_000_000);
const SMALL_ROWS = Math.max(1, Math.floor(ROWS / 4));
const PGLITE_ROWS = positive(process.env.BENCH_PGLITE_ROWS, ROWS, true);
const REPEAT = positive(process.env.BENCH_REPEAT, 3);
const DAY_MS = 86_400_000;
const CHILD_HEAP_MB = 64;
const SCRIPT = fileURLToPath(import.meta.url);
const SPAN_START = Date.UTC(DATE_SPAN.firstYear, 0, 1);
/** Rows in one file: a day each, every day of the accepted span. */
const FILE_ROWS = (Date.UTC(DATE_SPAN.lastYear, 11, 31) - SPAN_START) / DAY_MS + 1;

function positive(text: string | undefined, fallback: number, allowZero = false): number {
  const value = text === undefined ? fallback : Number(text);
  if (!Number.isInteger(value) || value < (allowZero ? 0 : 1))
    throw new Error(`bad row count "${text}"`);
  return value;
}

/** FRED-layout files holding `rows` daily observations in all, each one series of up to FILE_ROWS. */
async function writeFredFiles(dir: string, id: string, rows: number): Promise<string[]> {
  const files: string[] = [];
  for (let done = 0, k = 1; done < rows; done += FILE_ROWS, k++) {
    const file = path.join(dir, `${id}-${k}.csv`);
    await writeFredFile(file, `${id}${k}`, Math.min(FILE_ROWS, rows - done));
    files.push(file);
  }
  return files;
}

/** A FRED-layout file of `rows` consecutive daily observations from the span's first day. */
async function writeFredFile(file: string, id: string, rows: number): Promise<void> {
  const out = fs.createWriteStream(file);
  const write = (text: string) =>
    out.write(text)
      ? Promise.resolve()
      : new Promise<void>((resolve) => out.once("drain", resolve));
  await write(`observation_date,${id}\n`);
  let time = SPAN_START;
  let chunk = "";
  for (let i = 0; i < rows; i++) {
    const value = 100 + 10 * Math.sin(i / 97) + (i % 13) / 100;
    chunk += `${new Date(time).toISOString().slice(0, 10)},${value.toFixed(4)}\n`;
    time += DAY_MS;
    if (chunk.length > 1 << 16) {
      await write(chunk);
      chunk = "";
    }
  }
  await write(chunk);
  await new Promise<void>((resolve, reject) =>
    out.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
}

/** Peak resident set size of this process while `run` is going (sampled every 10 ms). */
async function measure<T>(
  run: () => Promise<T>,
): Promise<{ value: T; seconds: number; peakRssMb: number }> {
  global.gc?.();
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 10);
  const start = performance.now();
  try {
    const value = await run();
    const seconds = (performance.now() - start) / 1000;
    peak = Math.max(peak, process.memoryUsage.rss());
    return { value, seconds, peakRssMb: peak / 1e6 };
  } finally {
    clearInterval(timer);
  }
}

/** What the imports of one run did, added up over its files. */
interface Totals {
  added: number;
  updated: number;
  unchanged: number;
  stageMs: number;
  mergeMs: number;
}

function addImported(totals: Totals, result: ImportFileResult): Totals {
  if (!result.ok) throw new Error(`import failed: ${JSON.stringify(result.errors.slice(0, 3))}`);
  return {
    added: totals.added + result.added,
    updated: totals.updated + result.updated,
    unchanged: totals.unchanged + result.unchanged,
    stageMs: totals.stageMs + result.timings.stageMs,
    mergeMs: totals.mergeMs + result.timings.mergeMs,
  };
}

interface ChildRun {
  seconds: number;
  peakRssMb: number;
  value: Totals;
}

/** Child mode: open the database, import the files in turn, print the measurement as JSON. */
async function child(driver: string, location: string, files: string[]): Promise<void> {
  const handle = await createDb(
    driver === "pglite" ? { pgliteDir: location } : { databaseUrl: location },
  );
  try {
    // importPath is what `npm run import` runs: it streams each file from disk.
    const run = await measure(async () => {
      let totals: Totals = { added: 0, updated: 0, unchanged: 0, stageMs: 0, mergeMs: 0 };
      for (const file of files) totals = addImported(totals, await importPath(handle.db, file));
      return totals;
    });
    process.stdout.write(
      JSON.stringify({ seconds: run.seconds, peakRssMb: run.peakRssMb, value: run.value }) + "\n",
    );
  } finally {
    await handle.close();
  }
}

/** Import the files in a fresh process (capped heap) and return what it measured. */
function importInChild(
  driver: "postgres" | "pglite",
  location: string,
  files: string[],
): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const proc = spawn(
      process.execPath,
      [
        `--max-old-space-size=${CHILD_HEAP_MB}`,
        "--import",
        "tsx",
        SCRIPT,
        "--child",
        driver,
        location,
        ...files,
      ],
      { stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, DATABASE_URL: "" } },
    );
    let out = "";
    proc.stdout.on("data", (chunk) => (out += chunk));
    proc.on("error", reject);
    proc.on("close", (code) => {
      if (code !== 0) return reject(new Error(`child import exited with ${code}`));
      resolve(JSON.parse(out.trim().split("\n").at(-1)!) as ChildRun);
    });
  });
}

const rows: string[][] = [];
function report(
  label: string,
  count: number,
  seconds: number,
  peakRssMb: number | null,
  note = "",
) {
  rows.push([
    label,
    count.toLocaleString("en-US"),
    seconds.toFixed(2),
    Math.round(count / seconds).toLocaleString("en-US"),
    peakRssMb === null ? "" : `${peakRssMb.toFixed(0)} MB`,
    note,
  ]);
  console.error(`  ${label}: ${seconds.toFixed(2)} s`);
}

function printTable() {
  const header = ["run", "rows", "seconds", "rows/s", "peak RSS", "notes"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === 0 || i === 5 ? cell.padEnd(widths[i]) : cell.padStart(widths[i])))
      .join("  ");
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of rows) console.log(line(row));
}

function stagingNote(result: Totals): string {
  const { stageMs, mergeMs } = result;
  return `load ${(stageMs / 1000).toFixed(2)} s + merge ${(mergeMs / 1000).toFixed(2)} s; ${result.added} added, ${result.updated} updated, ${result.unchanged} unchanged`;
}

/** A new, migrated database on the server, dropped by `drop()`. */
async function freshDatabase(): Promise<ThrowawayDatabase> {
  const database = await createThrowawayDatabase(SERVER_URL, "bench_import");
  const migrated = await createDb({ databaseUrl: database.url });
  await migrated.close();
  return database;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** `COPY … FROM STDIN` of the benchmark files into a new bare (date, value) table. */
async function copyBare(client: postgres.Sql, files: string[], table: string) {
  await client.unsafe(`create table ${table} (date date, value double precision)`);
  const copied = await measure(async () => {
    for (const file of files) {
      const writable = await client
        .unsafe(`copy ${table} from stdin with (format csv, header true)`)
        .writable();
      await pipeline(fs.createReadStream(file, { highWaterMark: 256 * 1024 }), writable);
    }
  });
  await client.unsafe(`drop table ${table}`);
  return copied;
}

async function benchPostgres(bigFiles: string[], smallFiles: string[]) {
  const main = await freshDatabase();
  const copyClient = postgres(main.url, { max: 1, onnotice: () => {} });
  try {
    console.error(`PostgreSQL: fresh database ${main.url.replace(/^.*\//, "")}`);
    const small = await importInChild("postgres", main.url, smallFiles);
    report(
      "importFile, PostgreSQL",
      SMALL_ROWS,
      small.seconds,
      small.peakRssMb,
      stagingNote(small.value),
    );

    // Pairs of runs, the order alternating, each import into a database of its own: on a shared
    // machine single runs vary by a third, so the ratio is taken from the medians.
    const copies: number[] = [];
    const imports: ChildRun[] = [];
    for (let run = 0; run < REPEAT; run++) {
      const target = run === 0 ? main : await freshDatabase();
      try {
        const copyFirst = run % 2 === 0;
        if (copyFirst) copies.push((await copyBare(copyClient, bigFiles, `bare_${run}`)).seconds);
        imports.push(await importInChild("postgres", target.url, bigFiles));
        if (!copyFirst) copies.push((await copyBare(copyClient, bigFiles, `bare_${run}`)).seconds);
        console.error(
          `  run ${run + 1}/${REPEAT}: COPY ${copies[run].toFixed(2)} s, importFile ${imports[run].seconds.toFixed(2)} s, ratio ${(copies[run] / imports[run].seconds).toFixed(3)}`,
        );
      } finally {
        if (run > 0) await target.drop();
      }
    }
    const copySeconds = median(copies);
    report(
      "COPY bare_table FROM STDIN",
      ROWS,
      copySeconds,
      null,
      `median of ${REPEAT}; postgres.js copy stream of the same files`,
    );
    const big = [...imports].sort((a, b) => a.seconds - b.seconds)[Math.floor(REPEAT / 2)];
    const importSeconds = median(imports.map((run) => run.seconds));
    const bigPeakRssMb = Math.max(...imports.map((run) => run.peakRssMb));
    report(
      "importFile, PostgreSQL",
      ROWS,
      importSeconds,
      bigPeakRssMb,
      `median of ${REPEAT}; ${stagingNote(big.value)}`,
    );

    const again = await importInChild("postgres", main.url, bigFiles);
    report(
      "importFile again (no change)",
      ROWS,
      again.seconds,
      again.peakRssMb,
      stagingNote(again.value),
    );

    // The floor set by the observations table itself: COPY straight into a table with the same
    // primary key (series_id, date) and no foreign keys (series_id and import_id from column defaults;
    // each file its own series id).
    const [ref] = await copyClient<{ series_id: number; import_id: number }[]>`
      insert into series (slug, name, unit, frequency, source, source_url, licence)
      values ('bench-reference', 'reference', 'unknown', 'daily', 'bench', '', 'bench')
      returning id as series_id, (select max(id) from imports) as import_id`;
    await copyClient.unsafe(`create table constrained_table (
        series_id integer not null default ${Number(ref.series_id)},
        date date not null,
        value double precision not null,
        import_id integer default ${Number(ref.import_id)},
        primary key (series_id, date))`);
    const constrained = await measure(async () => {
      for (const [i, file] of bigFiles.entries()) {
        if (i > 0)
          await copyClient.unsafe(
            `alter table constrained_table alter column series_id set default ${Number(ref.series_id) + i}`,
          );
        const writable =
          await copyClient`copy constrained_table (date, value) from stdin with (format csv, header true)`.writable();
        await pipeline(fs.createReadStream(file, { highWaterMark: 256 * 1024 }), writable);
      }
    });
    report(
      "COPY into observations-shaped table",
      ROWS,
      constrained.seconds,
      null,
      "same primary key (series_id, date), no FKs",
    );

    return {
      copySeconds,
      importSeconds,
      ratios: copies.map((copy, i) => copy / imports[i].seconds),
      bigPeakRssMb,
      small,
      again,
      constrained,
    };
  } finally {
    await copyClient.end({ timeout: 5 });
    await main.drop();
  }
}

async function benchPglite(files: string[], count: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-import-pglite-"));
  try {
    console.error(`PGlite: fresh directory ${dir}`);
    const run = await importInChild("pglite", dir, files);
    report(
      "importFile, PGlite (file-backed)",
      count,
      run.seconds,
      run.peakRssMb,
      stagingNote(run.value),
    );
    return run;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function megabytes(files: string[]): string {
  return (files.reduce((sum, file) => sum + fs.statSync(file).size, 0) / 1e6).toFixed(1);
}

async function main(): Promise<number> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "bench-import-"));
  try {
    console.error(
      `Generating ${ROWS.toLocaleString("en-US")} and ${SMALL_ROWS.toLocaleString("en-US")} FRED-layout rows (files of up to ${FILE_ROWS.toLocaleString("en-US")}) in ${tmp}`,
    );
    const bigFiles = await writeFredFiles(tmp, "BENCH", ROWS);
    const smallFiles = await writeFredFiles(tmp, "BENCHSMALL", SMALL_ROWS);
    const pgliteFiles =
      PGLITE_ROWS > 0 && PGLITE_ROWS !== ROWS
        ? await writeFredFiles(tmp, "BENCHPGLITE", PGLITE_ROWS)
        : bigFiles;

    const pg = await benchPostgres(bigFiles, smallFiles);
    if (PGLITE_ROWS > 0) await benchPglite(pgliteFiles, PGLITE_ROWS);

    console.log("");
    printTable();
    const importRate = ROWS / pg.importSeconds;
    const copyRate = ROWS / pg.copySeconds;
    const ratio = importRate / copyRate;
    const constrainedRatio = importRate / (ROWS / pg.constrained.seconds);
    console.log("");
    console.log(
      `importFile / COPY bare_table (rows/s, medians of ${REPEAT}): ${ratio.toFixed(3)} (goal >= 0.5: ${ratio >= 0.5 ? "met" : "NOT met"}); ` +
        `per run: ${pg.ratios.map((r) => r.toFixed(3)).join(", ")}`,
    );
    console.log(
      `importFile / COPY into an observations-shaped table: ${constrainedRatio.toFixed(2)}`,
    );
    console.log(
      `peak RSS (fresh process, ${CHILD_HEAP_MB} MB old-space cap): ${pg.small.peakRssMb.toFixed(0)} MB for ${SMALL_ROWS.toLocaleString("en-US")} rows, ` +
        `${pg.bigPeakRssMb.toFixed(0)} MB (highest of the runs) for ${ROWS.toLocaleString("en-US")} rows (PostgreSQL runs; ` +
        `file sizes ${megabytes(smallFiles)} MB in ${smallFiles.length} and ${megabytes(bigFiles)} MB in ${bigFiles.length})`,
    );
    console.log(
      `machine: ${os.cpus().length} cores, load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(" ")}`,
    );
    return 0;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

// The parent starts each measured import as `--child DRIVER LOCATION FILE...`.
const { values, positionals } = parseCommandLine(process.argv.slice(2), {
  child: { type: "boolean" },
});
const run = values.child
  ? child(positionals[0], positionals[1], positionals.slice(2)).then(() => 0)
  : main();
run.then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(`bench-import: ${error instanceof Error ? error.stack : String(error)}`);
    process.exitCode = 1;
  },
);
