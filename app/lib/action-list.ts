/**
 * The /actions page and its downloads: the tariff-action register as a list a reader can filter
 * (side, authority, status, effective-date range) and sort, every choice read from the URL.
 * Pure: no db, fs or env.
 */
import { toCsv } from "~/lib/csv";
import type { DateRange } from "~/lib/date-range";
import type { TariffEventFields } from "~/lib/import/types";
import { ACTORS, AUTHORITIES, REGISTER_COLUMNS, STATUSES, formatRate } from "~/lib/tariff-actions";
import { REGISTER_SOURCE } from "~/lib/tariff-events";

/** One register row as the page and the downloads show it. */
export interface ListedAction {
  id: string;
  actor: string;
  authority: string;
  instrument: string;
  action: string;
  announcedDate: string;
  effectiveDate: string;
  endDate: string | null;
  replaces: string | null;
  /** As written in the register: `25%`, or `5–25%` for a ranged rate; empty when not stated. */
  rateBefore: string;
  rateAfter: string;
  tradeCoveredUsdBn: number | null;
  coversAllGoods: boolean;
  tradeBasis: string | null;
  status: string;
  citation: string;
  note: string | null;
  disagreement: string | null;
}

/** True for a never-implemented row whose end date is the day it was called off. */
export function calledOff(action: Pick<ListedAction, "status" | "endDate">): boolean {
  return action.status === "never implemented" && action.endDate !== null;
}

/** A stored rate pair (high end in the event's rate column, low end beside it) as register text. */
export function storedRate(high: number | null, low: number | null): string {
  if (high === null) return "";
  return formatRate({ low: low ?? high, high });
}

/** The fields of a stored tariff event (or a parsed register row) that a listed action reads. */
export type RegisterEventFields = Omit<TariffEventFields, "description">;

/**
 * Register events as listed actions, in effective-date then id order; events from other sources
 * (PIIE timeline labels) are not register rows and are left out.
 */
export function listedActions(events: readonly RegisterEventFields[]): ListedAction[] {
  const actions: ListedAction[] = [];
  for (const event of events) {
    const register = event.register;
    if (event.source !== REGISTER_SOURCE || !register) continue;
    actions.push({
      id: register.actionId,
      actor: event.actor ?? "",
      authority: event.measure ?? "",
      instrument: event.list ?? "",
      action: event.action,
      announcedDate: register.announcedDate,
      effectiveDate: event.date,
      endDate: register.endDate,
      replaces: register.replaces,
      rateBefore: storedRate(event.rateBeforePct, register.rateBeforeLowPct),
      rateAfter: storedRate(event.rateAfterPct, register.rateAfterLowPct),
      tradeCoveredUsdBn: event.tradeCoveredUsdBn,
      coversAllGoods: register.coversAllGoods,
      tradeBasis: register.tradeBasis,
      status: register.status,
      citation: register.citation,
      note: event.note,
      disagreement: register.disagreement,
    });
  }
  return actions.sort(
    (a, b) => a.effectiveDate.localeCompare(b.effectiveDate) || a.id.localeCompare(b.id),
  );
}

export const SORT_KEYS = [
  "effective",
  "announced",
  "actor",
  "authority",
  "status",
  "rate",
  "trade",
] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export const SORT_LABELS: Record<SortKey, string> = {
  effective: "Effective date",
  announced: "Announced date",
  actor: "Side",
  authority: "Authority",
  status: "Status",
  rate: "Rate before → after",
  trade: "Trade covered",
};

export interface ActionFilters {
  actor: string | null;
  authority: string | null;
  status: string | null;
  sort: SortKey;
  direction: "asc" | "desc";
}

/**
 * One query parameter that names one of a fixed list of values: null for empty or "all"; an
 * unknown value is pushed onto `errors` as a message naming the parameter and the accepted values.
 */
function pickValue(
  params: URLSearchParams,
  name: string,
  values: readonly string[],
  errors: string[],
): string | null {
  const raw = params.get(name)?.trim() ?? "";
  if (raw === "" || raw === "all") return null;
  if (values.includes(raw)) return raw;
  errors.push(`Unknown ${name} "${raw}": use one of ${values.join(", ")}.`);
  return null;
}

/** Which side's and which authority's actions to show: null is every one. */
export interface SideAndAuthority {
  actor: string | null;
  authority: string | null;
}

/**
 * `actor` and `authority` from the query string, as /actions, its downloads and the dashboard's
 * event lines all read them. Unknown values are refused (see pickValue), never ignored, so a link
 * that asks for a filter never silently shows everything.
 */
export function parseSideAndAuthority(
  params: URLSearchParams,
): { ok: true; selection: SideAndAuthority } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  const actor = pickValue(params, "actor", ACTORS, errors);
  const authority = pickValue(params, "authority", AUTHORITIES, errors);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, selection: { actor, authority } };
}

/** Whether an action of this side and authority is in the selection. */
export function inSelection(
  selection: SideAndAuthority,
  actor: string | null,
  authority: string | null | undefined,
): boolean {
  return (
    (selection.actor === null || actor === selection.actor) &&
    (selection.authority === null || authority === selection.authority)
  );
}

/** "US actions only", "IEEPA actions only", "Chinese Retaliation actions only"; null when unfiltered. */
export function describeSelection(selection: SideAndAuthority): string | null {
  const { actor, authority } = selection;
  if (actor === null && authority === null) return null;
  const side = actor === null ? null : actor === "China" ? "Chinese" : actor;
  return `${[side, authority].filter(Boolean).join(" ")} actions only`;
}

/**
 * Filters from the query string. An unknown value is refused with a message naming the parameter
 * and the accepted values, rather than silently showing everything.
 */
export function parseActionFilters(
  params: URLSearchParams,
): { ok: true; filters: ActionFilters } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  const pick = (name: string, values: readonly string[]) => pickValue(params, name, values, errors);
  const actor = pick("actor", ACTORS);
  const authority = pick("authority", AUTHORITIES);
  const status = pick("status", STATUSES);
  const sort = (pick("sort", SORT_KEYS) ?? "effective") as SortKey;
  const direction = (pick("dir", ["asc", "desc"]) ?? "asc") as "asc" | "desc";
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, filters: { actor, authority, status, sort, direction } };
}

/** The rate an action left in force, for sorting: the high end, or -1 when none is stated. */
function rateKey(action: ListedAction): number {
  const match = /([\d.]+)%$/.exec(action.rateAfter);
  return match ? Number(match[1]) : -1;
}

function compareBy(key: SortKey): (a: ListedAction, b: ListedAction) => number {
  switch (key) {
    case "effective":
      return (a, b) => a.effectiveDate.localeCompare(b.effectiveDate);
    case "announced":
      return (a, b) => a.announcedDate.localeCompare(b.announcedDate);
    case "actor":
      return (a, b) => a.actor.localeCompare(b.actor);
    case "authority":
      return (a, b) => a.authority.localeCompare(b.authority);
    case "status":
      return (a, b) => STATUSES.indexOf(a.status as never) - STATUSES.indexOf(b.status as never);
    case "rate":
      return (a, b) => rateKey(a) - rateKey(b);
    case "trade":
      return (a, b) => (a.tradeCoveredUsdBn ?? -1) - (b.tradeCoveredUsdBn ?? -1);
  }
}

/**
 * Actions whose effective date falls within the range (open ends unbounded) and that match every
 * filter, sorted by the chosen key; ties keep effective date, then register id, so the order is
 * stable. Actions with no stated rate or trade value count as lower than every stated one.
 */
export function selectActions(
  actions: readonly ListedAction[],
  range: DateRange,
  filters: ActionFilters,
): ListedAction[] {
  const primary = compareBy(filters.sort);
  const sign = filters.direction === "desc" ? -1 : 1;
  return actions
    .filter(
      (action) =>
        (range.from === null || action.effectiveDate >= range.from) &&
        (range.to === null || action.effectiveDate <= range.to) &&
        inSelection(filters, action.actor, action.authority) &&
        (filters.status === null || action.status === filters.status),
    )
    .sort(
      (a, b) =>
        sign * primary(a, b) ||
        a.effectiveDate.localeCompare(b.effectiveDate) ||
        a.id.localeCompare(b.id),
    );
}

/**
 * The download's columns: the register's own, in its order, but the rates are written as text
 * ("7.5%", "5–25%"), so without the register's `_pct` suffix.
 */
// Pure: pages that import this module for its labels need not carry the register's columns.
export const ACTIONS_CSV_HEADER = /* @__PURE__ */ REGISTER_COLUMNS.map((column) =>
  column.replace(/_pct$/, ""),
);

/** The selected actions as CSV (text cells protected against spreadsheet formulas). */
export function actionsCsv(actions: readonly ListedAction[]): string {
  return toCsv(
    ACTIONS_CSV_HEADER,
    actions.map((a) => [
      a.id,
      a.actor,
      a.authority,
      a.instrument,
      a.action,
      a.announcedDate,
      a.effectiveDate,
      a.endDate,
      a.replaces,
      a.rateBefore,
      a.rateAfter,
      a.tradeCoveredUsdBn,
      a.coversAllGoods,
      a.tradeBasis,
      a.status,
      a.citation,
      a.note,
      a.disagreement,
    ]),
  );
}

export const ACTIONS_CREDIT =
  "Project register data/tariff_actions.csv: Federal Register proclamations and notices, State Council Tariff Commission announcements, PIIE US-China trade war timeline";

/** The selected actions as JSON, with what was selected and where the rows come from. */
export function actionsJson(
  actions: readonly ListedAction[],
  selection: { range: DateRange; filters: ActionFilters; asOf: string },
  generatedAt: Date,
): string {
  return JSON.stringify(
    {
      title: "US and Chinese tariff actions",
      credit: ACTIONS_CREDIT,
      statusAsOf: selection.asOf,
      selection: {
        effectiveFrom: selection.range.from,
        effectiveTo: selection.range.to,
        ...selection.filters,
      },
      generatedAt: generatedAt.toISOString(),
      rowCount: actions.length,
      actions,
    },
    null,
    2,
  );
}
