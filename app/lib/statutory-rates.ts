/**
 * The register's headline statutory rates as step series, one per side and legal authority: the
 * duty on the authority's highest-rated list, plus the authority's duties on all goods (they stack:
 * the IEEPA "fentanyl" and "reciprocal" tariffs made 145% in April 2025). These are rates on paper,
 * not the trade-weighted averages PIIE computes; the chart keeps PIIE's as the official line.
 * Pure: no db, fs or env.
 */
import { isRegisterEvent, type RegisterEvent } from "./tariff-events";

/**
 * Authorities whose actions set an additional duty. MFN changes and exclusions set none; the
 * Section 201 safeguards step down every February and the register keeps only their first rate,
 * so a line for them would hold a rate that no longer applied.
 */
export const STATUTORY_AUTHORITIES = [
  "Section 301",
  "Section 232",
  "IEEPA",
  "Retaliation",
] as const;

/** Statuses of rows that did take effect. */
const TOOK_EFFECT = new Set(["in force", "replaced", "suspended", "expired"]);

export interface StatutoryStep {
  actor: string;
  authority: string;
  /** The step holds from this date to the next step of the same actor and authority. */
  date: string;
  ratePct: number;
  /** What sets the rate: "IEEPA Reciprocal tariff (all goods) 125% + Fentanyl tariff (all goods) 20%". */
  basis: string;
}

interface RateRow {
  instrument: string;
  start: string;
  /** Exclusive; null while open. */
  end: string | null;
  /** High end of a ranged rate. */
  ratePct: number;
  allGoods: boolean;
}

/**
 * Each instrument's rate over time: a row sets its instrument's rate from its effective date until
 * its end date or the next row of the same instrument, whichever comes first (an extension or a
 * cut is a new row of the same instrument, never a second duty).
 */
function ratePeriods(events: readonly RegisterEvent[], actor: string, authority: string) {
  const rows = events
    .filter(isRegisterEvent)
    .filter(
      (e) =>
        e.actor === actor &&
        e.measure === authority &&
        e.rateAfterPct !== null &&
        TOOK_EFFECT.has(e.register.status),
    )
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const periods: RateRow[] = [];
  for (const [i, row] of rows.entries()) {
    const next = rows.slice(i + 1).find((later) => later.list === row.list);
    const ends = [row.register.endDate, next?.date ?? null].filter((d): d is string => d !== null);
    periods.push({
      instrument: row.list ?? "",
      start: row.date,
      end: ends.length > 0 ? ends.sort()[0] : null,
      ratePct: row.rateAfterPct!,
      allGoods: row.register.coversAllGoods,
    });
  }
  return periods;
}

/**
 * The duty on the goods of the authority's highest-rated product action, with every all-goods duty
 * of the authority added (an all-goods duty applies to those goods too). Product actions of one
 * authority are not added to each other: where their lists overlap, a good can pay more.
 */
function rateOn(periods: readonly RateRow[], date: string): { ratePct: number; basis: string } {
  const active = periods.filter(
    (p) => p.start <= date && (p.end === null || date < p.end) && p.ratePct > 0,
  );
  const allGoods = active.filter((p) => p.allGoods);
  const top = active
    .filter((p) => !p.allGoods)
    .reduce<RateRow | null>((best, p) => (best && best.ratePct >= p.ratePct ? best : p), null);
  const parts = [...allGoods, ...(top ? [top] : [])];
  if (parts.length === 0) return { ratePct: 0, basis: "no duty of this authority in force" };
  return {
    ratePct: parts.reduce((sum, p) => sum + p.ratePct, 0),
    basis: parts.map((p) => `${p.instrument} ${p.ratePct}%`).join(" + "),
  };
}

/**
 * Step series per actor and authority, from each one's first action that took effect up to
 * `asOf` (the register's date: nothing later is known). A step is kept only where the rate moves.
 */
export function statutorySteps(events: readonly RegisterEvent[], asOf: string): StatutoryStep[] {
  const steps: StatutoryStep[] = [];
  for (const actor of ["US", "China"]) {
    for (const authority of STATUTORY_AUTHORITIES) {
      const periods = ratePeriods(events, actor, authority);
      const dates = [...new Set(periods.flatMap((p) => (p.end ? [p.start, p.end] : [p.start])))]
        .filter((d) => d <= asOf)
        .sort();
      let previous: number | null = null;
      for (const date of dates) {
        const { ratePct, basis } = rateOn(periods, date);
        if (ratePct === previous) continue;
        steps.push({ actor, authority, date, ratePct, basis });
        previous = ratePct;
      }
    }
  }
  return steps;
}
