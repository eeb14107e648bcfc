import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../db/index";
import { sql } from "drizzle-orm";
import { CATALOGUE, requireCatalogueEntry } from "~/lib/catalogue";
import { importCatalogue, importFile } from "~/models/imports.server";
import { getEventSources, getSourceCatalogue, getSources } from "~/models/sources.server";
import { openTestDb } from "../setup/db";

let handle: DbHandle;

beforeAll(async () => {
  handle = await openTestDb();
  await importCatalogue(handle.db);
  const impch = fs.readFileSync(
    path.resolve(__dirname, "../fixtures/upstream/IMPCH.excerpt.csv"),
    "utf8",
  );
  await importFile(handle.db, { fileName: "raw/IMPCH.csv", text: impch });
});

afterAll(async () => {
  await handle?.close();
});

describe("getSourceCatalogue", () => {
  it("lists catalogued series in catalogue order, then the others", async () => {
    const sources = await getSourceCatalogue(handle.db);
    expect(sources.map((s) => s.slug)).toEqual([
      ...CATALOGUE.map((entry) => entry.slug),
      "fred-impch",
    ]);
    expect(sources.at(-1)).toMatchObject({ catalogued: false, otherUrls: [] });
  });

  it("gives source, credit, span, row count and last import for each series", async () => {
    const sources = await getSourceCatalogue(handle.db);
    const imports = sources.find((s) => s.slug === "trade-imports-from-china")!;
    expect(imports).toMatchObject({
      name: "US imports of goods from China",
      unit: "USD millions",
      frequency: "monthly",
      source: "U.S. Census Bureau (Foreign Trade Division); FRED IMPCH",
      sourceUrl: "https://www.census.gov/foreign-trade/balance/c5700.html",
      otherUrls: [
        "https://www.census.gov/foreign-trade/balance/country.xlsx",
        "https://fred.stlouisfed.org/series/IMPCH",
      ],
      catalogued: true,
      rows: 492,
      firstDate: "1985-01-01",
      lastDate: "2025-12-01",
    });
    expect(imports.licence).toMatch(/Census Bureau/);
    expect(imports.lastImport).toMatchObject({
      fileName: "data/us_china_trade_monthly.csv",
      format: "tidy-csv",
    });
    expect(Number.isNaN(Date.parse(imports.lastImport!.importedAt))).toBe(false);
    const tariff = sources.find((s) => s.slug === "tariff-us-on-china")!;
    expect(tariff.licence).toContain(
      'Chad P. Bown, "US-China Trade War Tariffs: An Up-to-Date Chart," PIIE',
    );
  });

  it("moves the last import to a newer vintage that changed the series", async () => {
    const text = fs
      .readFileSync("data/fx_usd_cny_daily.csv", "utf8")
      .replace("1981-01-05,1.5418", "1981-01-05,1.5419");
    const result = await importFile(handle.db, { fileName: "vintage/fx_usd_cny_daily.csv", text });
    expect(result.ok && result.updated).toBe(1);
    const sources = await getSourceCatalogue(handle.db);
    expect(sources.find((s) => s.slug === "fx-usd-cny")?.lastImport?.fileName).toBe(
      "vintage/fx_usd_cny_daily.csv",
    );
    expect(sources.find((s) => s.slug === "fx-gbp-usd")?.lastImport?.fileName).toBe(
      "data/fx_gbp_usd_daily.csv",
    );
  });

  it("describes a catalogued series as the catalogue does, not as an older import stored it", async () => {
    // A database loaded before a catalogue correction keeps its files (they are not imported
    // again), so the page must not show the stored copy: exports never came from FRED IMPCH.
    await handle.db.execute(
      sql`update series set source = 'U.S. Census Bureau (Foreign Trade Division); FRED IMPCH' where slug = 'trade-exports-to-china'`,
    );
    const sources = await getSourceCatalogue(handle.db);
    const exports = sources.find((s) => s.slug === "trade-exports-to-china")!;
    expect(exports.source).toBe(requireCatalogueEntry("trade-exports-to-china").source);
    expect(exports.source).not.toContain("FRED");
    expect(exports.otherUrls.join(" ")).not.toContain("fred");
  });
});

describe("getEventSources", () => {
  it("summarises the events by source with their credit", async () => {
    const events = await getEventSources(handle.db);
    expect(events.map((e) => [e.source, e.rows, e.firstDate, e.lastDate])).toEqual([
      ["piie", 76, "2018-02-07", "2025-11-14"],
      ["register", 73, "2018-02-07", "2026-01-01"],
    ]);
    expect(events[1].lastImport?.fileName).toBe("data/tariff_actions.csv");
    expect(events[0].credit).toContain("PIIE");
  });
});

describe("getSources", () => {
  it("works the sources out once per data version and again after an import", async () => {
    const first = await getSources(handle.db);
    expect(first).toEqual({
      series: await getSourceCatalogue(handle.db),
      events: await getEventSources(handle.db),
    });
    expect(await getSources(handle.db)).toBe(first);
    const text = fs
      .readFileSync("data/fx_usd_cny_daily.csv", "utf8")
      .replace("1981-01-05,1.5418", "1981-01-05,1.5417");
    const result = await importFile(handle.db, { fileName: "later/fx_usd_cny_daily.csv", text });
    expect(result.ok && result.updated).toBe(1);
    const after = await getSources(handle.db);
    expect(after).not.toBe(first);
    expect(after.series.find((s) => s.slug === "fx-usd-cny")?.lastImport?.fileName).toBe(
      "later/fx_usd_cny_daily.csv",
    );
  });
});
