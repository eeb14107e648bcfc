import type { ChartSpec } from "~/lib/charts/spec";
import type { CsvCell } from "~/lib/csv";

export const TRADE_SLUGS = {
  exports: "trade-exports-to-china",
  imports: "trade-imports-from-china",
  balance: "trade-balance",
} as const;

export interface TradeRow {
  /** First day of the month, ISO. */
  date: string;
  exportsUsdBn: number | null;
  importsUsdBn: number | null;
  balanceUsdBn: number | null;
}

interface Point {
  date: string;
  value: number;
}

/** Millions to billions, rounded to the thousand dollars the upstream precision allows. */
export function millionsToBillions(value: number): number {
  return Math.round(value * 1000) / 1_000_000;
}

/** One row per month from the three monthly series (USD millions upstream). */
export function buildTradeRows(pointsBySlug: Map<string, Point[]>): TradeRow[] {
  const rows = new Map<string, TradeRow>();
  const rowFor = (date: string) => {
    let row = rows.get(date);
    if (!row) {
      row = { date, exportsUsdBn: null, importsUsdBn: null, balanceUsdBn: null };
      rows.set(date, row);
    }
    return row;
  };
  for (const point of pointsBySlug.get(TRADE_SLUGS.exports) ?? []) {
    rowFor(point.date).exportsUsdBn = millionsToBillions(point.value);
  }
  for (const point of pointsBySlug.get(TRADE_SLUGS.imports) ?? []) {
    rowFor(point.date).importsUsdBn = millionsToBillions(point.value);
  }
  for (const point of pointsBySlug.get(TRADE_SLUGS.balance) ?? []) {
    rowFor(point.date).balanceUsdBn = millionsToBillions(point.value);
  }
  return [...rows.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
}

export const TRADE_CSV_HEADER = [
  "date",
  "exports_to_china_usd_bn",
  "imports_from_china_usd_bn",
  "balance_usd_bn",
] as const;

export function tradeRowToCsv(row: TradeRow): CsvCell[] {
  return [row.date, row.exportsUsdBn, row.importsUsdBn, row.balanceUsdBn];
}

export function tradeChartSpec(rows: TradeRow[], xMin: string | null, xMax: string | null): ChartSpec {
  const source = "U.S. Census Bureau";
  const points = (pick: (row: TradeRow) => number | null) =>
    rows.flatMap((row) => {
      const value = pick(row);
      return value === null ? [] : [{ x: row.date, y: value }];
    });
  return {
    id: "trade",
    yTitle: "USD bn per month",
    valueFormat: "usd_bn",
    yScale: "linear",
    xMin,
    xMax,
    datasets: [
      { id: "imports", label: "Imports from China", colorVar: "--china", style: "line", unit: "USD bn", source, data: points((r) => r.importsUsdBn) },
      { id: "exports", label: "Exports to China", colorVar: "--us", style: "line", unit: "USD bn", source, data: points((r) => r.exportsUsdBn) },
      { id: "balance", label: "Balance", colorVar: "--balance", style: "line", dashed: true, unit: "USD bn", source, data: points((r) => r.balanceUsdBn) },
    ],
    events: [],
  };
}
