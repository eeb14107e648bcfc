import { describe, expect, it } from "vitest";
import { summarise, type SummaryInput } from "~/lib/summary";
import { countArticleMarks, type FigureInput } from "~/lib/charts/dashboard";

const sentencesOf = (input: SummaryInput) => summarise(input).sentences;

/** An input with nothing in it: every optional sentence switched off. */
function emptyInput(from: string, to: string): SummaryInput {
  return {
    from,
    to,
    usTariff: { start: null, startDate: null, end: null },
    chinaTariff: { start: null, startDate: null, end: null },
    coverage: { usStart: 0, usEnd: 0, chinaStart: 0, chinaEnd: 0 },
    balance: { first: null, last: null, totalUsdBn: 0, months: 0 },
    cny: { first: null, last: null },
    actions: { main: [], others: [] },
    articleMarks: { rate: 0, threat: 0, goods_covered: 0 },
  };
}

describe("summarise", () => {
  it("tells the story of the 2018–19 escalation (values from the shipped data files)", () => {
    const { sentences, actions } = summarise({
      from: "2018-01-01",
      to: "2019-12-31",
      // PIIE timeline: 2018-01-01 and 2019-09-01 rows.
      usTariff: { start: 3.091533660888672, startDate: "2018-01-01", end: 21.0438175201416 },
      chinaTariff: { start: 7.992101192474365, startDate: "2018-01-01", end: 21.838481903076172 },
      coverage: { usStart: 0, usEnd: 250, chinaStart: 0, chinaEnd: 110 },
      // Census monthly balance, USD bn: Jan 2018 and Dec 2019, sum over the 24 months.
      balance: {
        first: { date: "2018-01-01", value: -35.7719 },
        last: { date: "2019-12-01", value: -24.517 },
        totalUsdBn: -760.8624,
        months: 24,
      },
      // H.10 CNY per USD on the first and last days with data.
      cny: {
        first: { date: "2018-01-02", value: 6.491 },
        last: { date: "2019-12-31", value: 6.9618 },
      },
      // Register rows US-301-L1, CN-RET-L1, US-301-L2 (labels as the register events give them).
      actions: {
        main: [
          {
            date: "2018-07-06",
            announcedDate: "2018-06-15",
            label: "US Section 301, List 1: impose 25% on $34bn",
          },
          {
            date: "2018-07-06",
            announcedDate: "2018-06-16",
            label: "China Retaliation, Answer to List 1 ($34bn): impose 25% on $34bn",
          },
          {
            date: "2018-08-23",
            announcedDate: "2018-08-07",
            label: "US Section 301, List 2: impose 25% on $16bn",
          },
        ],
        others: [
          {
            date: "2019-01-01",
            announcedDate: "2018-12-14",
            label: "China Retaliation, Autos and parts: suspend 5–25% → 0%",
          },
        ],
      },
      articleMarks: { rate: 9, threat: 2, goods_covered: 1 },
    });
    expect(sentences).toEqual([
      "Between 1 Jan 2018 and 31 Dec 2019, the average US tariff on Chinese goods rose from 3.1% to 21.0%, and China's average tariff on US goods rose from 8.0% to 21.8% (PIIE, trade-weighted).",
      "Goods covered by US tariffs in force grew from none to $250bn of Chinese exports, and by China's tariffs in force grew from none to $110bn of US exports (tariff-action register, effective dates).",
      "The monthly US goods balance with China went from −\u2060$35.8bn in Jan 2018 to −\u2060$24.5bn in Dec 2019, a cumulative −\u2060$760.9bn over the 24 months with data.",
      "The yuan weakened from 6.4910 to 6.9618 per dollar (+7.3% in yuan per dollar).",
      "Articles published in the range quote 9 tariff rates in force or taking effect (hollow points on the tariff chart), 2 threatened or proposed rates (triangles) and 1 value of goods covered (points on the coverage chart).",
    ]);
    // The largest actions as a list (the page adds the link to all of them on /actions).
    expect(actions).toEqual({
      heading: "Largest tariff actions by trade covered and rate change (3 of 4 in the range):",
      items: [
        {
          date: "2018-07-06",
          announcedDate: "2018-06-15",
          label: "US Section 301, List 1: impose 25% on $34bn",
        },
        {
          date: "2018-07-06",
          announcedDate: "2018-06-16",
          label: "China Retaliation, Answer to List 1 ($34bn): impose 25% on $34bn",
        },
        {
          date: "2018-08-23",
          announcedDate: "2018-08-07",
          label: "US Section 301, List 2: impose 25% on $16bn",
        },
      ],
    });
  });

  it("heads the action list by what it holds: the largest, the first few, or all", () => {
    const action = (day: number) => ({
      date: `2025-08-${String(day).padStart(2, "0")}`,
      announcedDate: null,
      label: `China Retaliation, Counter-tariff: extend at 10% (${day})`,
    });
    const input = emptyInput("2025-08-01", "2025-08-31");
    input.actions = { main: [], others: [action(12)] };
    expect(summarise(input).actions).toEqual({
      heading: "Tariff actions taking effect in the range:",
      items: [action(12)],
    });
    // None with a stated trade value and rate change: the first few, in date order.
    input.actions = { main: [], others: [1, 2, 3, 4].map(action) };
    expect(summarise(input).actions).toEqual({
      heading: "First tariff actions to take effect (3 of 4 in the range):",
      items: [1, 2, 3].map(action),
    });
    input.actions = { main: [action(1), action(3)], others: [action(2)], byYear: true };
    expect(summarise(input).actions?.heading).toBe(
      "Largest tariff actions by trade covered and rate change, spread over the years and sides (2 of 3 in the range):",
    );
    input.actions = { main: [action(1)], others: [] };
    expect(summarise(input).actions?.heading).toBe("Tariff actions taking effect in the range:");
    input.actions = { main: [], others: [] };
    expect(summarise(input)).toMatchObject({ actions: null });
    expect(summarise(input).sentences).toContain(
      "No tariff action by either side takes effect in this range.",
    );
  });

  it("says so when the range lies before the PIIE tariff data and nothing happened", () => {
    const sentences = sentencesOf(emptyInput("2010-01-01", "2015-12-31"));
    expect(sentences).toEqual([
      "Between 1 Jan 2010 and 31 Dec 2015, no average tariff data is available (the PIIE series starts on 1 Jan 2018).",
      "No tariff action by either side takes effect in this range.",
      "No article in the range quotes a tariff rate or a value of goods covered that the charts draw.",
    ]);
  });

  it("notes a tariff series that starts after the range start", () => {
    const input = emptyInput("2017-01-01", "2018-12-31");
    input.usTariff = { start: 3.091533660888672, startDate: "2018-01-01", end: 12.059206008911133 };
    input.chinaTariff = {
      start: 7.992101192474365,
      startDate: "2018-01-01",
      end: 18.150741577148438,
    };
    expect(sentencesOf(input)[0]).toBe(
      "Between 1 Jan 2017 and 31 Dec 2018, the average US tariff on Chinese goods rose from 3.1% to 12.1%, and China's average tariff on US goods rose from 8.0% to 18.2% (the series starts on 1 Jan 2018) (PIIE, trade-weighted).",
    );
  });

  it("says 'reached' when there is no start value and 'fell' for a cut", () => {
    const input = emptyInput("2020-01-01", "2020-12-31");
    input.usTariff = { start: 21.0438175201416, startDate: "2020-01-01", end: 19.2929840087891 };
    input.chinaTariff = { start: null, startDate: null, end: 21.223955154418945 };
    expect(sentencesOf(input)[0]).toBe(
      "Between 1 Jan 2020 and 31 Dec 2020, the average US tariff on Chinese goods fell from 21.0% to 19.3%, and China's average tariff on US goods reached 21.2% (PIIE, trade-weighted).",
    );
  });

  it("writes a balance under a billion in millions, never as $0.0bn", () => {
    const input = emptyInput("1985-01-01", "1985-02-28");
    // Census monthly balance, USD bn: Jan 1985 +$26.1m, Feb 1985 -$58.3m.
    input.balance = {
      first: { date: "1985-01-01", value: 0.0261 },
      last: { date: "1985-02-01", value: -0.0583 },
      totalUsdBn: -0.0322,
      months: 2,
    };
    expect(sentencesOf(input)).toContain(
      "The monthly US goods balance with China went from $26.1m in Jan 1985 to −\u2060$58.3m in Feb 1985, a cumulative −\u2060$32.2m over the 2 months with data.",
    );
  });

  it("describes a single month: unchanged tariffs and coverage, one balance month", () => {
    const sentences = sentencesOf({
      from: "2019-05-01",
      to: "2019-05-31",
      usTariff: { start: 12.046144485473633, startDate: "2019-02-07", end: 12.046144485473633 },
      chinaTariff: { start: 16.503416061401367, startDate: "2019-01-01", end: 16.503416061401367 },
      coverage: { usStart: 250, usEnd: 250, chinaStart: 110, chinaEnd: 110 },
      balance: {
        first: { date: "2019-05-01", value: -29.9532 },
        last: { date: "2019-05-01", value: -29.9532 },
        totalUsdBn: -29.9532,
        months: 1,
      },
      cny: {
        first: { date: "2019-05-01", value: 6.7319 },
        last: { date: "2019-05-31", value: 6.9027 },
      },
      actions: { main: [], others: [] },
      articleMarks: { rate: 3, threat: 0, goods_covered: 0 },
    });
    expect(sentences).toEqual([
      "Between 1 May 2019 and 31 May 2019, the average US tariff on Chinese goods stayed at 12.0%, and China's average tariff on US goods stayed at 16.5% (PIIE, trade-weighted).",
      "US tariffs in force covered $250bn of Chinese goods and China's $110bn of US goods throughout (tariff-action register).",
      "The monthly US goods balance with China was −\u2060$30.0bn in May 2019.",
      "The yuan weakened from 6.7319 to 6.9027 per dollar (+2.5% in yuan per dollar).",
      "No tariff action by either side takes effect in this range.",
      "Articles published in the range quote 3 tariff rates in force or taking effect (hollow points on the tariff chart).",
    ]);
  });

  it("leaves out the yuan sentence for a single day of rates and says 'strengthened' for a fall", () => {
    const single = emptyInput("2019-05-31", "2019-05-31");
    single.cny = {
      first: { date: "2019-05-31", value: 6.9027 },
      last: { date: "2019-05-31", value: 6.9027 },
    };
    expect(sentencesOf(single).some((s) => s.startsWith("The yuan"))).toBe(false);

    const fall = emptyInput("2018-01-01", "2018-06-12");
    fall.cny = {
      first: { date: "2018-01-02", value: 6.491 },
      last: { date: "2018-06-12", value: 6.3992 },
    };
    expect(sentencesOf(fall)).toContain(
      "The yuan strengthened from 6.4910 to 6.3992 per dollar (−1.4% in yuan per dollar).",
    );
  });

  it("reports coverage growth when both sides changed", () => {
    const input = emptyInput("2018-09-01", "2018-09-30");
    input.coverage = { usStart: 50, usEnd: 250, chinaStart: 50, chinaEnd: 110 };
    expect(sentencesOf(input)[1]).toBe(
      "Goods covered by US tariffs in force grew from $50bn to $250bn of Chinese exports, and by China's tariffs in force grew from $50bn to $110bn of US exports (tariff-action register, effective dates).",
    );
  });

  it("says a side's coverage stayed put rather than that it 'grew' from a value to itself", () => {
    // 2019: List 4A took US coverage from $250bn to $362bn; China's in-force total did not move.
    const input = emptyInput("2019-01-01", "2019-12-31");
    input.coverage = { usStart: 250, usEnd: 362, chinaStart: 113, chinaEnd: 113 };
    expect(sentencesOf(input)[1]).toBe(
      "Goods covered by US tariffs in force grew from $250bn to $362bn of Chinese exports, while China's tariffs in force covered $113bn of US exports throughout (tariff-action register, effective dates).",
    );
    input.coverage = { usStart: 362, usEnd: 362, chinaStart: 113, chinaEnd: 143.2 };
    expect(sentencesOf(input)[1]).toBe(
      "Goods covered by China's tariffs in force grew from $113bn to $143.2bn of US exports, while US tariffs in force covered $362bn of Chinese exports throughout (tariff-action register, effective dates).",
    );
  });

  it("does not say the yuan strengthened when the rate did not move", () => {
    const input = emptyInput("2005-01-03", "2005-01-10");
    input.cny = {
      first: { date: "2005-01-03", value: 8.2765 },
      last: { date: "2005-01-10", value: 8.2765 },
    };
    const yuan = sentencesOf(input).find((s) => s.startsWith("The yuan"));
    expect(yuan).toBeDefined();
    expect(yuan).not.toMatch(/strengthened|weakened/);
  });

  it("uses the singular for one article figure, and counts only what the charts draw", () => {
    const input = emptyInput("2019-05-01", "2019-05-31");
    input.articleMarks = { rate: 0, threat: 1, goods_covered: 2 };
    expect(sentencesOf(input).at(-1)).toBe(
      "Articles published in the range quote 1 threatened or proposed rate (triangles) and 2 values of goods covered (points on the coverage chart).",
    );
  });
});

describe("summarise: gaps and series ends", () => {
  it("names the months the cumulative balance leaves out and where the series ends (default view)", () => {
    const [, balance] = sentencesOf({
      ...emptyInput("2017-01-01", "2025-12-31"),
      balance: {
        first: { date: "2017-01-01", value: -31.3 },
        last: { date: "2025-11-01", value: -11.5 },
        totalUsdBn: -2500,
        months: 97,
        missing: "Feb–Aug 2023 and Oct–Dec 2023",
        latest: "2025-11-01",
      },
    });
    expect(balance).toBe(
      "The monthly US goods balance with China went from −\u2060$31.3bn in Jan 2017 to −\u2060$11.5bn in Nov 2025, a cumulative −\u2060$2,500.0bn over the 97 months with data (no data for Feb–Aug 2023 and Oct–Dec 2023; latest: Nov 2025).",
    );
  });

  it("says 'latest' for tariffs and the yuan when the range runs past their last observation", () => {
    const sentences = sentencesOf({
      ...emptyInput("2025-01-01", "2026-06-30"),
      usTariff: { start: 20.7, startDate: "2024-12-31", end: 47.49, latest: "2025-11-14" },
      chinaTariff: { start: 21.1, startDate: "2024-12-31", end: 31.88, latest: "2025-11-14" },
      cny: {
        first: { date: "2025-01-02", value: 7.2993 },
        last: { date: "2025-09-26", value: 7.1328 },
        latest: "2025-09-26",
      },
    });
    expect(sentences[0]).toMatch(/\(PIIE, trade-weighted; latest: 14 Nov 2025\)\.$/);
    expect(sentences[1]).toBe(
      "The yuan strengthened from 7.2993 to 7.1328 per dollar (−2.3% in yuan per dollar; latest: 26 Sep 2025).",
    );
  });

  it("carries no tariff past the end of the PIIE series", () => {
    const [first] = sentencesOf({
      ...emptyInput("2026-01-01", "2026-06-30"),
      usTariff: { start: null, startDate: null, end: null, latest: "2025-11-14" },
      chinaTariff: { start: null, startDate: null, end: null, latest: "2025-11-14" },
    });
    expect(first).toBe(
      "Between 1 Jan 2026 and 30 Jun 2026, no average tariff data is available (the PIIE series ends on 14 Nov 2025).",
    );
  });
});

describe("article marks", () => {
  const figure = (fields: Partial<FigureInput>): FigureInput =>
    ({
      kind: "tariff_rate",
      tariffRelated: true,
      role: "rate",
      sameAsOrdinal: null,
      valueUsd: null,
      ...fields,
    }) as FigureInput;

  it("counts rates, threats and goods covered as drawn, and nothing the charts leave out", () => {
    expect(
      countArticleMarks([
        figure({}),
        figure({ role: "threat" }),
        figure({ role: "previous" }),
        figure({ role: "share" }),
        figure({ role: "rate", tariffRelated: false }),
        figure({ kind: "money", role: "goods_covered", valueUsd: 2e11 }),
        figure({ kind: "money", role: "goods_covered", valueUsd: 2e11, sameAsOrdinal: 0 }),
        figure({ kind: "money", role: "pledge", valueUsd: 2e11 }),
        figure({ kind: "money", role: "trade", valueUsd: 2e11 }),
      ]),
    ).toEqual({ rate: 1, threat: 1, goods_covered: 1 });
  });
});
