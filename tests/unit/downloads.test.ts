import fc from "fast-check";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { CATALOGUE, EVENT_FILES } from "~/lib/catalogue";
import {
  buildChart,
  CHART_IDS,
  SLUGS,
  type BuiltChart,
  type DashboardInput,
  type EventInput,
} from "~/lib/charts/dashboard";
import { markedEvents, TABLE_PAGE_SIZE, toPageChart, unpackPageSpec } from "~/lib/charts/page";
import { CSV_HEADER, articleFigureUrl, chartRowsToCsv, type ChartRow } from "~/lib/charts/rows";
import { toCsv, type CsvCell } from "~/lib/csv";
import {
  bundleZip,
  chartCsvStream,
  chartJson,
  chartJsonStream,
  chartMeta,
  type DownloadMeta,
} from "~/lib/downloads";

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

const HEADER_LINE = CSV_HEADER.join(",");

function row(partial: Partial<ChartRow> = {}): ChartRow {
  return {
    date: "2019-06-01",
    series: "us_on_china",
    label: "US average tariff on Chinese exports",
    value: 17.526941299438477,
    unit: "percent",
    source: "Chad P. Bown, US-China Trade War Tariffs: An Up-to-Date Chart, PIIE",
    rangeLow: null,
    rangeHigh: null,
    rateFrom: null,
    role: null,
    article: null,
    seriesSlug: null,
    note: null,
    flag: null,
    ...partial,
  };
}

/** n daily rows with varied text (commas, quotes, non-ASCII) so chunk boundaries are exercised. */
function manyRows(n: number): ChartRow[] {
  return Array.from({ length: n }, (_, i) =>
    row({
      date: new Date(Date.UTC(2000, 0, 1 + i)).toISOString().slice(0, 10),
      series: i % 3 === 0 ? "cny" : "implied_cny",
      label: i % 3 === 0 ? "CNY per US dollar" : "CNY per USD implied by an article",
      value: 6 + (i % 1000) / 1000,
      unit: "CNY per USD",
      note: i % 5 === 0 ? `official 6.${i % 10}00 that day; “quoted”, ¥${i}` : null,
      article:
        i % 7 === 0
          ? {
              id: i,
              source: "BBC News",
              title: `Yuan “slides”, says "desk" #${i}`,
              publishedAt: "2019-08-05T10:00:00.000Z",
              ordinal: 1,
              text: "¥1bn",
              sentence: "A, B and C — all said so.",
            }
          : null,
    }),
  );
}

async function readAll(
  stream: ReadableStream<Uint8Array>,
): Promise<{ text: string; chunks: string[] }> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  const chunks: string[] = [];
  let text = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(new TextDecoder().decode(value));
    text += decoder.decode(value, { stream: true });
  }
  return { text: text + decoder.decode(), chunks };
}

/** A small RFC 4180 reader (CRLF records, "" inside quotes), to look at cells as a spreadsheet would. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ",") {
      record.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      i++;
    } else {
      field += c;
    }
  }
  if (field !== "" || record.length > 0) records.push([...record, field]);
  return records;
}

const PIIE: [string, number, number][] = [
  ["2018-07-06", 6.746252536773682, 10.119281768798828],
  ["2018-08-23", 8.405341148376465, 14.36530876159668],
  ["2018-09-24", 12.059206008911133, 18.33176040649414],
  ["2019-06-01", 17.526941299438477, 20.7301025390625],
];

/** A register row as stored: dated on its effective date, with its citation and status. */
function registerEvent(
  id: string,
  partial: Pick<EventInput, "date" | "actor" | "list" | "rateAfterPct" | "tradeCoveredUsdBn">,
): EventInput {
  return {
    ...partial,
    source: "register",
    measure: partial.actor === "US" ? "Section 301" : "Retaliation",
    action: "impose",
    rateBeforePct: 0,
    note: null,
    description: `${partial.list} imposed`,
    register: {
      actionId: id,
      announcedDate: partial.date,
      endDate: null,
      replaces: null,
      rateBeforeLowPct: 0,
      rateAfterLowPct: partial.rateAfterPct,
      coversAllGoods: false,
      tradeBasis: null,
      status: "in force",
      citation: `notice for ${id}`,
      disagreement: null,
    },
  };
}

const EVENTS: EventInput[] = [
  registerEvent("US-301-L1", {
    date: "2018-07-06",
    actor: "US",
    list: "List 1",
    rateAfterPct: 25,
    tradeCoveredUsdBn: 34,
  }),
  registerEvent("CN-RET-L1", {
    date: "2018-07-06",
    actor: "China",
    list: "Answer to List 1",
    rateAfterPct: 25,
    tradeCoveredUsdBn: 34,
  }),
  registerEvent("US-301-L3", {
    date: "2018-09-24",
    actor: "US",
    list: "List 3",
    rateAfterPct: 10,
    tradeCoveredUsdBn: 200,
  }),
];

function dashboardInput(): DashboardInput {
  const months = ["2018-07-01", "2018-08-01", "2018-09-01"];
  return {
    range: { from: "2018-08-01", to: "2018-12-31" },
    resolved: { from: "2018-08-01", to: "2018-12-31" },
    points: new Map([
      [SLUGS.usTariff, PIIE.map(([date, us]) => ({ date, value: us }))],
      [SLUGS.chinaTariff, PIIE.map(([date, , cn]) => ({ date, value: cn }))],
      [SLUGS.imports, months.map((date, i) => ({ date, value: [47009.8, 47796.2, 49938.0][i] }))],
      [SLUGS.exports, months.map((date, i) => ({ date, value: [10152.0, 9278.1, 9733.1][i] }))],
      [
        SLUGS.balance,
        months.map((date, i) => ({ date, value: [-36857.8, -38518.1, -40204.9][i] })),
      ],
      [
        "fx-usd-cny",
        [
          { date: "2018-08-01", value: 6.8164 },
          { date: "2018-08-02", value: 6.8265 },
        ],
      ],
    ]),
    spans: new Map(),
    asOfStart: new Map([
      [SLUGS.usTariff, { date: "2018-07-06", value: 6.746252536773682 }],
      [SLUGS.chinaTariff, { date: "2018-07-06", value: 10.119281768798828 }],
    ]),
    events: EVENTS,
    figures: [
      {
        articleId: 7,
        articleTitle: '=HYPERLINK("http://example.invalid","Tariffs rise")',
        articleKind: "news",
        outlet: "=cmd|' /C calc'!A0",
        publishedAt: "2018-09-18T02:30:00.000Z",
        ordinal: 2,
        kind: "tariff_rate",
        text: "+10%",
        sentence: "@channel: duties of 10% on $200bn, rising to 25% in January.",
        value: 10,
        currency: null,
        valueUsd: null,
        rangeLow: null,
        rangeHigh: null,
        rateFrom: null,
        tariffRelated: true,
        direction: "us_on_china",
        role: "rate",
        inTitle: false,
        sameAsOrdinal: null,
        impliedFxRate: null,
        officialFxRate: null,
        flag: "-check the rate",
      },
    ],
    options: {
      tradeTransform: "level",
      tradeScale: "linear",
      currencyTransform: "level",
      currencies: ["CNY"],
      currencyView: "index",
      coverageView: "usd_bn",
      events: { actor: null, authority: null },
    },
  };
}

/** Credits as the download route gives them: by the row's source, from the catalogue. */
function credits(r: ChartRow) {
  const entry = CATALOGUE.find((c) => c.source === r.source);
  if (entry) return { source: r.source, licence: entry.licence, sourceUrl: entry.sourceUrl };
  const events = EVENT_FILES.find((e) => e.credit === r.source);
  if (events) return { source: r.source, licence: events.credit, sourceUrl: events.sourceUrl };
  return { source: r.source, licence: "Quoted from the article named in each row.", sourceUrl: "" };
}

const GENERATED = new Date("2026-01-15T12:00:00.000Z");
const charts = (): BuiltChart[] => CHART_IDS.map((id) => buildChart(id, dashboardInput()));
const metaOf = (chart: BuiltChart) =>
  chartMeta(
    chart,
    { from: "2018-08-01", to: "2018-12-31" },
    { from: "2018-08-01", to: "2018-12-31" },
    credits,
    GENERATED,
  );

// ---------------------------------------------------------------------------------------------
// CSV stream
// ---------------------------------------------------------------------------------------------

describe("chartCsvStream", () => {
  it("streams only the header for no rows", async () => {
    const { text } = await readAll(chartCsvStream([]));
    expect(text).toBe(`${HEADER_LINE}\r\n`);
    expect(text).toBe(chartRowsToCsv([]));
  });

  it("streams one row exactly like chartRowsToCsv", async () => {
    const one = [row({ note: "in force since 2019-06-01" })];
    const { text } = await readAll(chartCsvStream(one));
    expect(text).toBe(chartRowsToCsv(one));
    expect(text.split("\r\n")).toEqual([
      HEADER_LINE,
      expect.stringMatching(/^2019-06-01,us_on_china,/),
      "",
    ]);
  });

  it("streams 20,000 rows across chunk boundaries with exactly one header", async () => {
    const rows = manyRows(20_000);
    const { text, chunks } = await readAll(chartCsvStream(rows));
    expect(text).toBe(chartRowsToCsv(rows));
    expect(chunks.length).toBeGreaterThan(2);
    expect(text.split("\r\n").filter((line) => line === HEADER_LINE)).toHaveLength(1);
    expect(text.startsWith(`${HEADER_LINE}\r\n`)).toBe(true);
    // After the header chunk, every chunk starts on a record boundary (a date), never mid-row.
    for (const chunk of chunks.slice(1)) expect(chunk).toMatch(/^\d{4}-\d{2}-\d{2},/);
    expect(parseCsv(text)).toHaveLength(20_001);
  });

  it("handles chunk sizes that divide the rows exactly and small odd chunks", async () => {
    const rows = manyRows(4_000);
    expect((await readAll(chartCsvStream(rows, 2_000))).text).toBe(chartRowsToCsv(rows));
    const odd = manyRows(101);
    const { text, chunks } = await readAll(chartCsvStream(odd, 7));
    expect(text).toBe(chartRowsToCsv(odd));
    expect(chunks).toHaveLength(1 + Math.ceil(101 / 7));
  });
});

describe("chartRowsToCsv", () => {
  /** Each row as its cells in header order, through the generic writer: what the CSV must say. */
  const reference = (rows: readonly ChartRow[]) =>
    toCsv(
      CSV_HEADER,
      rows.map((r): CsvCell[] => [
        r.date,
        r.series,
        r.label,
        r.value,
        r.unit,
        r.rangeLow,
        r.rangeHigh,
        r.rateFrom,
        r.role,
        r.source,
        r.note,
        r.flag,
        r.article?.title,
        r.article?.publishedAt,
        r.article?.text,
        r.article?.sentence,
        r.article ? articleFigureUrl(r.article) : null,
      ]),
    );

  it("writes every cell of every row as the generic CSV writer does", () => {
    const text = fc.oneof(
      fc.constantFrom("CNY per USD", "percent", "=SUM(A1)", "-3%", 'say "no"', "a,b", "x\ny", "—"),
      fc.string({ maxLength: 12 }),
    );
    const number = fc.oneof(fc.constant(null), fc.double(), fc.integer());
    const article = fc.option(
      fc.record({
        id: fc.nat(),
        title: text,
        source: text,
        publishedAt: text,
        ordinal: fc.nat(),
        text,
        sentence: text,
      }),
    );
    // Few series and few distinct texts, so rows of one series repeat and change their cells.
    const chartRow = fc.record({
      date: fc.constantFrom("2019-01-01", "2019-01-02", "+2019", "2019,1"),
      series: fc.constantFrom("cny", "gbp", "implied_cny"),
      label: text,
      value: number,
      unit: fc.constantFrom("CNY per USD", "percent", '"q"'),
      source: fc.constantFrom("FRED", "@source", "PIIE, Bown"),
      rangeLow: number,
      rangeHigh: number,
      rateFrom: number,
      role: fc.option(fc.constantFrom("rate", "threat")),
      article,
      seriesSlug: fc.constant(null),
      flag: fc.option(text),
      note: fc.option(fc.constantFrom("in force since 2019-06-01", "no value, a year earlier")),
    });
    fc.assert(
      fc.property(fc.array(chartRow, { maxLength: 60 }), (rows) => {
        expect(chartRowsToCsv(rows)).toBe(reference(rows));
      }),
      { numRuns: 300 },
    );
    const rows = manyRows(3_000);
    expect(chartRowsToCsv(rows)).toBe(reference(rows));
  });
});

// ---------------------------------------------------------------------------------------------
// Formula injection
// ---------------------------------------------------------------------------------------------

describe("CSV text cells", () => {
  it("prefix formula-like article text with an apostrophe, and leave numbers alone", () => {
    const tariffs = buildChart("tariffs", dashboardInput());
    const csv = chartRowsToCsv(tariffs.rows);
    const [header, ...records] = parseCsv(csv);
    expect(header).toEqual([...CSV_HEADER]);
    const col = (name: (typeof CSV_HEADER)[number]) => header.indexOf(name);
    const article = records.find((r) => r[col("article_url")] !== "")!;
    expect(article[col("article_title")]).toBe(
      '\'=HYPERLINK("http://example.invalid","Tariffs rise")',
    );
    expect(article[col("figure_text")]).toBe("'+10%");
    expect(article[col("sentence")]).toBe(
      "'@channel: duties of 10% on $200bn, rising to 25% in January.",
    );
    expect(article[col("flag")]).toBe("'-check the rate");
    expect(article[col("article_url")]).toBe("/articles/7#figure-2");
    expect(article[col("article_published_at")]).toBe("2018-09-18T02:30:00.000Z");
    expect(article[col("value")]).toBe("10");
    // No cell a spreadsheet would read as a formula survives.
    for (const record of records) for (const cell of record) expect(cell).not.toMatch(/^[=+@\t\r]/);
  });

  it("keeps negative values as numbers (no apostrophe) in the value column", () => {
    const trade = buildChart("trade", dashboardInput());
    const [header, ...records] = parseCsv(chartRowsToCsv(trade.rows));
    const balance = records.filter((r) => r[header.indexOf("series")] === "balance");
    expect(balance.map((r) => r[header.indexOf("value")])).toEqual(["-38.5181", "-40.2049"]);
  });
});

// ---------------------------------------------------------------------------------------------
// JSON and metadata
// ---------------------------------------------------------------------------------------------

describe("chartMeta and chartJson", () => {
  it("names every source a series' rows have, not only its first row's", () => {
    // The 2019 coverage download: article points from project briefs and from the BBC seed in
    // one series; its metadata said "Project brief" alone.
    const brief = "Project brief (not a news report); figure extracted by this project";
    const bbc = "BBC News; figure extracted by this project";
    const article = {
      series: "articles_us_on_china",
      label: "Article figures quoted, US on China",
    };
    const chart = {
      ...buildChart("coverage", dashboardInput()),
      rows: [
        row({ ...article, date: "2019-05-10", source: brief }),
        row({ ...article, date: "2019-06-29", source: bbc }),
        row({ ...article, date: "2019-08-05", source: brief }),
      ],
    };
    const meta = metaOf(chart);
    expect(meta.series).toHaveLength(1);
    expect(meta.series[0].source).toBe(`${brief} | ${bbc}`);
  });

  it("lists each series once, in row order, with unit, source and licence", () => {
    const tariffs = buildChart("tariffs", dashboardInput());
    const meta = metaOf(tariffs);
    expect(meta.series.map((s) => s.id)).toEqual([
      "china_on_us",
      "statutory_china_retaliation",
      "statutory_us_section_301",
      "us_on_china",
      "articles_us_on_china",
    ]);
    // The register's statutory layer is credited to the register, under its own series name.
    const register = EVENT_FILES.find((entry) => entry.source === "register")!;
    expect(meta.series[2]).toMatchObject({
      label: "US Section 301, statutory rate (register)",
      unit: "percent (statutory additional duty)",
      source: register.credit,
      licence: register.credit,
      sourceUrl: register.sourceUrl,
    });
    meta.series.splice(1, 2);
    const piie = CATALOGUE.find((c) => c.slug === SLUGS.usTariff)!;
    expect(meta.series[1]).toEqual({
      id: "us_on_china",
      label: piie.name,
      unit: "percent",
      source: piie.source,
      licence: piie.licence,
      sourceUrl: piie.sourceUrl,
    });
    expect(meta.series[2]).toMatchObject({
      unit: "percent",
      licence: "Quoted from the article named in each row.",
      sourceUrl: "",
    });
    expect(meta).toMatchObject({
      chart: "tariffs",
      title: tariffs.title,
      unitLine: tariffs.unitLine,
      credit: tariffs.credit,
      transform: "level",
      range: {
        from: "2018-08-01",
        to: "2018-12-31",
        resolvedFrom: "2018-08-01",
        resolvedTo: "2018-12-31",
      },
      generatedAt: "2026-01-15T12:00:00.000Z",
      rowCount: tariffs.rows.length,
    });
  });

  it("records an open range as null bounds next to the resolved ones", () => {
    const coverage = buildChart("coverage", dashboardInput());
    const meta = chartMeta(
      coverage,
      { from: null, to: null },
      { from: "1971-01-04", to: "2025-12-01" },
      credits,
      GENERATED,
    );
    expect(meta.range).toEqual({
      from: null,
      to: null,
      resolvedFrom: "1971-01-04",
      resolvedTo: "2025-12-01",
    });
    expect(meta.series.map((s) => s.id)).toEqual([
      "china_on_us",
      "china_on_us_announced",
      "us_on_china",
      "us_on_china_announced",
    ]);
    expect(meta.series[0].unit).toBe("USD bn (cumulative)");
  });

  it("writes JSON whose rows are exactly the chart rows", () => {
    for (const chart of charts()) {
      const meta = metaOf(chart);
      const parsed = JSON.parse(chartJson(chart, meta)) as { meta: DownloadMeta; rows: ChartRow[] };
      expect(parsed.rows).toEqual(chart.rows);
      expect(parsed.rows.length).toBeGreaterThan(0);
      expect(parsed.meta).toEqual(meta);
    }
  });
});

describe("chartJsonStream", () => {
  it("streams the very bytes of chartJson for every chart, in several chunks", async () => {
    for (const chart of charts()) {
      const meta = metaOf(chart);
      const { text, chunks } = await readAll(chartJsonStream(chart, meta, 3));
      expect(text).toBe(chartJson(chart, meta));
      expect(chunks.length).toBe(1 + Math.ceil(chart.rows.length / 3));
    }
  });

  it("streams the very bytes of chartJson for no rows and for any rows, however chunked", async () => {
    const chart = charts()[0];
    const meta = metaOf(chart);
    const empty = { ...chart, rows: [] };
    expect((await readAll(chartJsonStream(empty, meta))).text).toBe(chartJson(empty, meta));
    const text = fc.oneof(
      fc.string({ unit: "grapheme" }),
      fc.constantFrom("", "\n", '"', "\\", "\u2028"),
    );
    const anyRow = fc.record(
      {
        date: fc.string({ maxLength: 10 }),
        series: text,
        value: fc.oneof(fc.double(), fc.constant(null)),
        note: fc.oneof(text, fc.constant(null), fc.constant(undefined)),
        article: fc.oneof(fc.constant(null), fc.record({ title: text, id: fc.nat() })),
      },
      { requiredKeys: ["date", "series"] },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(anyRow, { maxLength: 12 }),
        fc.integer({ min: 1, max: 5 }),
        async (rows, chunkRows) => {
          const built = { ...chart, rows: rows as unknown as ChartRow[] };
          const streamed = await readAll(chartJsonStream(built, meta, chunkRows));
          expect(streamed.text).toBe(chartJson(built, meta));
        },
      ),
      { numRuns: 300 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Zip bundle
// ---------------------------------------------------------------------------------------------

describe("bundleZip", () => {
  it("holds the four chart CSVs, metadata.json and README.txt, each CSV made from its chart's rows", () => {
    const built = charts();
    const bundle = built.map((chart) => ({ chart, meta: metaOf(chart) }));
    const files = unzipSync(bundleZip(bundle, []));
    expect(Object.keys(files).sort()).toEqual([
      "README.txt",
      "actions.csv",
      "coverage.csv",
      "currency.csv",
      "metadata.json",
      "tariffs.csv",
      "trade.csv",
    ]);
    for (const chart of built) {
      expect(strFromU8(files[`${chart.id}.csv`])).toBe(chartRowsToCsv(chart.rows));
    }
    const metadata = JSON.parse(strFromU8(files["metadata.json"]));
    expect(metadata).toEqual({ charts: bundle.map((b) => b.meta) });
    const readme = strFromU8(files["README.txt"]);
    expect(readme).toContain("Range: 2018-08-01 to 2018-12-31");
    expect(readme).toContain("Generated: 2026-01-15T12:00:00.000Z");
    for (const chart of built) {
      expect(readme).toContain(
        `- ${chart.id}.csv: ${chart.title}. ${chart.unitLine}. ${chart.rows.length} rows.`,
      );
    }
    // Each source's licence is cited once.
    const piieLicence = CATALOGUE.find((c) => c.slug === SLUGS.usTariff)!.licence;
    expect(readme.split(piieLicence)).toHaveLength(2);
    expect(readme).toContain(CATALOGUE.find((c) => c.slug === "fx-usd-cny")!.licence);
    // No credit is said twice on one line ("X: X"), and no cite line repeats.
    const cite = readme
      .split("How to cite")[1]
      .split("\n")
      .filter((l) => l.startsWith("- "));
    expect(new Set(cite).size).toBe(cite.length);
    for (const line of cite) {
      const [source, ...licence] = line.slice(2).split(": ");
      expect(licence.join(": ")).not.toBe(source);
    }
    expect(readme).not.toContain("Quoted from the article named in each row.");
  });
});

// ---------------------------------------------------------------------------------------------
// Table paging
// ---------------------------------------------------------------------------------------------

describe("toPageChart", () => {
  const chartWith = (count: number): BuiltChart => {
    const base = buildChart("tariffs", dashboardInput());
    const rows = manyRows(count);
    return { ...base, rows, rowCount: rows.length };
  };

  // Counts are in pages of TABLE_PAGE_SIZE so the tests follow a change of page size.
  const P = TABLE_PAGE_SIZE;
  /** A partial last page. */
  const R = Math.max(1, Math.floor(P / 2));

  it("sends one page of rows and the spec, never the full row list", () => {
    expect(P).toBeGreaterThan(0);
    const chart = chartWith(2 * P + R);
    const page = toPageChart(chart, 2);
    expect(page).not.toHaveProperty("rows");
    expect(page).toMatchObject({
      rowCount: 2 * P + R,
      page: 2,
      pageCount: 3,
      id: "tariffs",
    });
    // The tariff actions travel once for the page, not inside each chart's spec.
    expect(chart.spec.events.length).toBeGreaterThan(0);
    expect(page.spec).not.toHaveProperty("events");
    expect(page.marksEvents).toBe(true);
    expect(unpackPageSpec(page, markedEvents([chart]))).toEqual(chart.spec);
    expect(page.tableRows).toEqual(chart.rows.slice(P, 2 * P));
    expect(toPageChart(chart, 1).tableRows).toEqual(chart.rows.slice(0, P));
    expect(toPageChart(chart, 3).tableRows).toEqual(chart.rows.slice(2 * P));
  });

  it("sends the tariff actions of one dashboard's charts once, and refuses charts that differ", () => {
    const input = dashboardInput();
    const tariffs = buildChart("tariffs", input);
    const trade = buildChart("trade", input);
    const coverage = buildChart("coverage", input);
    const events = markedEvents([tariffs, coverage, trade]);
    expect(events).toBe(tariffs.spec.events);
    expect(events).toBe(trade.spec.events);
    expect(toPageChart(coverage, 1).marksEvents).toBe(false);
    expect(unpackPageSpec(toPageChart(coverage, 1), events)).toEqual(coverage.spec);
    expect(unpackPageSpec(toPageChart(trade, 1), events)).toEqual(trade.spec);
    const otherInput = buildChart("trade", dashboardInput());
    expect(() => markedEvents([tariffs, otherInput])).toThrow(/different tariff actions/);
  });

  it("reads a chart's rows only for a table (drawing needs them unsorted or not at all)", () => {
    const built = buildChart("tariffs", dashboardInput());
    let rowsRead = 0;
    const probe: BuiltChart = { ...built };
    Object.defineProperty(probe, "rows", {
      get: () => {
        rowsRead++;
        return built.rows;
      },
    });
    const chartOnly = toPageChart(probe, 1, false);
    expect(rowsRead).toBe(0);
    expect(chartOnly.tableRows).toEqual([]);
    expect(chartOnly.rowCount).toBe(built.rows.length);
    expect(toPageChart(probe, 1, true).tableRows).toEqual(built.rows.slice(0, P));
    expect(rowsRead).toBe(1);
  });

  it("clamps and cleans the requested page", () => {
    const chart = chartWith(2 * P + R);
    expect(toPageChart(chart, 0).page).toBe(1);
    expect(toPageChart(chart, -4).page).toBe(1);
    expect(toPageChart(chart, Number.NaN).page).toBe(1);
    expect(toPageChart(chart, 2.9).page).toBe(2);
    expect(toPageChart(chart, 99).page).toBe(3);
    expect(toPageChart(chart, Number.POSITIVE_INFINITY).page).toBe(3);
    expect(toPageChart(chart, 99).tableRows).toHaveLength(R);
    expect(toPageChart(chart, -4).tableRows).toEqual(chart.rows.slice(0, P));
  });

  it("has one page for an empty chart and for exactly one full page", () => {
    expect(toPageChart(chartWith(0), 5)).toMatchObject({
      page: 1,
      pageCount: 1,
      rowCount: 0,
      tableRows: [],
    });
    const full = toPageChart(chartWith(TABLE_PAGE_SIZE), 2);
    expect(full).toMatchObject({ page: 1, pageCount: 1 });
    expect(full.tableRows).toHaveLength(TABLE_PAGE_SIZE);
    expect(toPageChart(chartWith(TABLE_PAGE_SIZE + 1), 2).tableRows).toHaveLength(1);
  });
});
