import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  CATALOGUE,
  EVENT_FILES,
  catalogueEntry,
  catalogueEntryFor,
  catalogueFiles,
  requireCatalogueEntry,
  uncataloguedSeries,
} from "~/lib/catalogue";
import { parseSeriesFile } from "~/lib/import";

const ROOT = path.resolve(__dirname, "../..");

describe("catalogue", () => {
  it("has the slugs the dashboard is written against, once each", () => {
    expect(CATALOGUE.map((entry) => entry.slug)).toEqual([
      "trade-exports-to-china",
      "trade-imports-from-china",
      "trade-balance",
      "fx-usd-cny",
      "fx-gbp-usd",
      "fx-eur-usd",
      "fx-usd-jpy",
      "tariff-us-on-china",
      "tariff-china-on-us",
      "tariff-us-on-row",
      "tariff-china-on-row",
      "coverage-us-on-china",
      "coverage-china-on-us",
      "trade-annual-exports-to-china",
      "trade-annual-imports-from-china",
      "trade-annual-balance",
    ]);
  });

  it("fills every field of every entry", () => {
    for (const entry of CATALOGUE) {
      for (const key of [
        "slug",
        "name",
        "unit",
        "frequency",
        "source",
        "sourceUrl",
        "licence",
        "file",
        "column",
      ] as const) {
        expect(entry[key], `${entry.slug}.${key}`).not.toBe("");
      }
      expect(entry.sourceUrl).toMatch(/^https:\/\//);
    }
  });

  it("points every entry at a numeric column of a shipped file", () => {
    for (const entry of CATALOGUE) {
      const text = fs.readFileSync(path.join(ROOT, entry.file), "utf8");
      const result = parseSeriesFile(text, entry.file);
      expect(result.ok, entry.file).toBe(true);
      if (!result.ok) continue;
      const column = result.columns.find((c) => c.name === entry.column);
      expect(column?.points.length, `${entry.slug}`).toBeGreaterThan(0);
    }
  });

  it("has the event files and every file exists", () => {
    expect(EVENT_FILES.map((entry) => entry.source)).toEqual(["register", "piie"]);
    for (const file of catalogueFiles())
      expect(fs.existsSync(path.join(ROOT, file)), file).toBe(true);
    expect(catalogueFiles()).toHaveLength(8);
  });

  it("looks entries up by slug and by file base name + column", () => {
    expect(catalogueEntry("fx-usd-jpy")?.unit).toBe("JPY per USD");
    expect(catalogueEntry("nope")).toBeUndefined();
    expect(() => requireCatalogueEntry("nope")).toThrow(/Unknown series slug/);
    expect(catalogueEntryFor("/tmp/x/us_china_trade_monthly.csv", "balance_musd")?.slug).toBe(
      "trade-balance",
    );
    expect(catalogueEntryFor("us_china_trade_annual.csv", "balance_musd")?.slug).toBe(
      "trade-annual-balance",
    );
    expect(catalogueEntryFor("us_china_trade_monthly.csv", "exports_source")).toBeUndefined();
  });

  it("names uncatalogued series after the FRED id or the column", () => {
    expect(uncataloguedSeries("fred-csv", "IMPCH")).toMatchObject({
      slug: "fred-impch",
      unit: "USD millions",
    });
    expect(uncataloguedSeries("fred-csv", "BENCH")).toMatchObject({
      slug: "fred-bench",
      name: "BENCH",
      unit: "unknown",
    });
    expect(uncataloguedSeries("tidy-csv", "cn_exports_subject_us_tariff")).toMatchObject({
      slug: "cn-exports-subject-us-tariff",
      unit: "unknown",
    });
    expect(uncataloguedSeries("census-c5700-csv", "Imports").slug).toBe("census-c5700-imports");
  });
  it("names FRED IMPCH only on the series that hold values taken from it", () => {
    // The monthly file says per row where exports and imports came from; a balance is Census's
    // own (it is empty wherever either flow is missing).
    const [header, ...lines] = fs
      .readFileSync(path.join(ROOT, "data/us_china_trade_monthly.csv"), "utf8")
      .trim()
      .split(/\r?\n/);
    const columns = header.split(",");
    const rows = lines.map((line) => line.split(","));
    const usesFred = (column: string, sourceColumns: string[]) =>
      rows.some(
        (row) =>
          row[columns.indexOf(column)] !== "" &&
          sourceColumns.some((source) => row[columns.indexOf(source)].startsWith("fred")),
      );
    const sourcesOf: Record<string, string[]> = {
      exports_to_china_musd: ["exports_source"],
      imports_from_china_musd: ["imports_source"],
      balance_musd: ["exports_source", "imports_source"],
    };
    const monthly = CATALOGUE.filter((entry) => entry.file === "data/us_china_trade_monthly.csv");
    expect(monthly).toHaveLength(3);
    for (const entry of monthly) {
      const fred = usesFred(entry.column, sourcesOf[entry.column]);
      expect({ slug: entry.slug, namesFred: entry.source.includes("FRED") }).toEqual({
        slug: entry.slug,
        namesFred: fred,
      });
      expect({
        slug: entry.slug,
        linksFred: entry.otherUrls.some((url) => url.includes("fred")),
      }).toEqual({ slug: entry.slug, linksFred: fred });
      expect({ slug: entry.slug, creditsFred: entry.licence.includes("FRED") }).toEqual({
        slug: entry.slug,
        creditsFred: fred,
      });
    }
    // The annual file is Census's own: nothing of it came through FRED.
    for (const entry of CATALOGUE.filter((e) => e.file === "data/us_china_trade_annual.csv"))
      expect(`${entry.source} ${entry.licence} ${entry.otherUrls.join(" ")}`).not.toMatch(/FRED/i);
  });
});
