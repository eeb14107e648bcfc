/**
 * The series catalogue: the one place where series slugs, names, units, sources and credits live.
 * Imports, the sources page and the dashboard read it; nothing else spells these out.
 * Source facts come from data/PROVENANCE (publisher pages, FRED ids, PIIE attribution).
 */
import type { SeriesFormat, TariffEventSource } from "./import/types";

export interface CatalogueEntry {
  slug: string;
  name: string;
  unit: string;
  /** "monthly", "annual", "daily" or "event (step)" (a value holds until the next dated row). */
  frequency: string;
  source: string;
  /** The publisher's page for the series. */
  sourceUrl: string;
  /** Further upstream pages the shipped file was built from. */
  otherUrls: readonly string[];
  /** Licence and the credit line to show with the data. */
  licence: string;
  /** Shipped file, relative to the repository root. */
  file: string;
  /** Column of `file` that holds the series. */
  column: string;
  /**
   * Decimals the publisher states values to (Census 0.1 $M, H.10 four decimals or two for yen,
   * PIIE two): shown and downloaded values are rounded to it, so float noise never reaches a reader.
   */
  decimals: number;
}

export interface EventFileEntry {
  file: string;
  source: TariffEventSource;
  description: string;
  credit: string;
  sourceUrl: string;
}

/** Metadata for series that come from a file or column the catalogue does not list. */
export interface SeriesDefaults {
  name: string;
  unit: string;
  frequency: string | null;
  source: string;
  sourceUrl: string;
  licence: string;
}

const CENSUS_CREDIT =
  "Public domain: U.S. government data. Credit: U.S. Census Bureau, Foreign Trade Division.";
/** For series that hold values taken from FRED's copy of the Census figures. */
const CENSUS_VIA_FRED_CREDIT =
  "Public domain: U.S. government data. Credit: U.S. Census Bureau, Foreign Trade Division (FRED series via the Federal Reserve Bank of St. Louis).";
const H10_CREDIT =
  "Public domain: U.S. government data. Credit: Board of Governors of the Federal Reserve System, H.10 release, via FRED (Federal Reserve Bank of St. Louis).";
const PIIE_CREDIT =
  'Attribute as: Chad P. Bown, "US-China Trade War Tariffs: An Up-to-Date Chart," PIIE. © Peterson Institute for International Economics; the data is published openly with the chart, but redistribution terms were not verified: check piie.com terms before republishing the raw data.';

const CENSUS_C5700_URL = "https://www.census.gov/foreign-trade/balance/c5700.html";
const CENSUS_COUNTRY_URL = "https://www.census.gov/foreign-trade/balance/country.xlsx";
const PIIE_URL =
  "https://www.piie.com/research/piie-charts/2019/us-china-trade-war-tariffs-date-chart";

function fredUrl(id: string): string {
  return `https://fred.stlouisfed.org/series/${id}`;
}

/**
 * Only imports hold values from FRED (IMPCH, for months missing from the Census files); exports
 * and the balance are Census's alone, so only the imports entry names FRED.
 */
const tradeMonthly = {
  frequency: "monthly",
  unit: "USD millions",
  source: "U.S. Census Bureau (Foreign Trade Division)",
  sourceUrl: CENSUS_C5700_URL,
  otherUrls: [CENSUS_COUNTRY_URL],
  licence: CENSUS_CREDIT,
  file: "data/us_china_trade_monthly.csv",
  decimals: 1,
};

const tradeAnnual = {
  frequency: "annual",
  unit: "USD millions",
  source: "U.S. Census Bureau (Foreign Trade Division)",
  sourceUrl: CENSUS_C5700_URL,
  otherUrls: [CENSUS_COUNTRY_URL],
  licence: CENSUS_CREDIT,
  file: "data/us_china_trade_annual.csv",
  decimals: 1,
};

const fxDaily = {
  frequency: "daily",
  source: "Board of Governors of the Federal Reserve System, H.10 via FRED",
  licence: H10_CREDIT,
  decimals: 4,
};

const piieTimeline = {
  unit: "percent",
  frequency: "event (step)",
  source: "Chad P. Bown, US-China Trade War Tariffs: An Up-to-Date Chart, PIIE",
  sourceUrl: PIIE_URL,
  otherUrls: [],
  licence: PIIE_CREDIT,
  file: "data/tariffs_us_china_piie_timeline.csv",
  decimals: 2,
};

/** Every series the dashboard ships, in display order. */
export const CATALOGUE: readonly CatalogueEntry[] = [
  {
    ...tradeMonthly,
    slug: "trade-exports-to-china",
    name: "US exports of goods to China",
    column: "exports_to_china_musd",
  },
  {
    ...tradeMonthly,
    slug: "trade-imports-from-china",
    name: "US imports of goods from China",
    column: "imports_from_china_musd",
    source: "U.S. Census Bureau (Foreign Trade Division); FRED IMPCH",
    otherUrls: [CENSUS_COUNTRY_URL, fredUrl("IMPCH")],
    licence: CENSUS_VIA_FRED_CREDIT,
  },
  {
    ...tradeMonthly,
    slug: "trade-balance",
    name: "US trade balance in goods with China",
    column: "balance_musd",
  },
  {
    ...fxDaily,
    slug: "fx-usd-cny",
    name: "Chinese yuan per US dollar",
    unit: "CNY per USD",
    sourceUrl: fredUrl("DEXCHUS"),
    otherUrls: [],
    file: "data/fx_usd_cny_daily.csv",
    column: "cny_per_usd",
  },
  {
    ...fxDaily,
    slug: "fx-gbp-usd",
    name: "US dollars per British pound",
    unit: "USD per GBP",
    sourceUrl: fredUrl("DEXUSUK"),
    otherUrls: [],
    file: "data/fx_gbp_usd_daily.csv",
    column: "usd_per_gbp",
  },
  {
    ...fxDaily,
    slug: "fx-eur-usd",
    name: "US dollars per euro",
    unit: "USD per EUR",
    sourceUrl: fredUrl("DEXUSEU"),
    otherUrls: [],
    file: "data/fx_eur_usd_daily.csv",
    column: "usd_per_eur",
  },
  {
    ...fxDaily,
    slug: "fx-usd-jpy",
    name: "Japanese yen per US dollar",
    unit: "JPY per USD",
    sourceUrl: fredUrl("DEXJPUS"),
    otherUrls: [],
    file: "data/fx_usd_jpy_daily.csv",
    column: "jpy_per_usd",
    decimals: 2,
  },
  {
    ...piieTimeline,
    slug: "tariff-us-on-china",
    name: "US average tariff on Chinese exports",
    column: "us_avg_tariff_on_china_pct",
  },
  {
    ...piieTimeline,
    slug: "tariff-china-on-us",
    name: "Chinese average tariff on US exports",
    column: "china_avg_tariff_on_us_pct",
  },
  {
    ...piieTimeline,
    slug: "tariff-us-on-row",
    name: "US average tariff on rest-of-world exports",
    column: "us_avg_tariff_on_row_pct",
  },
  {
    ...piieTimeline,
    slug: "tariff-china-on-row",
    name: "Chinese average tariff on rest-of-world exports",
    column: "china_avg_tariff_on_row_pct",
  },
  {
    ...piieTimeline,
    slug: "coverage-us-on-china",
    name: "Share of Chinese exports to the US covered by US special tariffs",
    column: "china_exports_to_us_covered_by_us_special_tariffs_pct",
  },
  {
    ...piieTimeline,
    slug: "coverage-china-on-us",
    name: "Share of US exports to China covered by Chinese special tariffs",
    column: "us_exports_to_china_covered_by_china_special_tariffs_pct",
  },
  {
    ...tradeAnnual,
    slug: "trade-annual-exports-to-china",
    name: "US exports of goods to China, annual",
    column: "exports_to_china_musd",
  },
  {
    ...tradeAnnual,
    slug: "trade-annual-imports-from-china",
    name: "US imports of goods from China, annual",
    column: "imports_from_china_musd",
  },
  {
    ...tradeAnnual,
    slug: "trade-annual-balance",
    name: "US trade balance in goods with China, annual",
    column: "balance_musd",
  },
];

/** Files whose rows (or label column) become `tariff_events`. */
export const EVENT_FILES: readonly EventFileEntry[] = [
  {
    file: "data/tariff_actions.csv",
    source: "register",
    description:
      "Register of US and Chinese tariff actions 2018–2025: authority, list, announced and effective dates, rates, trade covered, status, one citation per row",
    credit:
      "Hand-curated by this project from the Federal Register (USTR notices, presidential proclamations and executive orders), State Council Tariff Commission and MOFCOM announcements, and Chad P. Bown's PIIE timeline; each row names its source.",
    sourceUrl: "https://www.federalregister.gov/",
  },
  {
    file: "data/tariffs_us_china_piie_timeline.csv",
    source: "piie",
    description: "PIIE timeline action labels (column tariff_action)",
    credit: PIIE_CREDIT,
    sourceUrl: PIIE_URL,
  },
];

/** FRED ids found in the upstream raw files, so a raw FRED download gets a real name and unit. */
const FRED_SERIES: Record<
  string,
  { name: string; unit: string; frequency: string; licence: string }
> = {
  IMPCH: {
    name: "U.S. Imports of Goods by Customs Basis from China",
    unit: "USD millions",
    frequency: "monthly",
    licence: CENSUS_VIA_FRED_CREDIT,
  },
  EXPCH: {
    name: "U.S. Exports of Goods by F.A.S. Basis to Mainland China",
    unit: "USD millions",
    frequency: "monthly",
    licence: CENSUS_VIA_FRED_CREDIT,
  },
  DEXCHUS: {
    name: "Chinese yuan per US dollar (H.10)",
    unit: "CNY per USD",
    frequency: "daily",
    licence: H10_CREDIT,
  },
  DEXUSUK: {
    name: "US dollars per British pound (H.10)",
    unit: "USD per GBP",
    frequency: "daily",
    licence: H10_CREDIT,
  },
  DEXJPUS: {
    name: "Japanese yen per US dollar (H.10)",
    unit: "JPY per USD",
    frequency: "daily",
    licence: H10_CREDIT,
  },
  DEXUSEU: {
    name: "US dollars per euro (H.10)",
    unit: "USD per EUR",
    frequency: "daily",
    licence: H10_CREDIT,
  },
};

const UNKNOWN = "unknown";

function baseName(file: string): string {
  const parts = file.split(/[\\/]/);
  return parts[parts.length - 1];
}

/** Lower-case, hyphen-separated slug text (`imports_from_china_musd` → `imports-from-china-musd`). */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** The entry for a slug, or undefined. */
export function catalogueEntry(slug: string): CatalogueEntry | undefined {
  return CATALOGUE.find((entry) => entry.slug === slug);
}

/** Like `catalogueEntry`, but throws for a slug the catalogue does not know (a typo in code). */
export function requireCatalogueEntry(slug: string): CatalogueEntry {
  const entry = catalogueEntry(slug);
  if (!entry) throw new Error(`Unknown series slug "${slug}"`);
  return entry;
}

/** Catalogue entries for a file, matched on its base name so `data/x.csv` and `/tmp/x.csv` agree. */
export function catalogueEntriesForFile(fileName: string): CatalogueEntry[] {
  const name = baseName(fileName);
  return CATALOGUE.filter((entry) => baseName(entry.file) === name);
}

/** The entry for one column of a file, if catalogued. */
export function catalogueEntryFor(fileName: string, column: string): CatalogueEntry | undefined {
  return catalogueEntriesForFile(fileName).find((entry) => entry.column === column);
}

/** Every shipped file the catalogue needs, series files first, each once. */
export function catalogueFiles(): string[] {
  return [
    ...new Set([
      ...CATALOGUE.map((entry) => entry.file),
      ...EVENT_FILES.map((entry) => entry.file),
    ]),
  ];
}

/**
 * Slug and metadata for a column the catalogue does not list: FRED files use `fred-<id>`,
 * the Census and PIIE raw layouts a source prefix, tidy files the column name. Unknown units are "unknown".
 */
export function uncataloguedSeries(
  format: SeriesFormat,
  column: string,
): { slug: string } & SeriesDefaults {
  switch (format) {
    case "fred-csv":
    case "fred-csv-old": {
      const known = FRED_SERIES[column.toUpperCase()];
      return {
        slug: `fred-${slugify(column)}`,
        name: known?.name ?? column,
        unit: known?.unit ?? UNKNOWN,
        frequency: known?.frequency ?? null,
        source: "FRED, Federal Reserve Bank of St. Louis",
        sourceUrl: fredUrl(column.toUpperCase()),
        licence: known?.licence ?? "Unknown: check the FRED series page for the source's terms.",
      };
    }
    case "census-c5700-csv":
      return {
        slug: `census-c5700-${slugify(column)}`,
        name: `Trade in goods with China: ${column} (Census page copy)`,
        unit: "USD millions",
        frequency: "monthly",
        source: "U.S. Census Bureau, Trade in Goods with China (c5700)",
        sourceUrl: CENSUS_C5700_URL,
        licence: CENSUS_CREDIT,
      };
    case "census-country-extract":
      return {
        slug: `census-country-5700-${slugify(column)}`,
        name: `US ${column} of goods, China (Census country.xlsx)`,
        unit: "USD millions",
        frequency: "monthly",
        source: "U.S. Census Bureau, U.S. trade in goods by country (country.xlsx)",
        sourceUrl: CENSUS_COUNTRY_URL,
        licence: CENSUS_CREDIT,
      };
    case "piie-timeline-sheet":
    case "piie-timeline-bown":
      return {
        slug: `piie-${slugify(column)}`,
        name: column,
        unit: "percent",
        frequency: "event (step)",
        source: piieTimeline.source,
        sourceUrl: PIIE_URL,
        licence: PIIE_CREDIT,
      };
    default:
      return {
        slug: slugify(column),
        name: column,
        unit: UNKNOWN,
        frequency: null,
        source: UNKNOWN,
        sourceUrl: "",
        licence: UNKNOWN,
      };
  }
}
