/**
 * Register rows as stored events: the bridge between `tariff_events` (source "register") and the
 * chart, summary and coverage code. Pure: no db, fs or env.
 */
import type { RegisterDetails, TariffEventFields } from "./import/types";
import type { CoverageAction } from "./tariff-coverage";

/** A stored tariff event; a register event is one whose source is "register". */
export type RegisterEvent = TariffEventFields;

export const REGISTER_SOURCE = "register";

export function isRegisterEvent<T extends RegisterEvent>(
  event: T,
): event is T & { register: RegisterDetails } {
  return event.source === REGISTER_SOURCE && !!event.register;
}

function rate(low: number | null | undefined, high: number | null): string | null {
  if (high === null) return null;
  return low !== null && low !== undefined && low !== high ? `${low}–${high}%` : `${high}%`;
}

/** "US Section 301, List 3: increase 10% → 25% on $200bn" from the row's own columns. */
export function registerEventLabel(event: RegisterEvent): string {
  const r = event.register ?? null;
  const before = rate(r?.rateBeforeLowPct, event.rateBeforePct);
  const after = rate(r?.rateAfterLowPct, event.rateAfterPct);
  const rates =
    (event.action === "extend" || event.action === "impose") && after
      ? ` ${event.action === "extend" ? "at " : ""}${after}`
      : before !== null && after !== null
        ? ` ${before} → ${after}`
        : after !== null
          ? ` ${after}`
          : "";
  const covered =
    event.tradeCoveredUsdBn === null
      ? ""
      : r?.coversAllGoods
        ? " on all goods"
        : ` on $${event.tradeCoveredUsdBn}bn`;
  const authority = event.measure ?? "";
  return `${event.actor ?? "?"} ${authority}, ${event.list ?? ""}: ${event.action}${rates}${covered}`;
}

/** A stored register event in the shape coverage needs; null for other sources. */
export function coverageAction(event: RegisterEvent): CoverageAction | null {
  if (!isRegisterEvent(event) || event.actor === null) return null;
  const r = event.register;
  return {
    id: r.actionId,
    actor: event.actor,
    action: event.action,
    announcedDate: r.announcedDate,
    effectiveDate: event.date,
    endDate: r.endDate,
    replaces: r.replaces,
    status: r.status,
    tradeCoveredUsdBn: event.tradeCoveredUsdBn,
    coversAllGoods: r.coversAllGoods,
    label: registerEventLabel(event),
  };
}

export function coverageActions(events: readonly RegisterEvent[]): CoverageAction[] {
  return events.map(coverageAction).filter((a): a is CoverageAction => a !== null);
}

/** Never-implemented rows stay in the register but are not drawn as if they happened. */
export function drawnAsEvent(event: RegisterEvent): boolean {
  return isRegisterEvent(event) && event.register.status !== "never implemented";
}

export interface SummaryAction {
  /** Effective date. */
  date: string;
  /** Set when the action was announced on another day than it took effect. */
  announcedDate: string | null;
  label: string;
}

/**
 * How much an action moved: trade covered (USD bn) times the change of its (top) rate in points.
 * An action without a stated trade value or rate change scores 0.
 */
export function actionWeight(event: RegisterEvent): number {
  if (event.tradeCoveredUsdBn === null || event.rateAfterPct === null) return 0;
  return event.tradeCoveredUsdBn * Math.abs(event.rateAfterPct - (event.rateBeforePct ?? 0));
}

/** Actions the summary names; the others in the range are counted and listed on /actions. */
export const MAX_NAMED_ACTIONS = 5;

/**
 * The register's actions that took effect in [from, to]: `main`, the (at most MAX_NAMED_ACTIONS)
 * that moved the most trade by the most points (actionWeight; ties to the earlier), in date order;
 * `others`, the rest in date order. Over several years the heaviest of each year and side are
 * taken in turn (`byYear`), so the whole dispute is not summarised by 2025's US steps alone.
 */
export function summaryActions(
  events: readonly RegisterEvent[],
  from: string,
  to: string,
): { main: SummaryAction[]; others: SummaryAction[]; byYear: boolean } {
  const byDate = (a: RegisterEvent, b: RegisterEvent) =>
    a.date < b.date ? -1 : a.date > b.date ? 1 : 0;
  const inRange = events.filter((e) => drawnAsEvent(e) && e.date >= from && e.date <= to);
  const heaviestFirst = inRange
    .filter((e) => actionWeight(e) > 0)
    .sort((a, b) => actionWeight(b) - actionWeight(a) || byDate(a, b));
  const byYear = new Set(heaviestFirst.map((e) => e.date.slice(0, 4))).size > 1;
  // One queue for a single year; over several, one per year and side, heaviest first in each.
  const groups = new Map<string, RegisterEvent[]>();
  for (const event of heaviestFirst) {
    const key = byYear ? `${event.date.slice(0, 4)} ${event.actor}` : "range";
    groups.set(key, [...(groups.get(key) ?? []), event]);
  }
  const named = new Set<RegisterEvent>();
  const queues = [...groups.values()];
  let round = 0;
  while (named.size < MAX_NAMED_ACTIONS && queues.some((queue) => queue.length > round)) {
    for (const queue of queues)
      if (round < queue.length && named.size < MAX_NAMED_ACTIONS) named.add(queue[round]);
    round++;
  }
  const toSummary = (e: RegisterEvent): SummaryAction => ({
    date: e.date,
    announcedDate:
      e.register?.announcedDate && e.register.announcedDate !== e.date
        ? e.register.announcedDate
        : null,
    label: registerEventLabel(e),
  });
  const sorted = [...inRange].sort(byDate);
  return {
    main: sorted.filter((e) => named.has(e)).map(toSummary),
    others: sorted.filter((e) => !named.has(e)).map(toSummary),
    byYear,
  };
}
