import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { requireCatalogueEntry } from "~/lib/catalogue";
import {
  buildChart,
  buildCoverageChart,
  buildCurrencyChart,
  buildTariffChart,
  buildTradeChart,
  CHART_IDS,
  coverageSteps,
  eventLabel,
  MAX_DRAWN_POINTS,
  SLUGS,
  type BuiltChart,
  type DashboardInput,
  type DashboardOptions,
  type EventInput,
  type FigureInput,
} from "~/lib/charts/dashboard";
import { chartRowsToCsv, type ChartRow } from "~/lib/charts/rows";
import { chartPanels, formatChartValue } from "~/lib/charts/spec";
import type { DatedValue } from "~/lib/charts/transform";
import { parseSeriesFile, parseTidySeries } from "~/lib/import";

// ---------------------------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------------------------

const DATA = path.resolve(__dirname, "../../data");

/** The tariff-action register as the importer turns it into tariff events (same mapping as the loader). */
function registerEvents(): EventInput[] {
  const file = "tariff_actions.csv";
  const parsed = parseSeriesFile(readFileSync(path.join(DATA, file), "utf8"), file);
  if (!parsed.ok) throw new Error(`could not parse ${file}`);
  return parsed.events.map((e) => ({
    date: e.date,
    actor: e.actor,
    source: e.source,
    list: e.list,
    action: e.action,
    rateBeforePct: e.rateBeforePct,
    rateAfterPct: e.rateAfterPct,
    tradeCoveredUsdBn: e.tradeCoveredUsdBn,
    note: e.note,
    description: e.description,
    measure: e.measure,
    register: e.register,
  }));
}

/** Census monthly trade (USD millions) by catalogue slug, from the shipped file. */
function monthlyTrade(): Map<string, DatedValue[]> {
  const file = "us_china_trade_monthly.csv";
  const parsed = parseTidySeries(readFileSync(path.join(DATA, file), "utf8"), file);
  if (!parsed.ok) throw new Error(`could not parse ${file}`);
  return new Map([
    [SLUGS.exports, parsed.series.exports_to_china_musd],
    [SLUGS.imports, parsed.series.imports_from_china_musd],
    [SLUGS.balance, parsed.series.balance_musd],
  ]);
}

/** Rows of data/tariffs_us_china_piie_timeline.csv (US on China, China on US). */
const PIIE: [string, number, number][] = [
  ["2018-01-01", 3.091533660888672, 7.992101192474365],
  ["2018-07-06", 6.746252536773682, 10.119281768798828],
  ["2018-08-13", 6.746252536773682, 10.119281768798828],
  ["2018-08-23", 8.405341148376465, 14.36530876159668],
  ["2018-09-24", 12.059206008911133, 18.33176040649414],
  ["2018-11-01", 12.059206008911133, 18.150741577148438],
  ["2019-01-01", 12.059206008911133, 16.503416061401367],
  ["2019-06-01", 17.526941299438477, 20.7301025390625],
  ["2019-09-01", 21.0438175201416, 21.838481903076172],
  ["2020-02-14", 19.2929840087891, 21.25025177001953],
];

const PIIE_SPAN = { first: "2018-01-01", last: "2025-11-14" };
const usTariffPoints = PIIE.map(([date, us]) => ({ date, value: us }));
const chinaTariffPoints = PIIE.map(([date, , china]) => ({ date, value: china }));

/** The last PIIE value on or before a date, as the loader's getValuesAsOf gives it. */
function asOf(points: DatedValue[], date: string): DatedValue | undefined {
  return [...points].reverse().find((p) => p.date <= date);
}

const DEFAULT_OPTIONS: DashboardOptions = {
  tradeTransform: "level",
  tradeScale: "linear",
  currencyTransform: "level",
  currencies: ["CNY"],
  currencyView: "index",
  coverageView: "usd_bn",
  events: { actor: null, authority: null },
};

/** A DashboardInput for a range, with the PIIE step series and their values in force at its start. */
function makeInput(
  range: { from: string | null; to: string | null },
  extra: Partial<Omit<DashboardInput, "options">> & { options?: Partial<DashboardOptions> } = {},
): DashboardInput {
  const points = new Map<string, DatedValue[]>([
    [SLUGS.usTariff, usTariffPoints],
    [SLUGS.chinaTariff, chinaTariffPoints],
  ]);
  const asOfStart = new Map<string, DatedValue>();
  if (range.from) {
    for (const [slug, list] of points) {
      const value = asOf(list, range.from);
      if (value) asOfStart.set(slug, value);
    }
  }
  for (const [slug, list] of extra.points ?? []) points.set(slug, list);
  return {
    range,
    resolved: { from: range.from ?? "1971-01-04", to: range.to ?? "2025-12-01" },
    points,
    asOfStart: extra.asOfStart ?? asOfStart,
    // The shipped PIIE timeline runs from 1 Jan 2018 to 14 Nov 2025 (the points above are its start).
    spans:
      extra.spans ??
      new Map([
        [SLUGS.usTariff, PIIE_SPAN],
        [SLUGS.chinaTariff, PIIE_SPAN],
      ]),
    events: extra.events ?? [],
    figures: extra.figures ?? [],
    options: { ...DEFAULT_OPTIONS, ...extra.options },
    ...(extra.resolved ? { resolved: extra.resolved } : {}),
  };
}

let nextOrdinal = 1;
function figure(partial: Partial<FigureInput>): FigureInput {
  return {
    articleId: 42,
    articleTitle: "Washington raises tariffs on $200bn of Chinese goods",
    articleKind: "news",
    outlet: "BBC News",
    publishedAt: "2019-05-10T13:45:00.000Z",
    ordinal: nextOrdinal++,
    kind: "tariff_rate",
    text: "25%",
    sentence: "The rate on $200bn of Chinese imports rose from 10% to 25% on Friday.",
    value: 25,
    currency: null,
    valueUsd: null,
    rangeLow: null,
    rangeHigh: null,
    rateFrom: null,
    tariffRelated: true,
    direction: "us_on_china",
    // what the extractor says of a rate in force or of goods under tariffs
    role: partial.kind === "money" ? "goods_covered" : "rate",
    inTitle: false,
    sameAsOrdinal: null,
    impliedFxRate: null,
    officialFxRate: null,
    flag: null,
    ...partial,
  };
}

// ---------------------------------------------------------------------------------------------
// Shared checks
// ---------------------------------------------------------------------------------------------

const rowsOf = (chart: BuiltChart, series: string) =>
  chart.rows.filter((row) => row.series === series);
const datasetOf = (chart: BuiltChart, id: string) => {
  const set = chart.spec.datasets.find((d) => d.id === id);
  if (!set) throw new Error(`no dataset ${id} in ${chart.id}`);
  return set;
};

/**
 * Every row belongs to a dataset and every dataset point is a row with the same date, value and
 * range; step datasets may carry one extra point at the resolved end (drawing only).
 */
function expectRowsMatchSpec(chart: BuiltChart): void {
  const ids = chart.spec.datasets.map((d) => d.id);
  expect(new Set(ids).size).toBe(ids.length);
  expect([...new Set(chart.rows.map((r) => r.series))].sort()).toEqual([...ids].sort());
  for (const set of chart.spec.datasets) {
    const own = rowsOf(chart, set.id);
    let data = set.data;
    if (set.style === "step" && data.length === own.length + 1) {
      expect(data.at(-1)!.x).toBe(chart.spec.xMax);
      data = data.slice(0, -1);
    }
    expect(data).toHaveLength(own.length);
    data.forEach((point, i) => {
      const row = own[i];
      expect(point.x).toBe(row.date);
      expect(point.y).toBe(row.value);
      expect(point.yMin).toBe(row.rangeLow ?? undefined);
      expect(point.yMax).toBe(row.rangeHigh ?? undefined);
      expect(point.href).toBe(
        row.article ? `/articles/${row.article.id}#figure-${row.article.ordinal}` : undefined,
      );
    });
    if (own.length > 0) {
      expect(set.label).toBe(own[0].label);
      expect(set.unit).toBe(own[0].unit);
      expect(set.source).toBe(own[0].source);
    }
  }
}

function expectSorted(rows: ChartRow[]): void {
  for (let i = 1; i < rows.length; i++) {
    const [a, b] = [rows[i - 1], rows[i]];
    expect(a.date < b.date || (a.date === b.date && a.series <= b.series)).toBe(true);
  }
}

// ---------------------------------------------------------------------------------------------
// Tariff chart
// ---------------------------------------------------------------------------------------------

describe("buildTariffChart", () => {
  const range = { from: "2018-08-01", to: "2019-12-31" };

  it("plots rates in force as points and threats with their own mark; never previous levels, shares or title figures", () => {
    const inForce = figure({ articleId: 60, ordinal: 1, value: 25, rateFrom: 10 });
    const threat = figure({ articleId: 60, ordinal: 2, value: 30, role: "threat" });
    const previous = figure({ articleId: 60, ordinal: 3, value: 3.1, role: "previous" });
    const share = figure({ articleId: 60, ordinal: 4, value: 56.3, role: "share" });
    const other = figure({ articleId: 60, ordinal: 5, value: 6, role: "other" });
    const title = figure({ articleId: 60, ordinal: 6, value: 25, inTitle: true });
    const chart = buildTariffChart(
      makeInput(range, { figures: [inForce, threat, previous, share, other, title] }),
    );
    const plotted = chart.rows.filter((r) => r.article !== null);
    expect(plotted.map((r) => [r.series, r.value, r.rateFrom, r.role])).toEqual([
      ["articles_us_on_china", 25, 10, "rate"],
      ["threats_us_on_china", 30, null, "threat"],
    ]);
    expect(datasetOf(chart, "threats_us_on_china")).toMatchObject({
      marker: "triangle",
      hollow: true,
    });
    expect(datasetOf(chart, "articles_us_on_china").marker).toBeUndefined();
    expect(chartRowsToCsv(chart.rows).split("\n")[0]).toContain(",role,");
  });

  it("starts each step series with the value in force at the range start, dated range.from", () => {
    const chart = buildTariffChart(makeInput(range));
    const us = rowsOf(chart, "us_on_china");
    const entry = requireCatalogueEntry(SLUGS.usTariff);
    expect(us[0]).toEqual({
      date: "2018-08-01",
      series: "us_on_china",
      label: entry.name,
      value: 6.75,
      unit: "percent",
      source: entry.source,
      rangeLow: null,
      rangeHigh: null,
      rateFrom: null,
      role: null,
      article: null,
      seriesSlug: SLUGS.usTariff,
      note: "in force since 2018-07-06",
      flag: null,
    });
    expect(us.map((r) => r.date)).toEqual([
      "2018-08-01",
      "2018-08-13",
      "2018-08-23",
      "2018-09-24",
      "2018-11-01",
      "2019-01-01",
      "2019-06-01",
      "2019-09-01",
    ]);
    expect(us.slice(1).every((r) => r.note === null)).toBe(true);
    const china = rowsOf(chart, "china_on_us");
    expect(china[0]).toMatchObject({
      date: "2018-08-01",
      value: 10.12,
      note: "in force since 2018-07-06",
    });
    expect(china.at(-1)).toMatchObject({ date: "2019-09-01", value: 21.84 });
    expect(datasetOf(chart, "us_on_china").data[0].note).toEqual(["in force since 2018-07-06"]);
  });

  it("adds no carried row when a change falls on the range start, or the range is open, or nothing was in force", () => {
    const onStart = buildTariffChart(makeInput({ from: "2018-09-24", to: "2019-12-31" }));
    expect(rowsOf(onStart, "us_on_china")[0]).toMatchObject({
      date: "2018-09-24",
      value: 12.06,
      note: null,
    });
    expect(rowsOf(onStart, "us_on_china").filter((r) => r.date === "2018-09-24")).toHaveLength(1);

    const open = buildTariffChart(makeInput({ from: null, to: "2018-08-31" }));
    expect(rowsOf(open, "us_on_china").map((r) => r.date)).toEqual([
      "2018-01-01",
      "2018-07-06",
      "2018-08-13",
      "2018-08-23",
    ]);
    expect(open.rows.some((r) => r.note !== null)).toBe(false);

    const before = buildTariffChart(makeInput({ from: "2017-01-01", to: "2018-03-31" }));
    expect(rowsOf(before, "us_on_china").map((r) => r.date)).toEqual(["2018-01-01"]);
  });

  it("carries the value through a range with no change in it", () => {
    const chart = buildTariffChart(makeInput({ from: "2019-10-01", to: "2019-12-31" }));
    expect(rowsOf(chart, "us_on_china")).toHaveLength(1);
    expect(rowsOf(chart, "us_on_china")[0]).toMatchObject({
      date: "2019-10-01",
      value: 21.04,
      note: "in force since 2019-09-01",
    });
  });

  it("extends step datasets to the range end for drawing only", () => {
    const chart = buildTariffChart(makeInput(range));
    const us = datasetOf(chart, "us_on_china");
    expect(us.style).toBe("step");
    expect(us.data).toHaveLength(rowsOf(chart, "us_on_china").length + 1);
    expect(us.data.at(-1)).toEqual({
      x: "2019-12-31",
      y: 21.04,
      note: ["value in force since 2019-09-01"],
    });
    expect(chart.rows.some((r) => r.date === "2019-12-31")).toBe(false);
  });

  it("does not extend a step that already reaches the range end", () => {
    const chart = buildTariffChart(makeInput({ from: "2018-08-01", to: "2019-09-01" }));
    const us = datasetOf(chart, "us_on_china");
    expect(us.data).toHaveLength(rowsOf(chart, "us_on_china").length);
    expect(us.data.at(-1)!.x).toBe("2019-09-01");
  });

  it("gives the drawing-only extension the real 'in force since' date when no change falls in the range", () => {
    const chart = buildTariffChart(makeInput({ from: "2019-10-01", to: "2019-12-31" }));
    const us = datasetOf(chart, "us_on_china");
    expect(us.data.at(-1)!.x).toBe("2019-12-31");
    expect(us.data.at(-1)!.note).toEqual(["value in force since 2019-09-01"]);
  });

  it("turns tariff-rate figures into hollow article points linked to the figure", () => {
    const raise = figure({ articleId: 42, ordinal: 3, value: 25, rateFrom: 10 });
    const spread = figure({
      articleId: 43,
      ordinal: 1,
      articleTitle: "Beijing answers with duties of 5% to 25%",
      publishedAt: "2019-05-13T21:10:00.000Z",
      sentence: "China will put duties of 5% to 25% on $60bn of US goods from 1 June.",
      text: "5% to 25%",
      value: 25,
      rangeLow: 5,
      rangeHigh: 25,
      direction: "china_on_us",
    });
    const unclear = figure({
      articleId: 44,
      ordinal: 2,
      value: 10,
      direction: null,
      publishedAt: "2019-08-02T08:00:00.000Z",
    });
    const notTariff = figure({ articleId: 45, ordinal: 1, value: 7, tariffRelated: false });
    const money = figure({
      articleId: 46,
      ordinal: 1,
      kind: "money",
      value: 200e9,
      currency: "USD",
      valueUsd: 200e9,
    });
    const chart = buildTariffChart(
      makeInput(range, { figures: [raise, spread, unclear, notTariff, money] }),
    );

    const articles = chart.rows.filter((r) => r.article !== null);
    expect(articles.map((r) => [r.series, r.date, r.value])).toEqual([
      ["articles_us_on_china", "2019-05-10", 25],
      ["articles_china_on_us", "2019-05-13", 25],
      ["articles_other", "2019-08-02", 10],
    ]);
    expect(articles[0]).toMatchObject({
      label: "Article figures quoted, US on China",
      unit: "percent",
      source: "BBC News; figure extracted by this project",
      rateFrom: 10,
      rangeLow: null,
      article: {
        id: 42,
        ordinal: 3,
        title: raise.articleTitle,
        source: "BBC News",
        publishedAt: raise.publishedAt,
        text: "25%",
        sentence: raise.sentence,
      },
    });
    expect(articles[1]).toMatchObject({
      rangeLow: 5,
      rangeHigh: 25,
      label: "Article figures quoted, China on US",
    });

    const usPoints = datasetOf(chart, "articles_us_on_china");
    expect(usPoints).toMatchObject({ style: "points", hollow: true, colorVar: "--us" });
    expect(usPoints.data).toEqual([
      {
        x: "2019-05-10",
        y: 25,
        href: "/articles/42#figure-3",
        note: [
          "raised or cut from 10.0%",
          `“${raise.sentence}”`,
          "Washington raises tariffs on $200bn of Chinese goods (BBC News, 10 May 2019)",
        ],
      },
    ]);
    expect(datasetOf(chart, "articles_china_on_us")).toMatchObject({
      colorVar: "--china",
      hollow: true,
    });
    expect(datasetOf(chart, "articles_china_on_us").data[0]).toMatchObject({
      yMin: 5,
      yMax: 25,
      href: "/articles/43#figure-1",
    });
    expect(datasetOf(chart, "articles_other")).toMatchObject({
      colorVar: "--other",
      label: "Article figures quoted, neither side named",
    });
    // Article datasets are points, never stretched to the range end.
    expect(datasetOf(chart, "articles_us_on_china").data).toHaveLength(1);
    expectRowsMatchSpec(chart);
  });

  it("names a brief as a project brief, never as news, in the source column and tooltip", () => {
    const brief = figure({ articleKind: "brief", outlet: null, articleTitle: "List 3 raised" });
    const unknown = figure({
      articleKind: null,
      outlet: null,
      publishedAt: "2019-05-11T00:00:00Z",
    });
    const chart = buildTariffChart(makeInput(range, { figures: [brief, unknown] }));
    const [briefRow, unknownRow] = chart.rows.filter((r) => r.article !== null);
    expect(briefRow.source).toBe(
      "Project brief (not a news report); figure extracted by this project",
    );
    expect(unknownRow.source).toBe("Source not recorded; figure extracted by this project");
    expect(datasetOf(chart, "articles_us_on_china").data[0].note).toContain(
      "List 3 raised (Project brief (not a news report), 10 May 2019)",
    );
    expect(chart.rows.some((r) => /news articles/i.test(r.source))).toBe(false);
  });

  it("shortens a long article sentence in the tooltip and keeps the figure's flag as a note", () => {
    const long = "x".repeat(200);
    const chart = buildTariffChart(
      makeInput(range, {
        figures: [figure({ ordinal: 9, sentence: long, flag: "value read from a range" })],
      }),
    );
    const note = datasetOf(chart, "articles_us_on_china").data[0].note!;
    expect(note[0]).toBe(`“${"x".repeat(159)}…”`);
    expect(note.at(-1)).toBe("⚠ value read from a range");
    expect(rowsOf(chart, "articles_us_on_china")[0].article!.sentence).toBe(long);
  });

  it("only draws article datasets that have points, and rows agree with the spec", () => {
    const chart = buildTariffChart(makeInput(range));
    expect(chart.spec.datasets.map((d) => d.id)).toEqual(["us_on_china", "china_on_us"]);
    expectRowsMatchSpec(chart);
    expectSorted(chart.rows);
  });

  it("carries nothing into a range after the PIIE series' last row (14 Nov 2025)", () => {
    const after = buildTariffChart(makeInput({ from: "2026-01-01", to: "2026-06-30" }));
    expect(rowsOf(after, "us_on_china")).toEqual([]);
    expect(datasetOf(after, "us_on_china").latest).toBe("2025-11-14");
    expect(after.spec.notes).toContain("US average tariff on Chinese exports: latest 14 Nov 2025.");
  });

  it("rounds PIIE's float32 values to the two decimals kept for the source (CSV too)", () => {
    const chart = buildTariffChart(makeInput({ from: "2018-12-01", to: "2019-02-28" }));
    const china = rowsOf(chart, "china_on_us").find((r) => r.date === "2019-01-01")!;
    expect(china.value).toBe(16.5);
    const csv = chartRowsToCsv(chart.rows);
    expect(csv).toContain(",16.5,percent,");
    expect(csv).not.toContain("16.503416061401367");
    expect(
      chart.rows.every((r) => r.value === null || Number(r.value.toFixed(2)) === r.value),
    ).toBe(true);
  });

  it("uses the resolved range as the x axis, also for an open range", () => {
    const closed = buildTariffChart(makeInput(range));
    expect([closed.spec.xMin, closed.spec.xMax]).toEqual(["2018-08-01", "2019-12-31"]);
    const open = buildTariffChart(makeInput({ from: null, to: null }));
    expect([open.spec.xMin, open.spec.xMax]).toEqual(["1971-01-04", "2025-12-01"]);
    // The step stops at the series' last observation (14 Nov 2025), not at the range end.
    expect(datasetOf(open, "china_on_us").data.at(-1)).toMatchObject({
      x: "2025-11-14",
      y: 21.25,
    });
    expect(datasetOf(open, "china_on_us").latest).toBe("2025-11-14");
    expect(open.spec).toMatchObject({
      valueFormat: "percent",
      yScale: "linear",
      yTitle: "percent",
      events: [],
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Coverage
// ---------------------------------------------------------------------------------------------

describe("event lines", () => {
  it("mark only actions inside the range the axis shows, also when the range is open", () => {
    // The register schedules increases for 1 Jan 2026; an open range ends with the data
    // (31 Dec 2025), so those are neither drawn nor listed as "marked on this chart".
    const events = registerEvents();
    expect(events.some((e) => e.date === "2026-01-01")).toBe(true);
    const open = makeInput(
      { from: null, to: null },
      { events, resolved: { from: "2017-01-01", to: "2025-12-31" } },
    );
    for (const chart of [buildTariffChart(open), buildTradeChart(open)]) {
      expect(chart.spec.events.length).toBeGreaterThan(0);
      expect(chart.spec.events.every((e) => e.date >= "2017-01-01" && e.date <= "2025-12-31")).toBe(
        true,
      );
    }
    const later = buildTariffChart(makeInput({ from: "2025-06-01", to: "2026-06-30" }, { events }));
    expect(later.spec.events.some((e) => e.date === "2026-01-01")).toBe(true);
  });
});

describe("coverageSteps", () => {
  it("counts goods from each imposition's effective date, List 4A from 1 Sep 2019 (real register)", () => {
    const steps = coverageSteps(registerEvents());
    expect(steps.map((s) => [s.actor, s.date, s.totalUsdBn])).toEqual([
      ["US", "2018-07-06", 34],
      ["US", "2018-08-23", 50],
      ["US", "2018-09-24", 250],
      ["US", "2019-09-01", 362],
      // The IEEPA fentanyl tariff covers every good: the total is the whole 2024 trade, not a sum.
      ["US", "2025-02-04", 438.7],
      ["China", "2018-04-02", 3],
      ["China", "2018-07-06", 37],
      ["China", "2018-08-23", 53],
      ["China", "2018-09-24", 113],
      ["China", "2025-04-10", 143.2],
    ]);
  });

  it("ignores other sources, events without register fields and never-implemented lists", () => {
    const events = registerEvents();
    const list4b = events.find((e) => e.register?.actionId === "US-301-L4B")!;
    expect(list4b.register!.status).toBe("never implemented");
    const piie: EventInput = { ...events[0], source: "piie", register: null };
    const only = coverageSteps([list4b, piie]);
    expect(only).toEqual([]);
    expect(coverageSteps([])).toEqual([]);
  });
});

describe("buildCoverageChart", () => {
  const events = registerEvents();

  it("carries each side's cumulative total into the range, then steps at each imposition", () => {
    const chart = buildCoverageChart(
      makeInput({ from: "2018-09-01", to: "2019-12-31" }, { events }),
    );
    expect(rowsOf(chart, "us_on_china").map((r) => [r.date, r.value, r.note])).toEqual([
      ["2018-09-01", 50, "in force since 2018-08-23"],
      ["2018-09-24", 250, "US Section 301, List 3: impose 10% on $200bn"],
      ["2019-09-01", 362, "US Section 301, List 4A: impose 15% on $112bn"],
    ]);
    expect(rowsOf(chart, "china_on_us").map((r) => [r.date, r.value])).toEqual([
      ["2018-09-01", 53],
      ["2018-09-24", 113],
    ]);
    expect(rowsOf(chart, "us_on_china")[0]).toMatchObject({
      unit: "USD bn (cumulative)",
      label: "US tariffs in force on Chinese goods",
    });
    expect(rowsOf(chart, "china_on_us")[0].label).toBe("Chinese tariffs in force on US goods");
    expect(datasetOf(chart, "us_on_china").data.at(-1)).toEqual({
      x: "2019-12-31",
      y: 362,
      note: ["value in force since 2019-09-01"],
    });
    expectRowsMatchSpec(chart);
    expectSorted(chart.rows);
  });

  it("shows the whole build-up for an open range and nothing before the first imposition", () => {
    const open = buildCoverageChart(makeInput({ from: null, to: null }, { events }));
    expect(rowsOf(open, "us_on_china").map((r) => r.value)).toEqual([34, 50, 250, 362, 438.7]);
    expect(rowsOf(open, "china_on_us").map((r) => r.value)).toEqual([3, 37, 53, 113, 143.2]);
    const early = buildCoverageChart(
      makeInput({ from: "2017-01-01", to: "2018-03-31" }, { events }),
    );
    expect(early.rows).toEqual([]);
    expect(early.spec.datasets.every((d) => d.data.length === 0)).toBe(true);
  });

  it("ends the lines on the register's date: nothing in force is claimed after it", () => {
    const past = buildCoverageChart(
      makeInput({ from: "2024-01-01", to: "2026-12-31" }, { events }),
    );
    const inForce = datasetOf(past, "us_on_china");
    expect(inForce.latest).toBe("2025-11-30");
    expect(inForce.data.at(-1)!.x <= "2025-11-30").toBe(true);
    expect(past.spec.notes.some((n) => n.startsWith("The lines end on 30 Nov 2025"))).toBe(true);
    expect(datasetOf(past, "us_on_china").label).toBe("US tariffs in force on Chinese goods");
    const after = buildCoverageChart(
      makeInput({ from: "2026-03-01", to: "2026-12-31" }, { events }),
    );
    expect(rowsOf(after, "us_on_china")).toEqual([]);
    expect(rowsOf(after, "china_on_us")).toEqual([]);
    expect(datasetOf(after, "us_on_china").data).toEqual([]);
  });

  it("does not carry an older total into a range that starts on an imposition", () => {
    const chart = buildCoverageChart(
      makeInput({ from: "2018-08-23", to: "2018-12-31" }, { events }),
    );
    expect(rowsOf(chart, "us_on_china").map((r) => [r.date, r.value])).toEqual([
      ["2018-08-23", 50],
      ["2018-09-24", 250],
    ]);
  });

  it("carries the totals through a range after the last imposition", () => {
    const chart = buildCoverageChart(
      makeInput({ from: "2020-01-01", to: "2020-12-31" }, { events }),
    );
    expect(chart.rows.map((r) => [r.series, r.date, r.value, r.note])).toEqual([
      ["china_on_us", "2020-01-01", 113, "in force since 2018-09-24"],
      ["china_on_us_announced", "2020-01-01", 113, "in force or announced since 2018-09-18"],
      ["us_on_china", "2020-01-01", 362, "in force since 2019-09-01"],
      // List 4B was called off on 13 Dec 2019: nothing is pending in 2020.
      ["us_on_china_announced", "2020-01-01", 362, "in force or announced since 2019-12-13"],
    ]);
  });

  it("draws the announced-but-not-yet-effective layer dashed, with its own rows and legend entry", () => {
    const chart = buildCoverageChart(
      makeInput({ from: "2019-08-01", to: "2019-12-31" }, { events }),
    );
    const us = chart.spec.datasets.find((d) => d.id === "us_on_china")!;
    const announced = chart.spec.datasets.find((d) => d.id === "us_on_china_announced")!;
    expect(us.dashed).toBeFalsy();
    expect(announced).toMatchObject({
      dashed: true,
      style: "step",
      colorVar: "--us",
      label: "US tariffs in force or announced (dashed)",
    });
    const rowsOf = (series: string) =>
      chart.rows.filter((r) => r.series === series).map((r) => [r.date, r.value]);
    expect(rowsOf("us_on_china")).toEqual([
      ["2019-08-01", 250],
      ["2019-09-01", 362],
    ]);
    expect(rowsOf("us_on_china_announced")).toEqual([
      ["2019-08-01", 250],
      ["2019-08-13", 522],
      // List 4B drops out on the day it was called off (13 Dec), not on its scheduled 15 Dec.
      ["2019-12-13", 362],
    ]);
    expect(chart.spec.notes[0]).toMatch(/^Dashed: goods of actions announced but not yet in force/);
  });

  it("offers coverage as a share of the previous year's imports (view_coverage=share)", () => {
    const annual = (column: 3 | 2) =>
      readFileSync(path.join(DATA, "us_china_trade_annual.csv"), "utf8")
        .trim()
        .split("\n")
        .slice(1)
        .map((line) => line.split(","))
        .map((cells) => ({ date: cells[0], value: Number(cells[column]) }));
    const input = makeInput(
      { from: "2019-01-01", to: "2020-12-31" },
      {
        events,
        figures: [figure({ kind: "money", role: "goods_covered", value: 250, valueUsd: 250e9 })],
        points: new Map([
          [SLUGS.annualImports, annual(3)],
          [SLUGS.annualExports, annual(2)],
        ]),
        options: { coverageView: "share" },
      },
    );
    const chart = buildCoverageChart(input);
    expect(chart.spec.yTitle).toBe("% of previous year's imports covered");
    expect(chart.spec.valueFormat).toBe("percent");
    // Dollar amounts quoted in articles are not shares: left out of this view and its rows.
    expect(chart.rows.some((r) => r.article !== null)).toBe(false);
    expect(chart.spec.datasets.map((d) => d.id)).toEqual([
      "us_on_china",
      "us_on_china_announced",
      "china_on_us",
      "china_on_us_announced",
    ]);
    const us = chart.rows.filter((r) => r.series === "us_on_china");
    expect(us.map((r) => [r.date, r.value])).toEqual([
      ["2019-01-01", 46.4],
      ["2019-09-01", 67.2],
      ["2020-01-01", 80.6],
    ]);
    expect(us[0].unit).toBe("percent of the previous year's US imports from China");
    expect(us[1].note).toContain("$362bn of $538.5bn (2018 US imports from China)");
    const china = chart.rows.filter((r) => r.series === "china_on_us");
    expect(china.at(-1)).toMatchObject({ date: "2020-01-01", value: 100 });
    expect(china.at(-1)!.note).toContain("capped at 100%");
    expect(chart.spec.notes.join(" ")).toContain("China's share is capped at 100%");
    // The USD view of the same input keeps the article point and the dollar axis.
    const usd = buildCoverageChart({
      ...input,
      options: { ...input.options, coverageView: "usd_bn" },
    });
    expect(usd.spec.yTitle).toBe("USD bn");
    expect(usd.rows.some((r) => r.article !== null)).toBe(true);
  });

  it("gives the coverage extension the date the total took effect (Phase One preset)", () => {
    const chart = buildCoverageChart(
      makeInput({ from: "2019-10-01", to: "2021-12-31" }, { events }),
    );
    expect(rowsOf(chart, "us_on_china")).toHaveLength(1);
    expect(datasetOf(chart, "us_on_china").data.at(-1)!.note).toEqual([
      "value in force since 2019-09-01",
    ]);
  });

  it("plots goods covered once per fact, names the conversions in the tooltip, leaves pledges out", () => {
    const usd = figure({
      kind: "money",
      articleId: 70,
      ordinal: 1,
      value: 200e9,
      currency: "USD",
      valueUsd: 200e9,
      text: "$200bn",
    });
    const sterling = figure({
      kind: "money",
      articleId: 70,
      ordinal: 2,
      value: 159.2e9,
      currency: "GBP",
      valueUsd: 200e9,
      text: "£159.2bn",
      sameAsOrdinal: 1,
    });
    const pledge = figure({
      kind: "money",
      articleId: 70,
      ordinal: 3,
      value: 200e9,
      currency: "USD",
      valueUsd: 200e9,
      role: "pledge",
    });
    const chart = buildCoverageChart(
      makeInput(
        { from: "2019-01-01", to: "2019-12-31" },
        { events, figures: [usd, sterling, pledge] },
      ),
    );
    const plotted = chart.rows.filter((r) => r.article !== null);
    expect(plotted.map((r) => [r.value, r.role, r.note])).toEqual([
      [200, "goods_covered", "also quoted as £159.2bn"],
    ]);
  });

  it("draws tariff-related money figures in USD bn, scaling a range by the article's own conversion", () => {
    const usd = figure({
      kind: "money",
      ordinal: 4,
      value: 200e9,
      currency: "USD",
      valueUsd: 200e9,
      text: "$200bn",
    });
    const yuan = figure({
      kind: "money",
      articleId: 50,
      ordinal: 2,
      currency: "CNY",
      value: 1.38e12,
      valueUsd: 200e9,
      rangeLow: 1e12,
      rangeHigh: 1.38e12,
      direction: "china_on_us",
      text: "1 trillion to 1.38 trillion yuan",
    });
    const unconverted = figure({
      kind: "money",
      ordinal: 5,
      value: 3e9,
      currency: "XYZ",
      valueUsd: null,
    });
    const untargeted = figure({
      kind: "money",
      ordinal: 6,
      value: 5e9,
      currency: "USD",
      valueUsd: 5e9,
      tariffRelated: false,
      role: "trade",
    });
    const rate = figure({ kind: "tariff_rate", ordinal: 7, value: 25 });
    const chart = buildCoverageChart(
      makeInput(
        { from: "2019-01-01", to: "2019-12-31" },
        { events, figures: [usd, yuan, unconverted, untargeted, rate] },
      ),
    );
    expect(chart.rows.filter((r) => r.article !== null)).toHaveLength(2);
    const articles = [
      ...rowsOf(chart, "articles_us_on_china"),
      ...rowsOf(chart, "articles_china_on_us"),
    ];
    expect(articles[0]).toMatchObject({
      series: "articles_us_on_china",
      value: 200,
      unit: "USD bn",
      rangeLow: null,
      rateFrom: null,
    });
    expect(articles[1]).toMatchObject({
      series: "articles_china_on_us",
      value: 200,
      rangeHigh: 200,
    });
    expect(articles[1].rangeLow).toBeCloseTo((1e12 * 200e9) / 1.38e12 / 1e9, 6);
    expect(datasetOf(chart, "articles_china_on_us").data[0]).toMatchObject({
      yMin: articles[1].rangeLow,
      yMax: 200,
      href: "/articles/50#figure-2",
    });
    expect(chart.spec.valueFormat).toBe("usd_bn");
    expectRowsMatchSpec(chart);
  });
});

// ---------------------------------------------------------------------------------------------
// Trade
// ---------------------------------------------------------------------------------------------

describe("buildTradeChart", () => {
  const trade = monthlyTrade();
  // The loader fetches a year of lookback for year-on-year and index; level must ignore it too.
  const withLookback = (
    options: Partial<DashboardOptions>,
    range = { from: "2018-01-01", to: "2019-12-31" },
  ) =>
    makeInput(range, {
      options,
      points: new Map(
        [...trade].map(([slug, list]) => [
          slug,
          list.filter((p) => p.date >= "2017-01-01" && p.date <= "2020-06-01"),
        ]),
      ),
      events: registerEvents(),
    });

  it("shows imports, exports and the balance in USD bn per month at level", () => {
    const chart = buildTradeChart(withLookback({ tradeTransform: "level" }));
    expect(chart.spec.datasets.map((d) => [d.id, d.style, d.colorVar, d.dashed ?? false])).toEqual([
      ["imports", "line", "--china", false],
      ["exports", "line", "--us", false],
      ["balance", "line", "--balance", true],
    ]);
    const imports = rowsOf(chart, "imports");
    expect(imports).toHaveLength(24);
    expect(imports[0]).toMatchObject({
      date: "2018-01-01",
      value: 45.6813,
      unit: "USD bn",
      label: requireCatalogueEntry(SLUGS.imports).name,
      source: requireCatalogueEntry(SLUGS.imports).source,
    });
    expect(rowsOf(chart, "exports")[0].value).toBe(9.9095);
    expect(rowsOf(chart, "balance").at(-1)).toMatchObject({ date: "2019-12-01", value: -24.517 });
    expect(chart.rows.every((r) => r.date >= "2018-01-01" && r.date <= "2019-12-31")).toBe(true);
    expect(chart.spec).toMatchObject({
      valueFormat: "usd_bn",
      yScale: "linear",
      yTitle: "USD bn per month",
      xMin: "2018-01-01",
      xMax: "2019-12-31",
    });
    expect(chart.transforms).toEqual(["level", "yoy", "index"]);
    expect(chart.transform).toBe("level");
    expectRowsMatchSpec(chart);
    expectSorted(chart.rows);
  });

  it("computes year-on-year changes on the same month a year earlier, keeping the balance rows", () => {
    const chart = buildTradeChart(withLookback({ tradeTransform: "yoy" }));
    expect(chart.spec.datasets.map((d) => d.id)).toEqual(["imports", "exports", "balance"]);
    const imports = rowsOf(chart, "imports");
    expect(imports.map((r) => r.date)[0]).toBe("2018-01-01");
    expect(imports).toHaveLength(24);
    // Jan 2018 45,681.3 vs Jan 2017 41,335.6; Dec 2019 33,418.1 vs Dec 2018 45,814.9 (USD m).
    expect(imports[0].value).toBeCloseTo((45681.3 / 41335.6 - 1) * 100, 2);
    expect(imports.at(-1)!.value).toBeCloseTo((33418.1 / 45814.9 - 1) * 100, 2);
    expect(imports.every((r) => Number(r.value!.toFixed(2)) === r.value)).toBe(true);
    expect(imports[0].unit).toBe("% change on the same month a year earlier");
    // The balance keeps its 24 rows with an empty value and the reason.
    const balance = rowsOf(chart, "balance");
    expect(balance).toHaveLength(24);
    expect(balance.every((r) => r.value === null && r.note?.startsWith("a balance is"))).toBe(true);
    expect(chart.spec).toMatchObject({
      valueFormat: "percent",
      yTitle: "% change on the same month a year earlier",
      yScale: "linear",
    });
    expect(chart.spec.notes[0]).toBe("Each month is compared with the same month a year earlier.");
    expect(chart.unitLine).toBe(
      "% change on the same month a year earlier; dashed lines mark tariff actions",
    );
    expectRowsMatchSpec(chart);
  });

  it("indexes both flows to one base month named on the axis", () => {
    const chart = buildTradeChart(withLookback({ tradeTransform: "index" }));
    const imports = rowsOf(chart, "imports");
    const exports = rowsOf(chart, "exports");
    expect(imports[0]).toMatchObject({
      date: "2018-01-01",
      value: 100,
      unit: "index, Jan 2018 = 100",
    });
    expect(exports[0]).toMatchObject({ date: "2018-01-01", value: 100 });
    expect(imports[1].value).toBeCloseTo((38956.2 / 45681.3) * 100, 2);
    expect(chart.spec.yTitle).toBe("index, Jan 2018 = 100");
    expect(chart.spec.valueFormat).toBe("index");
    expectRowsMatchSpec(chart);
  });

  it("gives the same rows at every scale and transform: only values and units change", () => {
    const dates = (chart: BuiltChart) => chart.rows.map((r) => `${r.series} ${r.date}`);
    const level = buildTradeChart(withLookback({}));
    expect(level.rows).toHaveLength(72);
    for (const options of [
      { tradeScale: "logarithmic" as const },
      { tradeTransform: "yoy" as const },
      { tradeTransform: "index" as const },
    ])
      expect(dates(buildTradeChart(withLookback(options)))).toEqual(dates(level));
  });

  it("keeps the balance rows and legend entry on a log axis, and says why it is not drawn", () => {
    const log = buildTradeChart(withLookback({ tradeScale: "logarithmic" }));
    const linear = buildTradeChart(withLookback({}));
    expect(log.spec.yScale).toBe("logarithmic");
    expect(log.rows).toEqual(linear.rows);
    expect(log.spec.datasets.map((d) => d.id)).toEqual(["imports", "exports", "balance"]);
    expect(datasetOf(log, "balance").data.every((p) => p.y === null)).toBe(true);
    expect(log.spec.notes).toContain(
      "US trade balance in goods with China: not drawn on the log axis (a deficit is negative); its values are in the table and downloads.",
    );
    const yoyLog = buildTradeChart(
      withLookback({ tradeTransform: "yoy", tradeScale: "logarithmic" }),
    );
    expect(yoyLog.spec.yScale).toBe("linear");
  });

  /** The shipped file as the loader gives it: points in the range (plus a year back) and each series' span. */
  const shippedInput = (range: { from: string; to: string }, options: Partial<DashboardOptions>) =>
    makeInput(range, {
      options,
      resolved: range,
      points: new Map(
        [...trade].map(([slug, list]) => [
          slug,
          list.filter((p) => p.date >= `${Number(range.from.slice(0, 4)) - 1}-01-01`),
        ]),
      ),
      spans: new Map(
        [...trade].map(([slug, list]) => [slug, { first: list[0].date, last: list.at(-1)!.date }]),
      ),
    });

  it("keeps the 2023 months without exports as empty rows and breaks the line there (shipped file)", () => {
    const chart = buildTradeChart(shippedInput({ from: "2023-01-01", to: "2023-12-31" }, {}));
    const exports = rowsOf(chart, "exports");
    expect(exports).toHaveLength(12);
    const missing = exports.filter((r) => r.value === null);
    expect(missing.map((r) => r.date.slice(5, 7))).toEqual([
      "02",
      "03",
      "04",
      "05",
      "06",
      "07",
      "08",
      "10",
      "11",
      "12",
    ]);
    expect(missing.every((r) => r.note === "no data: not in the shipped source files")).toBe(true);
    expect(rowsOf(chart, "balance").filter((r) => r.value === null)).toHaveLength(10);
    expect(rowsOf(chart, "imports").every((r) => r.value !== null)).toBe(true);
    const drawn = datasetOf(chart, "exports");
    expect(drawn.data.filter((p) => p.y === null).map((p) => p.x)).toEqual(
      missing.map((r) => r.date),
    );
    expect(drawn.frequency).toBe("monthly");
    expect(drawn.gaps).toEqual([
      {
        from: "2023-02-01",
        to: "2023-08-31",
        label: "Feb–Aug 2023",
        reason: "no data: not in the shipped source files",
      },
      {
        from: "2023-10-01",
        to: "2023-12-31",
        label: "Oct–Dec 2023",
        reason: "no data: not in the shipped source files",
      },
    ]);
    expect(chart.spec.notes).toContain(
      "US exports of goods to China: no value for Feb–Aug 2023 and Oct–Dec 2023 (not in the shipped source files).",
    );
    expectRowsMatchSpec(chart);
  });

  it("stops each series at its last observation and says so (exports end Nov 2025, imports Dec 2025)", () => {
    const chart = buildTradeChart(shippedInput({ from: "2025-01-01", to: "2026-06-30" }, {}));
    expect(rowsOf(chart, "exports").at(-1)!.date).toBe("2025-11-01");
    expect(rowsOf(chart, "imports").at(-1)!.date).toBe("2025-12-01");
    expect(chart.rows.every((r) => r.value !== null)).toBe(true);
    expect(datasetOf(chart, "exports").latest).toBe("2025-11-01");
    expect(datasetOf(chart, "imports").latest).toBe("2025-12-01");
    expect(chart.spec.notes).toEqual([
      "US imports of goods from China: latest Dec 2025.",
      "US exports of goods to China: latest Nov 2025.",
      "US trade balance in goods with China: latest Nov 2025.",
    ]);
  });

  it("indexes both flows to the first month they share when the range starts in the export gap", () => {
    const chart = buildTradeChart(
      shippedInput({ from: "2023-02-01", to: "2024-12-31" }, { tradeTransform: "index" }),
    );
    expect(chart.spec.yTitle).toBe("index, Sep 2023 = 100");
    expect(rowsOf(chart, "imports").find((r) => r.date === "2023-09-01")!.value).toBe(100);
    expect(rowsOf(chart, "exports").find((r) => r.date === "2023-09-01")!.value).toBe(100);
    expect(rowsOf(chart, "imports")[0]).toMatchObject({ date: "2023-02-01" });
    expect(rowsOf(chart, "imports")[0].value).not.toBe(100);
  });

  it("compares Feb and Oct 2024 with nothing rather than with another month (t_trade=yoy)", () => {
    const chart = buildTradeChart(
      shippedInput({ from: "2024-01-01", to: "2024-12-31" }, { tradeTransform: "yoy" }),
    );
    const exports = rowsOf(chart, "exports");
    expect(exports.filter((r) => r.value !== null).map((r) => r.date)).toEqual([
      "2024-01-01",
      "2024-09-01",
    ]);
    expect(exports.find((r) => r.date === "2024-02-01")).toMatchObject({
      value: null,
      note: "no value a year earlier to compare with",
    });
    expect(chart.rows).toHaveLength(36);
  });

  it("marks the register's actions in the range as event lines, leaving out those never implemented", () => {
    const events = registerEvents();
    const piie: EventInput = {
      ...events[0],
      source: "piie",
      date: "2018-08-13",
      actor: null,
      description: "Turkey steel",
      register: null,
    };
    const chart = buildTradeChart(
      makeInput({ from: "2018-08-01", to: "2019-06-30" }, { events: [...events, piie] }),
    );
    expect(chart.spec.events.map((e) => [e.date, e.colorVar, e.label])).toEqual([
      ["2018-08-23", "--us", "US Section 301, List 2: impose 25% on $16bn"],
      ["2018-08-23", "--china", "China Retaliation, Answer to List 2 ($16bn): impose 25% on $16bn"],
      ["2018-09-24", "--us", "US Section 301, List 3: impose 10% on $200bn"],
      [
        "2018-09-24",
        "--china",
        "China Retaliation, Answer to List 3 ($60bn): impose 5–10% on $60bn",
      ],
      [
        "2018-11-01",
        "--china",
        "China MFN change, MFN schedule: 1585 industrial tariff lines: cut 10.5% → 7.8%",
      ],
      [
        "2019-01-01",
        "--china",
        "China Retaliation, Autos and parts (portions of the List 1 and List 3 answers): suspend 5–25% → 0%",
      ],
      ["2019-05-10", "--us", "US Section 301, List 3: increase 10% → 25% on $200bn"],
      [
        "2019-06-01",
        "--china",
        "China Retaliation, Answer to List 3 ($60bn): increase 5–10% → 5–25% on $60bn",
      ],
    ]);
    const list2 = chart.spec.events[0];
    expect(list2.description).toContain("83 FR 40823");
  });

  it("adds the register's statutory rates as thin patterned steps per side and authority, ending at the register's date", () => {
    const events = registerEvents();
    const chart = buildTariffChart(makeInput({ from: "2025-01-01", to: "2025-12-31" }, { events }));
    const ieepa = chart.rows.filter((r) => r.series === "statutory_us_ieepa");
    expect(ieepa.map((r) => [r.date, r.value])).toEqual([
      ["2025-02-04", 10],
      ["2025-03-04", 20],
      ["2025-04-05", 30],
      ["2025-04-09", 104],
      ["2025-04-10", 145],
      ["2025-05-14", 30],
      ["2025-11-10", 20],
    ]);
    expect(ieepa[0]).toMatchObject({
      label: "US IEEPA, statutory rate (register)",
      unit: "percent (statutory additional duty)",
    });
    expect(ieepa[0].source).toMatch(/^Hand-curated by this project/);
    // Section 301 and China's retaliation held since before the range: a carried row each.
    expect(chart.rows.find((r) => r.series === "statutory_us_section_301")).toMatchObject({
      date: "2025-01-01",
      value: 100,
      note: expect.stringContaining("in force since 2024-09-27"),
    });
    const set = chart.spec.datasets.find((d) => d.id === "statutory_us_ieepa")!;
    expect(set).toMatchObject({ thin: true, colorVar: "--us", style: "step" });
    expect(set.dash!.length).toBeGreaterThan(0);
    // The line stops at the register's date, never drawn on to the range end.
    expect(set.latest).toBe("2025-11-30");
    expect(set.data.at(-1)!.x).toBe("2025-11-30");
    expect(chart.spec.notes.some((n) => n.startsWith("Statutory lines: rates on paper"))).toBe(
      true,
    );
    expect(chart.spec.notes.some((n) => n.includes("statutory rate (register): latest"))).toBe(
      false,
    );
    // The official PIIE lines come first and are unchanged by the layer.
    expect(chart.spec.datasets.slice(0, 2).map((d) => d.id)).toEqual([
      "us_on_china",
      "china_on_us",
    ]);
    // Before the first action there is no statutory line at all.
    const early = buildTariffChart(makeInput({ from: "2017-01-01", to: "2017-12-31" }, { events }));
    expect(early.rows.some((r) => r.series.startsWith("statutory_"))).toBe(false);
    // A range after the register's date carries nothing into it.
    const later = buildTariffChart(makeInput({ from: "2026-01-01", to: "2026-06-30" }, { events }));
    expect(later.rows.some((r) => r.series.startsWith("statutory_"))).toBe(false);
  });

  it("draws only the side and authority the URL asks for, on both charts, and says so", () => {
    const events = registerEvents();
    const range = { from: "2025-01-01", to: "2025-12-31" };
    const all = buildTradeChart(makeInput(range, { events }));
    const chinaOnly = makeInput(range, {
      events,
      options: { events: { actor: "China", authority: null } },
    });
    for (const chart of [buildTradeChart(chinaOnly), buildTariffChart(chinaOnly)]) {
      expect(chart.spec.events.length).toBeGreaterThan(0);
      expect(chart.spec.events.every((e) => e.actor === "China" && e.colorVar === "--china")).toBe(
        true,
      );
      expect(chart.spec.events).toEqual(all.spec.events.filter((e) => e.actor === "China"));
      expect(chart.spec.notes).toContain(
        `Tariff-action lines: Chinese actions only (${chart.spec.events.length} of ${all.spec.events.length} in the range).`,
      );
    }
    const usIeepa = buildTariffChart(
      makeInput(range, { events, options: { events: { actor: "US", authority: "IEEPA" } } }),
    );
    expect(usIeepa.spec.events.map((e) => e.date)).toEqual([
      "2025-02-04",
      "2025-03-04",
      "2025-04-05",
      "2025-04-09",
      "2025-04-10",
      "2025-05-02",
      "2025-05-14",
      "2025-08-12",
      "2025-11-10",
      "2025-11-10",
    ]);
    expect(usIeepa.spec.events.every((e) => e.authority === "IEEPA")).toBe(true);
    // The filter changes the lines, never the rows behind the chart (and so its downloads).
    expect(usIeepa.rows).toEqual(buildTariffChart(makeInput(range, { events })).rows);
    expect(all.spec.notes.some((n) => n.startsWith("Tariff-action lines"))).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// Currency
// ---------------------------------------------------------------------------------------------

/** Calendar-daily points from 2012-01-01. */
function daily(count: number, value: (i: number) => number): DatedValue[] {
  return Array.from({ length: count }, (_, i) => ({
    date: new Date(Date.UTC(2012, 0, 1 + i)).toISOString().slice(0, 10),
    value: value(i),
  }));
}

describe("buildCurrencyChart", () => {
  const fxPoints = new Map<string, DatedValue[]>([
    [
      "fx-usd-cny",
      [
        { date: "2018-06-11", value: 6.4 },
        { date: "2019-06-10", value: 6.9 },
        { date: "2019-06-11", value: 6.8985 },
      ],
    ],
    [
      "fx-gbp-usd",
      [
        { date: "2018-06-11", value: 1.3386 },
        { date: "2019-06-10", value: 1.2684 },
        { date: "2019-06-11", value: 1.2724 },
      ],
    ],
    [
      "fx-eur-usd",
      [
        { date: "2018-06-11", value: 1.1789 },
        { date: "2019-06-10", value: 1.1316 },
        { date: "2019-06-11", value: 1.1323 },
      ],
    ],
    [
      "fx-usd-jpy",
      [
        { date: "2018-06-11", value: 110.03 },
        { date: "2019-06-10", value: 108.59 },
        { date: "2019-06-11", value: 108.49 },
      ],
    ],
  ]);
  const range = { from: "2019-06-01", to: "2019-06-30" };

  it("quotes each currency in market convention: yuan and yen per dollar, dollars per pound and euro", () => {
    const chart = buildCurrencyChart(
      makeInput(range, {
        points: fxPoints,
        options: { currencies: ["CNY", "GBP", "EUR", "JPY"], currencyView: "multiples" },
      }),
    );
    const first = (id: string) => rowsOf(chart, id)[0];
    expect(first("cny")).toMatchObject({
      date: "2019-06-10",
      value: 6.9,
      unit: "CNY per USD",
      label: "Chinese yuan per US dollar",
    });
    expect(first("gbp")).toMatchObject({
      date: "2019-06-10",
      value: 1.2684,
      unit: "USD per GBP",
      label: "US dollars per British pound",
    });
    expect(first("eur")).toMatchObject({ value: 1.1316, unit: "USD per EUR" });
    expect(first("jpy")).toMatchObject({ value: 108.59, unit: "JPY per USD" });
    expect(first("gbp").source).toBe(requireCatalogueEntry("fx-gbp-usd").source);
    expect(chart.rows.every((r) => r.date >= "2019-06-01")).toBe(true);
    expect(chart.spec.datasets.map((d) => [d.id, d.colorVar])).toEqual([
      ["cny", "--china"],
      ["gbp", "--fx-gbp"],
      ["eur", "--fx-eur"],
      ["jpy", "--fx-jpy"],
    ]);
    expect(chart.spec).toMatchObject({
      valueFormat: "fx",
      layout: "multiples",
      yScale: "linear",
      xMin: "2019-06-01",
      xMax: "2019-06-30",
    });
    expect(chart.unitLine).toMatch(/^CNY per USD; USD per GBP; USD per EUR; JPY per USD: /);
    expectRowsMatchSpec(chart);
    expectSorted(chart.rows);
  });

  it("puts several currencies on one axis only as an index on a common base day", () => {
    const build = (
      currencies: DashboardOptions["currencies"],
      currencyTransform: DashboardOptions["currencyTransform"] = "level",
    ) =>
      buildCurrencyChart(
        makeInput(range, { points: fxPoints, options: { currencies, currencyTransform } }),
      );
    const indexed = build(["CNY", "JPY"]);
    expect(indexed.transform).toBe("index");
    expect(indexed.spec.yTitle).toBe("index, 10 Jun 2019 = 100");
    expect(rowsOf(indexed, "cny")[0].value).toBe(100);
    expect(rowsOf(indexed, "jpy")[0].value).toBe(100);
    expect(rowsOf(indexed, "jpy")[1].value).toBe(Number(((108.49 / 108.59) * 100).toFixed(2)));
    expect(indexed.spec.layout).toBe("single");
    const single = build(["JPY"]);
    expect(single.transform).toBe("level");
    expect(single.spec.yTitle).toBe("JPY per USD");
    for (const chart of [indexed, single]) expect(chart.spec.yScale).toBe("linear");
  });

  it("computes year-on-year on the market quote, same day a year earlier or up to 5 days before", () => {
    const chart = buildCurrencyChart(
      makeInput(range, {
        points: fxPoints,
        options: { currencies: ["GBP"], currencyTransform: "yoy" },
      }),
    );
    const gbp = rowsOf(chart, "gbp");
    // 2019-06-10 compares with Sunday 2018-06-10: no rate in the 5 days before it was given.
    expect(gbp.map((r) => r.date)).toEqual(["2019-06-10", "2019-06-11"]);
    expect(gbp[0]).toMatchObject({ value: null, note: "no value a year earlier to compare with" });
    // 2019-06-11 compares with 2018-06-11: 1.3386 → 1.2724 USD per GBP, a weaker pound is a fall.
    expect(gbp[1].value).toBeCloseTo((1.2724 / 1.3386 - 1) * 100, 2);
    expect(gbp[1].value).toBeLessThan(0);
    expect(gbp[1].unit).toBe(
      "% change on the same day a year earlier (or the last rate up to 5 days before it)",
    );
    expect(chart.spec.valueFormat).toBe("percent");
    expect(chart.spec.notes[0]).toMatch(/^Each day is compared with the same day a year earlier/);
  });

  it("downsamples the drawn line to MAX_DRAWN_POINTS while the rows keep every day", () => {
    expect(MAX_DRAWN_POINTS).toBe(1000);
    const cny = daily(3_000, (i) => 6.2 + 0.5 * Math.sin(i / 150) + (i === 1_234 ? 0.9 : 0));
    const chart = buildCurrencyChart(
      makeInput(
        { from: null, to: null },
        {
          points: new Map([["fx-usd-cny", cny]]),
          resolved: { from: cny[0].date, to: cny.at(-1)!.date },
        },
      ),
    );
    const rows = rowsOf(chart, "cny");
    const drawn = datasetOf(chart, "cny").data;
    expect(rows).toHaveLength(3_000);
    expect(drawn.length).toBeLessThanOrEqual(MAX_DRAWN_POINTS);
    expect(drawn.length).toBeGreaterThan(MAX_DRAWN_POINTS / 2);
    expect(drawn[0]).toEqual({ x: rows[0].date, y: rows[0].value });
    expect(drawn.at(-1)).toEqual({ x: rows.at(-1)!.date, y: rows.at(-1)!.value });
    const byDate = new Map(rows.map((r) => [r.date, r.value]));
    for (const point of drawn) expect(byDate.get(point.x)).toBe(point.y);
    expect(drawn.map((p) => p.x)).toContain(cny[1_234].date);
  });

  it("does not downsample a line that is already short enough", () => {
    const cny = daily(MAX_DRAWN_POINTS, (i) => 6 + i / 10_000);
    const chart = buildCurrencyChart(
      makeInput({ from: null, to: null }, { points: new Map([["fx-usd-cny", cny]]) }),
    );
    expect(datasetOf(chart, "cny").data).toHaveLength(MAX_DRAWN_POINTS);
  });

  const gbpFigure = figure({
    kind: "money",
    articleId: 77,
    ordinal: 2,
    publishedAt: "2019-06-10T09:00:00.000Z",
    currency: "GBP",
    value: 1e9,
    valueUsd: 1.3e9,
    impliedFxRate: 1.3,
    officialFxRate: 1.2684,
    flag: "implied rate 1.3000 USD/GBP differs from the official 1.2684 (2019-06-10) by 2.5%",
    text: "£1bn",
  });
  const eurFigure = figure({
    kind: "money",
    articleId: 78,
    ordinal: 1,
    currency: "EUR",
    impliedFxRate: 1.12,
    officialFxRate: null,
    publishedAt: "2019-06-11T09:00:00.000Z",
  });
  const usdSide = figure({
    kind: "money",
    articleId: 77,
    ordinal: 1,
    currency: "USD",
    impliedFxRate: 1.3,
    publishedAt: "2019-06-10T09:00:00.000Z",
  });

  it("shows implied-rate points in the currency's market convention, only for currencies on the chart", () => {
    const chart = buildCurrencyChart(
      makeInput(range, {
        points: fxPoints,
        figures: [gbpFigure, eurFigure, usdSide],
        options: { currencies: ["CNY", "GBP"], currencyView: "multiples" },
      }),
    );
    expect(chart.spec.datasets.map((d) => d.id)).toEqual(["cny", "gbp", "implied_gbp"]);
    const implied = rowsOf(chart, "implied_gbp");
    expect(implied).toHaveLength(1);
    expect(implied[0]).toMatchObject({
      date: "2019-06-10",
      unit: "USD per GBP",
      label: "USD per GBP implied by an article",
      value: 1.3,
      note: "official 1.2684 that day",
      flag: gbpFigure.flag,
      article: { id: 77, ordinal: 2 },
    });
    expect(datasetOf(chart, "implied_gbp")).toMatchObject({
      style: "points",
      hollow: true,
      colorVar: "--fx-gbp",
    });
    expect(datasetOf(chart, "implied_gbp").data[0].href).toBe("/articles/77#figure-2");
    expect(
      chart.rows.some((r) => r.series.startsWith("implied_eur") || r.series === "implied_usd"),
    ).toBe(false);
    expectRowsMatchSpec(chart);

    const withEur = buildCurrencyChart(
      makeInput(range, {
        points: fxPoints,
        figures: [gbpFigure, eurFigure],
        options: { currencies: ["EUR"] },
      }),
    );
    expect(withEur.spec.datasets.map((d) => d.id)).toEqual(["eur", "implied_eur"]);
    expect(rowsOf(withEur, "implied_eur")[0]).toMatchObject({ note: null });
    expect(rowsOf(withEur, "implied_eur")[0].value).toBe(1.12);
  });

  it("leaves implied points out of year-on-year and index views", () => {
    for (const currencyTransform of ["yoy", "index"] as const) {
      const chart = buildCurrencyChart(
        makeInput(range, {
          points: fxPoints,
          figures: [gbpFigure],
          options: { currencies: ["GBP"], currencyTransform },
        }),
      );
      expect(chart.rows.some((r) => r.series === "implied_gbp")).toBe(false);
      expect(chart.spec.datasets.map((d) => d.id)).toEqual(["gbp"]);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Event labels and dispatch
// ---------------------------------------------------------------------------------------------

describe("eventLabel", () => {
  const event = (partial: Partial<EventInput>): EventInput => ({
    date: "2019-06-01",
    actor: "US",
    source: "section301",
    list: null,
    action: "impose",
    rateBeforePct: null,
    rateAfterPct: null,
    tradeCoveredUsdBn: null,
    note: null,
    description: "",
    ...partial,
  });

  it("reads who, what, the rate change and the amount from the event's columns", () => {
    expect(
      eventLabel(
        event({
          list: "List 3",
          action: "increase",
          rateBeforePct: 10,
          rateAfterPct: 25,
          tradeCoveredUsdBn: 200,
        }),
      ),
    ).toBe("US List 3: increase 10% → 25% on $200bn");
    expect(eventLabel(event({ list: "List 1", rateAfterPct: 25, tradeCoveredUsdBn: 34 }))).toBe(
      "US List 1: impose 25% on $34bn",
    );
    expect(
      eventLabel(event({ list: "List 4A", action: "cut", rateBeforePct: 15, rateAfterPct: 7.5 })),
    ).toBe("US List 4A: cut 15% → 7.5%");
    expect(eventLabel(event({ actor: "China", action: "impose", tradeCoveredUsdBn: 60 }))).toBe(
      "China retaliation: impose on $60bn",
    );
    expect(
      eventLabel(event({ actor: "China", action: "increase", note: "subset of $60 billion" })),
    ).toBe("China retaliation: increase (subset of $60 billion)");
    expect(
      eventLabel(event({ action: "adjust (selected products incl. electric vehicles)" })),
    ).toBe("US Section 301: adjust (selected products incl. electric vehicles)");
    expect(
      eventLabel(
        event({
          list: "List 1",
          rateAfterPct: 25,
          tradeCoveredUsdBn: 34,
          note: "ignored when an amount is known",
        }),
      ),
    ).toBe("US List 1: impose 25% on $34bn");
  });

  it("labels register rows with actor, authority, instrument, rates and trade covered", () => {
    const byId = new Map(registerEvents().map((e) => [e.register!.actionId, e]));
    const label = (id: string) => eventLabel(byId.get(id)!);
    expect(label("US-301-L4A")).toBe("US Section 301, List 4A: impose 15% on $112bn");
    expect(label("US-301-L4A-2020")).toBe("US Section 301, List 4A: cut 15% → 7.5% on $112bn");
    expect(label("US-IEEPA-RECIP-125")).toBe(
      "US IEEPA, Reciprocal tariff (all goods): increase 84% → 125% on all goods",
    );
    expect(label("CN-RET-RECIP-EXT1")).toBe(
      "China Retaliation, Counter-tariff to the reciprocal tariff (all goods): extend at 10% on all goods",
    );
    expect(label("US-IEEPA-DEMINIMIS")).toBe(
      "US IEEPA, De minimis duty-free entry for goods from China: terminate",
    );
  });
});

describe("formatChartValue", () => {
  it("formats ticks and tooltips per chart", () => {
    expect(formatChartValue(-24.517, "usd_bn")).toBe("−$24.5bn");
    expect(formatChartValue(250, "usd_bn")).toBe("$250.0bn");
    expect(formatChartValue(7.5, "percent")).toBe("7.5%");
    expect(formatChartValue(6.8265, "fx")).toBe("6.8265");
    expect(formatChartValue(6.9575, "fx")).toBe("6.9575");
    expect(formatChartValue(108.59, "fx")).toBe("108.59");
    expect(formatChartValue(1 / 1.2684, "fx")).toBe("0.7884");
    expect(formatChartValue(100, "index")).toBe("100.0");
    expect(formatChartValue(12.5, "number")).toBe("12.5");
  });
});

describe("buildChart", () => {
  it("dispatches each chart id to its builder", () => {
    const input = makeInput(
      { from: "2018-08-01", to: "2019-12-31" },
      { events: registerEvents(), points: monthlyTrade() },
    );
    for (const id of CHART_IDS) {
      const chart = buildChart(id, input);
      expect(chart.id).toBe(id);
      expect(chart.spec.id).toBe(id);
      expect([chart.spec.xMin, chart.spec.xMax]).toEqual(["2018-08-01", "2019-12-31"]);
    }
  });
});

describe("chartPanels", () => {
  it("draws several currencies at level as one panel per currency with its own implied points", () => {
    const points = new Map<string, DatedValue[]>([
      ["fx-usd-cny", [{ date: "2019-06-10", value: 6.9 }]],
      ["fx-gbp-usd", [{ date: "2019-06-10", value: 1.2684 }]],
    ]);
    const gbpFigure = {
      kind: "money" as const,
      currency: "GBP",
      impliedFxRate: 1.3,
      officialFxRate: 1.2684,
      publishedAt: "2019-06-10T09:00:00.000Z",
    };
    const chart = buildCurrencyChart(
      makeInput(
        { from: "2019-06-01", to: "2019-06-30" },
        {
          points,
          figures: [figure(gbpFigure)],
          options: { currencies: ["CNY", "GBP"], currencyView: "multiples" },
        },
      ),
    );
    const panels = chartPanels(chart.spec);
    expect(panels.map((p) => [p.id, p.yTitle, p.datasets.map((d) => d.id)])).toEqual([
      ["currency-cny", "CNY per USD", ["cny"]],
      ["currency-gbp", "USD per GBP", ["gbp", "implied_gbp"]],
    ]);
    expect(panels.every((p) => p.layout === "single")).toBe(true);
    const indexed = buildCurrencyChart(
      makeInput(
        { from: "2019-06-01", to: "2019-06-30" },
        { points, options: { currencies: ["CNY", "GBP"] } },
      ),
    );
    expect(chartPanels(indexed.spec)).toEqual([indexed.spec]);
  });
});
