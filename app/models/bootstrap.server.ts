import fs from "node:fs";
import path from "node:path";
import { count } from "drizzle-orm";
import type { Db } from "../../db/index";
import { observations, series } from "../../db/schema";

/**
 * Load the shipped data into an empty database so the first start shows real charts.
 * Minimal loader for the monthly trade file; the catalogue importer replaces it.
 */
export async function ensureShippedData(db: Db, dataDir = "data"): Promise<void> {
  const [{ n }] = await db.select({ n: count() }).from(series);
  if (n > 0) return;
  const text = fs.readFileSync(path.join(dataDir, "us_china_trade_monthly.csv"), "utf8");
  const lines = text.trim().split(/\r?\n/);
  const header = lines[0].split(",");
  const columns = [
    ["trade-exports-to-china", "exports_to_china_musd", "US exports to China"],
    ["trade-imports-from-china", "imports_from_china_musd", "US imports from China"],
    ["trade-balance", "balance_musd", "US trade balance with China"],
  ] as const;
  await db.transaction(async (tx) => {
    for (const [slug, column, name] of columns) {
      const [row] = await tx
        .insert(series)
        .values({
          slug,
          name,
          unit: "USD millions",
          frequency: "monthly",
          source: "U.S. Census Bureau",
          sourceUrl: "https://www.census.gov/foreign-trade/balance/c5700.html",
          licence: "Public domain (U.S. Government work)",
        })
        .returning({ id: series.id });
      const index = header.indexOf(column);
      const values = lines
        .slice(1)
        .map((line) => line.split(","))
        .filter((cells) => cells[index] !== "")
        .map((cells) => ({ seriesId: row.id, date: cells[0], value: Number(cells[index]) }));
      await tx.insert(observations).values(values);
    }
  });
}
