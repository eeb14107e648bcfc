/**
 * Exchange rates straight from the shipped tidy CSVs in data/, for tools that run without a
 * database (the `extract` CLI, the extraction accuracy test, the benchmark).
 */
import fs from "node:fs";
import path from "node:path";
import { createFxTable, type FxCurrency, type FxPoint, type FxTable } from "../../app/lib/fx";
import { formatFileError } from "../../app/lib/file-error";
import { parseTidySeries } from "../../app/lib/import";
import { daysInMonth, yearOutsideSpan } from "../../app/lib/date-range";

/** File and value column of each currency's daily series, quoted as upstream (see FX_QUOTES). */
export const FX_FILES: Record<FxCurrency, { file: string; column: string }> = {
  CNY: { file: "fx_usd_cny_daily.csv", column: "cny_per_usd" },
  GBP: { file: "fx_gbp_usd_daily.csv", column: "usd_per_gbp" },
  EUR: { file: "fx_eur_usd_daily.csv", column: "usd_per_eur" },
  JPY: { file: "fx_usd_jpy_daily.csv", column: "jpy_per_usd" },
};

/** Every line after the header an ISO date and a plain decimal (no missing values, no quotes). */
const PLAIN_LINES = /^(?:\d{4}-\d{2}-\d{2},-?\d+(?:\.\d+)?\r?\n)*$/;

/**
 * The points of a file in the plainest form, read without the general parser: the header
 * `date,<column>`, then only `YYYY-MM-DD,<plain decimal>` lines with real dates in increasing
 * order (so no duplicates), each line ended. Null for anything else: the general parser then
 * reads the file and reports its errors. (Its per-point checks, run cold in each of the CLI's
 * worker threads, took longer than the CLI's own start-up.)
 */
export function plainDateValues(text: string, column: string): FxPoint[] | null {
  const header = /^date,([^\r\n,"]*)\r?\n/.exec(text);
  if (!header || header[1] !== column) return null;
  const body = text.slice(header[0].length);
  if (!PLAIN_LINES.test(body)) return null;
  const points: FxPoint[] = [];
  let previous = "";
  for (let at = 0; at < body.length;) {
    const newline = body.indexOf("\n", at);
    const date = body.slice(at, at + 10);
    const year = Number(date.slice(0, 4));
    const month = Number(date.slice(5, 7));
    const day = Number(date.slice(8, 10));
    if (
      date <= previous ||
      yearOutsideSpan(year) !== null ||
      month < 1 ||
      month > 12 ||
      day < 1 ||
      (day > 28 && day > daysInMonth(year, month))
    )
      return null;
    const end = body.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
    points.push({ date, value: Number(body.slice(at + 11, end)) });
    previous = date;
    at = newline + 1;
  }
  return points;
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
    const text = fs.readFileSync(fullPath, "utf8");
    const plain = plainDateValues(text, column);
    if (plain) {
      points[currency] = plain;
      continue;
    }
    const parsed = parseTidySeries(text, file);
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
