/**
 * The canonical form of a request to a cacheable page or download: only the parameters that
 * change the response, each in one spelling, in a fixed order. The server passes this form to
 * the app and keys its response cache on it, so junk parameters, repeated parameters or a
 * different order of the same values cannot make a second copy of the same response.
 */
import { CHART_IDS } from "~/lib/charts/dashboard";
import { parseTransform } from "~/lib/charts/transform";
import { FX_CURRENCIES } from "~/lib/fx";

type Canonicaliser = (raw: string) => string | null;

const asIs: Canonicaliser = (raw) => raw.trim() || null;
const transform: Canonicaliser = (raw) => {
  const parsed = parseTransform(raw.trim());
  return parsed === "level" ? null : parsed;
};
const currencies: Canonicaliser = (raw) => {
  const asked = new Set(raw.split(",").map((code) => code.trim().toUpperCase()));
  const kept = FX_CURRENCIES.filter((code) => asked.has(code));
  return kept.length > 0 ? kept.join(",").toLowerCase() : null;
};
const sortedList: Canonicaliser = (raw) => {
  const items = [...new Set(raw.split(",").map((item) => item.trim()))].filter(Boolean).sort();
  return items.length > 0 ? items.join(",") : null;
};
/** A filter value; "all" is no filter. Unknown values are kept so the app can refuse them (400). */
const filterValue: Canonicaliser = (raw) => {
  const value = raw.trim();
  return value === "" || value === "all" ? null : value;
};
const only =
  (value: string): Canonicaliser =>
  (raw) =>
    raw.trim() === value ? value : null;
const pageNumber: Canonicaliser = (raw) => {
  const page = Number(raw.trim());
  return Number.isInteger(page) && page > 1 && page < 1e6 ? String(page) : null;
};

/** Parameters that change the data of a chart (and so its downloads). */
const DATA_PARAMS: [string, Canonicaliser][] = [
  ["from", asIs],
  ["to", asIs],
  ["fx", currencies],
  ["scale_trade", only("log")],
  ["view_coverage", only("share")],
  ["fx_view", only("multiples")],
  ...CHART_IDS.map((id): [string, Canonicaliser] => [`t_${id}`, transform]),
  // The side and authority of the tariff-action lines (and of the bundle's actions.csv).
  ["actor", filterValue],
  ["authority", filterValue],
];

/** Downloads also take /actions' own filters (actions.csv, actions.json, the bundle's actions). */
const DOWNLOAD_PARAMS: [string, Canonicaliser][] = [
  ...DATA_PARAMS,
  ["status", filterValue],
  ["sort", asIs],
  ["dir", asIs],
];

/** Parameters the dashboard page also renders: hidden series, table tabs, table pages. */
const PAGE_PARAMS: [string, Canonicaliser][] = [
  ...DATA_PARAMS,
  ["hide", sortedList],
  ...CHART_IDS.map((id): [string, Canonicaliser] => [`tab_${id}`, only("table")]),
  ...CHART_IDS.map((id): [string, Canonicaliser] => [`page_${id}`, pageNumber]),
];

/** Remix's client-side navigations fetch a route's data with `?_data=<route id>`. */
const REMIX_DATA: [string, Canonicaliser] = ["_data", asIs];

const ROUTES: [RegExp, [string, Canonicaliser][]][] = [
  [/^\/$/, [...PAGE_PARAMS, REMIX_DATA]],
  [/^\/download\/[\w.]+$/, DOWNLOAD_PARAMS],
  [/^\/articles$/, [["from", asIs], ["to", asIs], REMIX_DATA]],
  [/^\/(?:articles\/\d+|sources)$/, [REMIX_DATA]],
];

/**
 * `pathname?canonical-search` for a cacheable route, or null for any other path (those are
 * neither cached nor rewritten).
 */
export function canonicalRequestPath(pathname: string, search: string): string | null {
  const route = ROUTES.find(([pattern]) => pattern.test(pathname));
  if (!route) return null;
  const params = new URLSearchParams(search);
  const kept = new URLSearchParams();
  for (const [name, canonical] of route[1]) {
    const raw = params.get(name);
    const value = raw === null ? null : canonical(raw);
    if (value !== null) kept.set(name, value);
  }
  const text = kept.toString();
  return text ? `${pathname}?${text}` : pathname;
}
