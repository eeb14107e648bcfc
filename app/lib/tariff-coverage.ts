/**
 * Goods covered by each side's tariff actions over time, from the register (effective dates).
 * Only impositions widen coverage; a rate change keeps the goods covered until its chain of
 * replacements ends or is suspended. An action on all goods covers the whole trade, so while one is
 * in force the total is that trade, not a sum that would count goods twice.
 * Pure: no db, fs or env.
 */

export type CoverageActor = "US" | "China";

/** The register fields coverage needs (a TariffAction or a stored register event has them). */
export interface CoverageAction {
  id: string;
  actor: string;
  action: string;
  announcedDate: string;
  effectiveDate: string;
  /** When the rate stopped applying; for a never-implemented row, the day it was called off. */
  endDate: string | null;
  replaces: string | null;
  status: string;
  tradeCoveredUsdBn: number | null;
  coversAllGoods: boolean;
  /** Short text for the step's note. */
  label: string;
}

export interface CoverageStep {
  actor: CoverageActor;
  /** The step holds from this date until the next step of the same actor and layer. */
  date: string;
  totalUsdBn: number;
  /** Labels of the actions that start or stop counting on this date. */
  changes: string[];
}

interface Period {
  actor: CoverageActor;
  start: string;
  /** Exclusive; null while open. */
  end: string | null;
  usdBn: number;
  allGoods: boolean;
  label: string;
}

const TOOK_EFFECT = new Set(["in force", "replaced", "suspended", "expired"]);
const PENDING = new Set(["announced", "never implemented", ...TOOK_EFFECT]);

function isActor(actor: string): actor is CoverageActor {
  return actor === "US" || actor === "China";
}

/** Where the goods of an imposition stop being covered: the end of its replacement chain. */
function chainEnd(start: CoverageAction, successors: Map<string, CoverageAction>): string | null {
  let current = start;
  const seen = new Set<string>([current.id]);
  for (;;) {
    const next = successors.get(current.id);
    if (!next || seen.has(next.id) || !TOOK_EFFECT.has(next.status)) return current.endDate;
    // A suspension of the whole instrument takes its goods out from the day it applies.
    if (next.action === "suspend" || next.action === "terminate") return next.effectiveDate;
    seen.add(next.id);
    current = next;
  }
}

/** Impositions by either side with a trade value, whose status is one of `statuses`. */
function impositions(
  actions: readonly CoverageAction[],
  statuses: ReadonlySet<string>,
): CoverageAction[] {
  return actions.filter(
    (a) =>
      isActor(a.actor) &&
      a.action === "impose" &&
      statuses.has(a.status) &&
      a.tradeCoveredUsdBn !== null,
  );
}

/** An imposition's goods as covered from `start` to `end`. */
function period(a: CoverageAction, start: string, end: Period["end"]): Period {
  return {
    actor: a.actor as CoverageActor,
    start,
    end,
    usdBn: a.tradeCoveredUsdBn!,
    allGoods: a.coversAllGoods,
    label: a.label,
  };
}

/** Periods during which each imposition's goods were covered by a tariff in force. */
export function inForcePeriods(actions: readonly CoverageAction[]): Period[] {
  const successors = new Map<string, CoverageAction>();
  for (const action of actions) if (action.replaces) successors.set(action.replaces, action);
  return impositions(actions, TOOK_EFFECT).map((a) =>
    period(a, a.effectiveDate, chainEnd(a, successors)),
  );
}

/** The day an imposition stops being pending: its effective date, or the day it was called off. */
function pendingUntil(a: CoverageAction): string {
  if (a.status === "never implemented" && a.endDate !== null && a.endDate < a.effectiveDate)
    return a.endDate;
  return a.effectiveDate;
}

/**
 * Periods from announcement to the effective (or scheduled) date of impositions: the goods a side
 * had announced it would cover but did not yet. A never-implemented imposition is pending only
 * until the day it was called off (its end date), however much later it had been scheduled.
 */
export function pendingPeriods(actions: readonly CoverageAction[]): Period[] {
  return impositions(actions, PENDING)
    .map((a) => period(a, a.announcedDate, pendingUntil(a)))
    .filter((p) => p.start < p.end!);
}

function total(active: Period[]): number {
  const allGoods = active.filter((p) => p.allGoods);
  if (allGoods.length > 0) return Math.max(...allGoods.map((p) => p.usdBn));
  return active.reduce((sum, p) => sum + p.usdBn, 0);
}

/** Step totals per actor at every date where a period starts or ends, in date order. */
export function coverageStepsFrom(periods: readonly Period[]): CoverageStep[] {
  const steps: CoverageStep[] = [];
  for (const actor of ["US", "China"] as const) {
    const own = periods.filter((p) => p.actor === actor);
    const dates = [...new Set(own.flatMap((p) => (p.end ? [p.start, p.end] : [p.start])))].sort();
    let previous: number | null = null;
    for (const date of dates) {
      const active = own.filter((p) => p.start <= date && (p.end === null || date < p.end));
      const value = total(active);
      const changes = own
        .filter((p) => p.start === date || p.end === date)
        .map((p) => (p.start === date ? p.label : `ends: ${p.label}`));
      if (previous !== null && value === previous) continue;
      steps.push({ actor, date, totalUsdBn: Math.round(value * 10) / 10, changes });
      previous = value;
    }
  }
  return steps;
}

/** Goods covered by tariffs in force, by actor and date. */
export function coverageInForce(actions: readonly CoverageAction[]): CoverageStep[] {
  return coverageStepsFrom(inForcePeriods(actions));
}

/**
 * Goods covered in force plus goods announced but not yet in force: the dashed layer. It differs
 * from the in-force steps only between an announcement and its effective (or scheduled) date.
 */
export function coverageAnnounced(actions: readonly CoverageAction[]): CoverageStep[] {
  return coverageStepsFrom([...inForcePeriods(actions), ...pendingPeriods(actions)]);
}

/** The in-force total for an actor on a date (0 before the first step). */
export function coverageOn(steps: readonly CoverageStep[], actor: CoverageActor, date: string) {
  let value = 0;
  for (const step of steps) {
    if (step.actor !== actor) continue;
    if (step.date > date) break;
    value = step.totalUsdBn;
  }
  return value;
}

/**
 * Coverage as a percent of the previous calendar year's bilateral trade: US actions over US imports
 * from China, China's over US exports to China. Null when that year's trade is unknown.
 */
export function coverageShareOn(
  steps: readonly CoverageStep[],
  actor: CoverageActor,
  date: string,
  previousYearTradeUsdBn: (year: number) => number | null,
): number | null {
  const trade = previousYearTradeUsdBn(Number(date.slice(0, 4)) - 1);
  if (trade === null || trade <= 0) return null;
  return Math.min(100, (coverageOn(steps, actor, date) / trade) * 100);
}

export interface CoverageShareStep {
  actor: CoverageActor;
  /** The step holds from this date until the next one of the same actor. */
  date: string;
  /** Percent of the previous calendar year's trade; null when that year's trade is unknown. */
  sharePct: number | null;
  /** Goods covered (USD bn) and the trade it is divided by (USD bn, null when unknown). */
  coveredUsdBn: number;
  tradeUsdBn: number | null;
  /** The calendar year whose trade is the denominator. */
  baseYear: number;
  /** True when the covered value exceeds the year's trade and the share is shown as 100%. */
  capped: boolean;
  /** Labels of the actions that start or stop counting on this date (empty on a new base year). */
  changes: string[];
}

/**
 * Coverage as a share of the previous calendar year's trade, as steps: the share moves when the
 * goods covered change and on every 1 January, when the denominator becomes the year just ended.
 * Steps run from each actor's first coverage step to `until` (inclusive). Same rule as
 * coverageShareOn: US actions over US imports from China, China's over US exports to China.
 */
export function coverageShareSteps(
  steps: readonly CoverageStep[],
  until: string,
  previousYearTradeUsdBn: (actor: CoverageActor, year: number) => number | null,
): CoverageShareStep[] {
  const result: CoverageShareStep[] = [];
  for (const actor of ["US", "China"] as const) {
    const own = steps.filter((s) => s.actor === actor && s.date <= until);
    if (own.length === 0) continue;
    const firstYear = Number(own[0].date.slice(0, 4));
    const lastYear = Number(until.slice(0, 4));
    const newYears: string[] = [];
    for (let year = firstYear + 1; year <= lastYear; year++) newYears.push(`${year}-01-01`);
    const dates = [...new Set([...own.map((s) => s.date), ...newYears])].sort();
    let previous: string | null = null;
    for (const date of dates) {
      const baseYear = Number(date.slice(0, 4)) - 1;
      const trade = previousYearTradeUsdBn(actor, baseYear);
      const covered = coverageOn(own, actor, date);
      const known = trade !== null && trade > 0;
      const sharePct = known ? Math.round(Math.min(100, (covered / trade) * 100) * 10) / 10 : null;
      const key = `${sharePct}`;
      const changes = own.find((s) => s.date === date)?.changes ?? [];
      if (previous === key && changes.length === 0) continue;
      result.push({
        actor,
        date,
        sharePct,
        coveredUsdBn: covered,
        tradeUsdBn: known ? trade : null,
        baseYear,
        capped: known && covered > trade,
        changes,
      });
      previous = key;
    }
  }
  return result;
}
