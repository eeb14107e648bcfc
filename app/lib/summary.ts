/**
 * A short plain-text story of the selected range, generated from the same data as the charts,
 * so the page reads without the charts and a screen reader hears it first.
 */
import type { ArticleMark } from "~/lib/charts/dashboard";
import { usdBnAmount } from "~/lib/charts/spec";
import { formatDay } from "~/lib/date-range";
import type { SummaryAction } from "~/lib/tariff-events";

/** When no action in the range has a stated trade value and rate change, the first few are named. */
const FIRST_ACTIONS = 3;

export interface SummaryInput {
  from: string;
  to: string;
  /** Value in force at the range start, or the first value inside the range when the series starts later. */
  usTariff: TariffMove;
  chinaTariff: TariffMove;
  coverage: { usStart: number; usEnd: number; chinaStart: number; chinaEnd: number };
  /** Monthly balance, USD bn, first and last month with data in the range. */
  balance: {
    first: { date: string; value: number } | null;
    last: { date: string; value: number } | null;
    totalUsdBn: number;
    months: number;
    /** Months inside the range and the series' span with no value, e.g. "Feb–Aug 2023 and Oct–Dec 2023". */
    missing?: string | null;
    /** Last month of the series when the range runs past it. */
    latest?: string | null;
  };
  cny: {
    first: { date: string; value: number } | null;
    last: { date: string; value: number } | null;
    /** Last day of the series when the range runs past it. */
    latest?: string | null;
  };
  /** Register actions effective in the range: `main` (the largest, see summaryActions) are named. */
  /** `byYear`: the main actions are the heaviest of each year and side in turn, not of the range. */
  actions: { main: SummaryAction[]; others: SummaryAction[]; byYear?: boolean };
  /** Article figures the charts draw, by mark (see articleMark). */
  articleMarks: Record<ArticleMark, number>;
}

/** What `/` shows: sentences, then the named tariff actions as a short list. */
export interface Summary {
  sentences: string[];
  /** Null when no action takes effect in the range (a sentence then says so). */
  actions: {
    /** What the list holds and out of how many, ending in a colon. */
    heading: string;
    items: SummaryAction[];
  } | null;
}

export interface TariffMove {
  start: number | null;
  startDate: string | null;
  end: number | null;
  /** The series' last observation when the range runs past it. */
  latest?: string | null;
}

const pct = (value: number) => `${value.toFixed(1)}%`;
/** One formatter for every amount: `toLocaleString` with options builds a new one on each call. */
const ONE_DECIMAL = new Intl.NumberFormat("en-US", {
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});
/**
 * An amount in USD bn as the charts' tables write it (January 1985's +$26.1m balance, not
 * "$0.0bn"), with thousands separated. A word joiner keeps the minus on the amount's line: phones
 * broke "−" and "$13.9bn" apart.
 */
const bn = (value: number) => {
  const { amount, unit } = usdBnAmount(Math.abs(value));
  return `${value < 0 ? "−\u2060" : ""}$${ONE_DECIMAL.format(amount)}${unit}`;
};
const month = (iso: string) => formatDay(iso).replace(/^\d+ /, "");
/**
 * Goods covered as the register gives them: whole billions as printed ($250bn), Census-based
 * totals to their tenth ($438.7bn); no ".0" the source never had.
 */
const UP_TO_ONE_DECIMAL = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });
const coverageBn = (value: number) => `$${UP_TO_ONE_DECIMAL.format(value)}bn`;
/** "grew from none to $250bn", "grew from $250bn to $362bn", "fell from …". */
function coverageMove(start: number, end: number): string {
  return `${end > start ? "grew" : "fell"} from ${start === 0 ? "none" : coverageBn(start)} to ${end === 0 ? "none" : coverageBn(end)}`;
}

function change(start: number, end: number, unit: (value: number) => string): string {
  if (Math.abs(end - start) < 0.05) return `stayed at ${unit(end)}`;
  return `${end > start ? "rose" : "fell"} from ${unit(start)} to ${unit(end)}`;
}

export function summarise(input: SummaryInput): Summary {
  const sentences: string[] = [];
  const span = `Between ${formatDay(input.from)} and ${formatDay(input.to)}`;
  const { usTariff: us, chinaTariff: cn } = input;
  if (us.end !== null && cn.end !== null) {
    const usText = us.start !== null ? change(us.start, us.end, pct) : `reached ${pct(us.end)}`;
    const cnText = cn.start !== null ? change(cn.start, cn.end, pct) : `reached ${pct(cn.end)}`;
    const late =
      us.startDate && us.startDate > input.from
        ? ` (the series starts on ${formatDay(us.startDate)})`
        : "";
    const latest = us.latest ?? cn.latest;
    sentences.push(
      `${span}, the average US tariff on Chinese goods ${usText}, and China's average tariff on US goods ${cnText}${late} (PIIE, trade-weighted${latest ? `; latest: ${formatDay(latest)}` : ""}).`,
    );
  } else {
    sentences.push(
      us.latest && us.latest < input.from
        ? `${span}, no average tariff data is available (the PIIE series ends on ${formatDay(us.latest)}).`
        : `${span}, no average tariff data is available (the PIIE series starts on 1 Jan 2018).`,
    );
  }
  const { coverage } = input;
  if (coverage.usEnd > 0 || coverage.chinaEnd > 0) {
    const usMoved = coverage.usEnd !== coverage.usStart;
    const cnMoved = coverage.chinaEnd !== coverage.chinaStart;
    const usMove = coverageMove(coverage.usStart, coverage.usEnd);
    const cnMove = coverageMove(coverage.chinaStart, coverage.chinaEnd);
    const register = "(tariff-action register, effective dates)";
    sentences.push(
      usMoved && cnMoved
        ? `Goods covered by US tariffs in force ${usMove} of Chinese exports, and by China's tariffs in force ${cnMove} of US exports ${register}.`
        : usMoved
          ? `Goods covered by US tariffs in force ${usMove} of Chinese exports, while China's tariffs in force covered ${coverageBn(coverage.chinaEnd)} of US exports throughout ${register}.`
          : cnMoved
            ? `Goods covered by China's tariffs in force ${cnMove} of US exports, while US tariffs in force covered ${coverageBn(coverage.usEnd)} of Chinese exports throughout ${register}.`
            : `US tariffs in force covered ${coverageBn(coverage.usEnd)} of Chinese goods and China's ${coverageBn(coverage.chinaEnd)} of US goods throughout (tariff-action register).`,
    );
  }
  const { balance } = input;
  if (balance.first && balance.last) {
    const same = balance.first.date === balance.last.date;
    const caveats = [
      balance.missing ? `no data for ${balance.missing}` : null,
      balance.latest ? `latest: ${month(balance.latest)}` : null,
    ].filter(Boolean);
    const caveat = caveats.length > 0 ? ` (${caveats.join("; ")})` : "";
    sentences.push(
      same
        ? `The monthly US goods balance with China was ${bn(balance.last.value)} in ${month(balance.last.date)}${caveat}.`
        : `The monthly US goods balance with China went from ${bn(balance.first.value)} in ${month(balance.first.date)} to ${bn(balance.last.value)} in ${month(balance.last.date)}, a cumulative ${bn(balance.totalUsdBn)} over the ${balance.months} ${balance.months === 1 ? "month" : "months"} with data${caveat}.`,
    );
  }
  const { cny } = input;
  if (cny.first && cny.last && cny.first.date !== cny.last.date) {
    const move = Number(((cny.last.value / cny.first.value - 1) * 100).toFixed(1));
    const latest = cny.latest ? ` (latest: ${formatDay(cny.latest)})` : "";
    if (move === 0) {
      sentences.push(`The yuan held at about ${cny.last.value.toFixed(4)} per dollar${latest}.`);
    } else {
      const direction = move > 0 ? "weakened" : "strengthened";
      sentences.push(
        `The yuan ${direction} from ${cny.first.value.toFixed(4)} to ${cny.last.value.toFixed(4)} per dollar (${move > 0 ? "+" : "−"}${Math.abs(move).toFixed(1)}% in yuan per dollar${cny.latest ? `; latest: ${formatDay(cny.latest)}` : ""}).`,
      );
    }
  }
  const { main, others } = input.actions;
  const total = main.length + others.length;
  let actions: Summary["actions"] = null;
  if (total > 0) {
    const items = main.length > 0 ? main : others.slice(0, FIRST_ACTIONS);
    const of = items.length < total ? ` (${items.length} of ${total} in the range)` : "";
    const heading =
      main.length === 0 && items.length < total
        ? `First tariff actions to take effect${of}:`
        : items.length < total
          ? `Largest tariff actions by trade covered and rate change${input.actions.byYear ? ", spread over the years and sides" : ""}${of}:`
          : "Tariff actions taking effect in the range:";
    actions = { heading, items };
  } else {
    sentences.push("No tariff action by either side takes effect in this range.");
  }
  sentences.push(articleMarksSentence(input.articleMarks));
  return { sentences, actions };
}

/** What the charts draw from articles, counted as drawn: a count never names figures not plotted. */
function articleMarksSentence(marks: Record<ArticleMark, number>): string {
  const parts = [
    counted(
      marks.rate,
      "tariff rate in force or taking effect",
      "tariff rates in force or taking effect",
      "hollow points on the tariff chart",
    ),
    counted(
      marks.threat,
      "threatened or proposed rate",
      "threatened or proposed rates",
      "triangles",
    ),
    counted(
      marks.goods_covered,
      "value of goods covered",
      "values of goods covered",
      "points on the coverage chart",
    ),
  ].filter((part) => part !== null);
  if (parts.length === 0)
    return "No article in the range quotes a tariff rate or a value of goods covered that the charts draw.";
  const list =
    parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
  return `Articles published in the range quote ${list}.`;
}

function counted(count: number, one: string, many: string, mark: string): string | null {
  return count === 0 ? null : `${count} ${count === 1 ? one : many} (${mark})`;
}
