/**
 * Everything a user can set on the dashboard lives in the URL: the range, each chart's transform,
 * the trade scale, the currencies shown, hidden series and table tabs.
 */
import { parseSideAndAuthority } from "~/lib/action-list";
import type { DashboardOptions } from "~/lib/charts/dashboard";
import { parseTransform } from "~/lib/charts/transform";
import { parseDateRange, yearsBefore, type DateRangeResult } from "~/lib/date-range";
import { FX_CURRENCIES, type FxCurrency } from "~/lib/fx";

export function parseDashboardOptions(params: URLSearchParams): DashboardOptions {
  const eventSelection = parseSideAndAuthority(params);
  const currencies = (params.get("fx") ?? "cny")
    .split(",")
    .map((code) => code.trim().toUpperCase())
    .filter((code): code is FxCurrency => (FX_CURRENCIES as readonly string[]).includes(code));
  return {
    tradeTransform: parseTransform(params.get("t_trade")),
    tradeScale: params.get("scale_trade") === "log" ? "logarithmic" : "linear",
    currencyTransform: parseTransform(params.get("t_currency")),
    currencies: currencies.length > 0 ? [...new Set(currencies)] : ["CNY"],
    currencyView: params.get("fx_view") === "multiples" ? "multiples" : "index",
    coverageView: params.get("view_coverage") === "share" ? "share" : "usd_bn",
    // Unknown values are refused by parseDashboardParams; here they only fall back to every action.
    events: eventSelection.ok ? eventSelection.selection : { actor: null, authority: null },
  };
}

/** With no range in the URL the dashboard opens on the dispute, not on every year since 1971. */
export const DEFAULT_FROM = "2017-01-01";

/**
 * The range, the display options, and `errors` for parameters that name something unknown (an
 * event-line filter `actor` or `authority` the register does not have): those are refused with
 * 400 like a bad date, as on /actions, never silently widened to every action.
 */
export function parseDashboardParams(params: URLSearchParams): {
  range: DateRangeResult;
  options: DashboardOptions;
  errors: string[];
} {
  const range = parseDateRange(params);
  const blank = (key: string) => !params.get(key)?.trim();
  if (range.ok && blank("from") && blank("to")) range.range.from = DEFAULT_FROM;
  const events = parseSideAndAuthority(params);
  return { range, options: parseDashboardOptions(params), errors: events.ok ? [] : events.errors };
}

/** Parameters that only change the view in the browser, not the data: no reload needed. */
export const VIEW_ONLY_PARAMS = [
  "hide",
  "tab_tariffs",
  "tab_coverage",
  "tab_trade",
  "tab_currency",
];

/** Whether a chart card shows its chart (the default) or its table. */
export function tabOf(params: URLSearchParams, chartId: string): "chart" | "table" {
  return params.get(`tab_${chartId}`) === "table" ? "table" : "chart";
}

/** Hidden series as `chart.series` keys. */
export function parseHidden(params: URLSearchParams): Set<string> {
  return new Set((params.get("hide") ?? "").split(",").filter(Boolean));
}

/** A search string with some parameters changed (null removes one), keeping the others. */
export function withParams(
  search: string | URLSearchParams,
  changes: Record<string, string | null>,
): string {
  const params = new URLSearchParams(search);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || value === "") params.delete(key);
    else params.set(key, value);
  }
  const text = params.toString();
  return text ? `?${text}` : "?";
}

/** The data-affecting parameters of a view, for download links. */
export function downloadSearch(search: string | URLSearchParams): string {
  const params = new URLSearchParams(search);
  for (const key of VIEW_ONLY_PARAMS) params.delete(key);
  const text = params.toString();
  return text ? `?${text}` : "";
}

export interface Preset {
  id: string;
  label: string;
  from: string | null;
  to: string | null;
}

/** Ranges anchored to the dispute; "last 5 years" counts back from `today`, "all" is the data span. */
export function presets(today: string, span: { first: string; last: string }): Preset[] {
  const fiveYearsAgo = yearsBefore(today, 5);
  return [
    { id: "dispute", label: "Whole dispute", from: null, to: null },
    { id: "escalation-2018", label: "2018–19 escalation", from: "2018-01-01", to: "2019-12-31" },
    { id: "phase-one", label: "Phase One deal", from: "2019-10-01", to: "2021-12-31" },
    { id: "escalation-2025", label: "2025 escalation", from: "2025-01-01", to: "2025-12-31" },
    { id: "last-5-years", label: "Last 5 years", from: fiveYearsAgo, to: today },
    { id: "all", label: "All data", from: span.first, to: span.last },
  ];
}
