/**
 * Exchange rates straight from the shipped tidy CSVs in data/, for tools that run without a
 * database (the `extract` CLI, the extraction accuracy test, the benchmark).
 */
import fs from "node:fs";
import path from "node:path";
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
  const points: Partial<Record<FxCurrency, FxPoint[]>> = {};
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
  return createFxTable(points);
}
