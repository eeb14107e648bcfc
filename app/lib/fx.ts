/**
 * Exchange-rate lookup shared by extraction, ingestion and the dashboard:
 * the last published rate on or before a date, expressed as USD per one unit of the currency.
 */
import { lastIndexOnOrBefore } from "./date-range";

export type FxCurrency = "CNY" | "GBP" | "EUR" | "JPY";

export const FX_CURRENCIES: readonly FxCurrency[] = ["CNY", "GBP", "EUR", "JPY"];

/** How each upstream series is quoted; the FRED H.10 series mix both directions. */
export const FX_QUOTES: Record<
  FxCurrency,
  { seriesSlug: string; quote: "units_per_usd" | "usd_per_unit" }
> = {
  CNY: { seriesSlug: "fx-usd-cny", quote: "units_per_usd" },
  GBP: { seriesSlug: "fx-gbp-usd", quote: "usd_per_unit" },
  EUR: { seriesSlug: "fx-eur-usd", quote: "usd_per_unit" },
  JPY: { seriesSlug: "fx-usd-jpy", quote: "units_per_usd" },
};

export interface FxPoint {
  /** ISO date `YYYY-MM-DD`. */
  date: string;
  /** The value as the upstream series quotes it. */
  value: number;
}

export interface FxRate {
  currency: FxCurrency;
  /** Date of the published rate used (on or before the requested date). */
  date: string;
  usdPerUnit: number;
}

export interface FxTable {
  rateOn(currency: string, isoDate: string): FxRate | null;
}

/** Build a lookup from each currency's observations as quoted upstream (any order). */
export function createFxTable(pointsByCurrency: Partial<Record<FxCurrency, FxPoint[]>>): FxTable {
  const sorted = new Map<FxCurrency, FxPoint[]>();
  for (const currency of FX_CURRENCIES) {
    const points = (pointsByCurrency[currency] ?? []).filter(
      (p) => Number.isFinite(p.value) && p.value > 0,
    );
    sorted.set(
      currency,
      [...points].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)),
    );
  }
  return {
    rateOn(currency, isoDate) {
      const code = currency.toUpperCase() as FxCurrency;
      const points = sorted.get(code);
      if (!points || points.length === 0) return null;
      const index = lastIndexOnOrBefore(points, isoDate);
      if (index < 0) return null;
      const point = points[index];
      const usdPerUnit = FX_QUOTES[code].quote === "usd_per_unit" ? point.value : 1 / point.value;
      return { currency: code, date: point.date, usdPerUnit };
    },
  };
}

/**
 * A rate given as US dollars per unit, quoted the market way: yuan and yen per dollar, dollars
 * per pound and per euro (the H.10 series' own directions). Unknown codes stay in USD per unit.
 */
export function marketQuote(currency: string, usdPerUnit: number): { value: number; unit: string } {
  const code = currency.toUpperCase();
  const quote = (FX_QUOTES as Record<string, { quote: string } | undefined>)[code]?.quote;
  return quote === "units_per_usd"
    ? { value: 1 / usdPerUnit, unit: `${code} per USD` }
    : { value: usdPerUnit, unit: `USD per ${code}` };
}

/** "7.1486 CNY per USD", "1.2704 USD per GBP": a rate in market convention to five significant digits. */
export function formatMarketRate(currency: string, usdPerUnit: number): string {
  const { value, unit } = marketQuote(currency, usdPerUnit);
  return `${Number(value.toPrecision(5))} ${unit}`;
}

/** Convert an amount to USD at the table's rate for the date; USD passes through, unknown currencies give null. */
export function toUsd(
  table: FxTable,
  amount: number,
  currency: string | null,
  isoDate: string,
): number | null {
  if (!currency) return null;
  if (currency.toUpperCase() === "USD") return amount;
  const rate = table.rateOn(currency, isoDate);
  return rate ? amount * rate.usdPerUnit : null;
}
