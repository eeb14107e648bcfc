/**
 * Exchange rates straight from the shipped tidy CSVs in data/, for tools that run without a
 * database (the `extract` CLI, the extraction accuracy test, the benchmark).
 */
import fs from "node:fs";
import path from "node:path";
import { threadId } from "node:worker_threads";
import { createFxTable, type FxCurrency, type FxPoint, type FxTable } from "../../app/lib/fx";
import { formatFileError } from "../../app/lib/file-error";
import { parseTidySeries, readDateValuePoints } from "../../app/lib/import";

const CR = 13;
const LF = 10;

/** File and value column of each currency's daily series, quoted as upstream (see FX_QUOTES). */
export const FX_FILES: Record<FxCurrency, { file: string; column: string }> = {
  CNY: { file: "fx_usd_cny_daily.csv", column: "cny_per_usd" },
  GBP: { file: "fx_gbp_usd_daily.csv", column: "usd_per_gbp" },
  EUR: { file: "fx_eur_usd_daily.csv", column: "usd_per_eur" },
  JPY: { file: "fx_usd_jpy_daily.csv", column: "jpy_per_usd" },
};

/**
 * The points of a file whose header is `date,<column>` and whose lines the import's byte scan
 * reads alone (see readDateValuePoints); null for anything else, for the general parser to read
 * and report. (Its per-point checks, run cold in each of the CLI's worker threads, took longer
 * than the CLI's own start-up.)
 */
export function plainFxPoints(bytes: Uint8Array, column: string): FxPoint[] | null {
  const header = new TextEncoder().encode(`date,${column}`);
  if (!header.every((byte, i) => bytes[i] === byte)) return null;
  let at = header.length;
  if (bytes[at] === CR) at++;
  if (bytes[at] !== LF) return null;
  return readDateValuePoints(bytes, at + 1, false);
}

/**
 * Build an FxTable from the four daily FX files in `dataDir`. Throws with the file and line when
 * a file is missing or malformed: a silently partial table would give wrong USD values.
 */
export function loadFxTableFromFiles(dataDir = "data"): FxTable {
  return createFxTable(loadFxPointsFromFiles(dataDir));
}

type FxPoints = Partial<Record<FxCurrency, FxPoint[]>>;

/** Each currency's points as its file gives them; throws as loadFxTableFromFiles does. */
function loadFxPointsFromFiles(dataDir: string): FxPoints {
  const points: FxPoints = {};
  for (const [currency, { file, column }] of Object.entries(FX_FILES) as Array<
    [FxCurrency, { file: string; column: string }]
  >) {
    const fullPath = path.join(dataDir, file);
    const bytes = fs.readFileSync(fullPath);
    const plain = plainFxPoints(bytes, column);
    if (plain) {
      points[currency] = plain;
      continue;
    }
    const parsed = parseTidySeries(bytes.toString("utf8"), file);
    if (!parsed.ok) {
      const first = parsed.errors[0];
      throw new Error(
        formatFileError(fullPath, first?.line ?? 1, first?.reason ?? "cannot read FX file"),
      );
    }
    const series = parsed.series[column];
    if (!series)
      throw new Error(
        `${fullPath}: no '${column}' column (found ${Object.keys(parsed.series).join(", ") || "none"})`,
      );
    points[currency] = series;
  }
  return points;
}

/** Bumped whenever the cache's layout changes. */
const FX_CACHE_VERSION = 1;

/**
 * The FX files' identity for the cache: size, modification time and inode of each, taken before
 * they are read (a file changed while it is read then no longer matches). Null when one cannot be
 * stat'ed, so the files are read and their error reported as usual.
 */
function fxFilesStamp(dataDir: string, parser: string): string | null {
  try {
    const identity = (file: string) => {
      const stat = fs.statSync(file);
      return [file, stat.size, stat.mtimeMs, stat.ino];
    };
    const files = Object.values(FX_FILES).map(({ file, column }) => [
      ...identity(path.resolve(dataDir, file)),
      column,
    ]);
    return JSON.stringify({ version: FX_CACHE_VERSION, parser: identity(parser), files });
  } catch {
    return null;
  }
}

/**
 * As loadFxTableFromFiles, keeping the points parsed from the files in `cacheFile` for the next
 * run while the files and `parser` (the file of the code that parses them) stay the same (parsing their 45,000 lines took a cold process about 40 ms,
 * most of the time before the first article; docs/decisions/071). The cache holds a JSON header
 * (the files' stamp, each currency's count), the values as float64 and the dates joined by commas.
 * A cache that is missing, stale or unreadable is replaced, when it can be; the files' errors
 * are never cached.
 */
export function loadFxTableCached(dataDir: string, cacheFile: string, parser: string): FxTable {
  const stamp = fxFilesStamp(dataDir, parser);
  const cached = stamp === null ? null : readFxCache(cacheFile, stamp);
  if (cached) return createFxTable(cached);
  const points = loadFxPointsFromFiles(dataDir);
  if (stamp !== null) writeFxCache(cacheFile, stamp, points);
  return createFxTable(points);
}

function readFxCache(cacheFile: string, stamp: string): FxPoints | null {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(cacheFile);
  } catch {
    return null;
  }
  try {
    const headerEnd = bytes.indexOf(LF);
    const header = JSON.parse(bytes.toString("utf8", 0, headerEnd)) as {
      stamp: string;
      counts: Partial<Record<FxCurrency, number>>;
    };
    if (header.stamp !== stamp) return null;
    const total = Object.values(header.counts).reduce((sum, n) => sum + n, 0);
    // the values start at the next multiple of 8, for a Float64Array on a copy of them
    const valuesAt = headerEnd + 1 + ((8 - ((headerEnd + 1) % 8)) % 8);
    const valuesEnd = valuesAt + total * 8;
    const values = new Float64Array(
      bytes.buffer.slice(bytes.byteOffset + valuesAt, bytes.byteOffset + valuesEnd),
    );
    const dates = bytes.toString("latin1", valuesEnd).split(",");
    if (values.length !== total || dates.length !== total) return null;
    const points: FxPoints = {};
    let at = 0;
    for (const [currency, count] of Object.entries(header.counts) as Array<[FxCurrency, number]>) {
      const series: FxPoint[] = new Array(count);
      for (let i = 0; i < count; i++, at++) series[i] = { date: dates[at], value: values[at] };
      points[currency] = series;
    }
    return points;
  } catch {
    return null;
  }
}

/** Best effort: a cache that cannot be written only means the files are parsed next time too. */
function writeFxCache(cacheFile: string, stamp: string, points: FxPoints): void {
  const entries = Object.entries(points) as Array<[FxCurrency, FxPoint[]]>;
  const dates = entries.flatMap(([, series]) => series.map((p) => p.date));
  if (dates.some((date) => date.includes(",") || /[^\x20-\x7e]/.test(date))) return;
  const header = Buffer.from(
    `${JSON.stringify({ stamp, counts: Object.fromEntries(entries.map(([c, s]) => [c, s.length])) })}\n`,
  );
  const padding = Buffer.alloc((8 - (header.length % 8)) % 8);
  const values = Float64Array.from(entries.flatMap(([, series]) => series.map((p) => p.value)));
  const staging = `${cacheFile}.${process.pid}-${threadId}.tmp`;
  try {
    fs.writeFileSync(
      staging,
      Buffer.concat([
        header,
        padding,
        Buffer.from(values.buffer),
        Buffer.from(dates.join(","), "latin1"),
      ]),
    );
    fs.renameSync(staging, cacheFile);
  } catch {
    fs.rmSync(staging, { force: true });
  }
}
