import { unzipSync, strFromU8 } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../db/index";
import { TABLE_PAGE_SIZE, unpackPageSpec } from "~/lib/charts/page";
import { parseDashboardParams } from "~/lib/dashboard-params";
import { ensureShippedData } from "~/models/bootstrap.server";
import { getDashboard } from "~/models/dashboard.server";
import { loader as dashboardLoader } from "~/routes/_index";
import { loader as downloadLoader } from "~/routes/download.$file";
import { openTestDb, testDriver } from "../setup/db";

let handle: DbHandle;

beforeAll(async () => {
  handle = await openTestDb();
  const report = await ensureShippedData(handle.db);
  expect(report.failedFiles).toEqual([]);
  globalThis.__tradewarDb = Promise.resolve(handle);
});
afterAll(async () => {
  globalThis.__tradewarDb = undefined;
  await handle?.close();
});

async function call(
  loader: typeof dashboardLoader | typeof downloadLoader,
  url: string,
  params: Record<string, string> = {},
  context: Record<string, unknown> = {},
) {
  try {
    const result = await loader({
      request: new Request(`http://localhost${url}`),
      params,
      context,
    });
    // The page's data is deferred (nothing is pending): read as the JSON Remix sends the browser.
    return result instanceof Response ? result : Response.json(result.data, result.init ?? {});
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

/** Every card on its Table tab: the loader data then carries each chart's page of rows. */
const TABLES = "tab_tariffs=table&tab_coverage=table&tab_trade=table&tab_currency=table";

const download = (file: string, query: string) =>
  call(downloadLoader, `/download/${file}${query}`, { file });

describe(`dashboard on the shipped data (${testDriver})`, () => {
  it("opens on the dispute with four charts, a summary and the range in words", async () => {
    const response = await call(dashboardLoader, "/");
    expect(response.status).toBe(200);
    const body = await response.json();
    // The last monthly value (Dec 2025 imports) covers the whole month.
    expect(body.resolved).toEqual({ from: "2017-01-01", to: "2025-12-31" });
    expect(Object.keys(body.charts)).toEqual(["tariffs", "coverage", "trade", "currency"]);
    for (const chart of Object.values(body.charts) as {
      rowCount: number;
      spec: { datasets: unknown[] };
    }[]) {
      expect(chart.rowCount).toBeGreaterThan(10);
      expect(chart.spec.datasets.length).toBeGreaterThanOrEqual(2);
    }
    expect(body.summary.sentences.join(" ")).toContain(
      "the average US tariff on Chinese goods rose from 3.1% to 47.5%",
    );
    expect(body.summary.sentences.join(" ")).toContain(
      "Goods covered by US tariffs in force grew from none to $438.7bn",
    );
    // The cumulative balance names the months it leaves out and where the series ends.
    expect(body.summary.sentences.join(" ")).toMatch(
      /over the 97 months with data \(no data for Feb–Aug 2023 and Oct–Dec 2023; latest: Nov 2025\)\./,
    );
    expect(body.summary.sentences.join(" ")).toContain("latest: 26 Sep 2025");
  });

  it("sends a chart's table rows only on its Table tab, and its row count always", async () => {
    const response = await call(dashboardLoader, "/?from=2019-06&to=2019-12&tab_trade=table");
    const body = await response.json();
    expect(body.charts.trade.tableRows.length).toBeGreaterThan(0);
    expect(body.charts.trade.tableRows.length).toBe(
      Math.min(body.charts.trade.rowCount, TABLE_PAGE_SIZE),
    );
    for (const id of ["tariffs", "coverage", "currency"] as const) {
      expect(body.charts[id].tableRows).toEqual([]);
      expect(body.charts[id].rowCount).toBeGreaterThan(0);
    }
  });

  it("sends each chart's spec packed and the tariff actions once, which unpack to exactly the built spec", async () => {
    const query = "from=2015-01-01&fx=cny,eur&t_trade=yoy";
    const page = await (await call(dashboardLoader, `/?${query}`)).json();
    const { range, options } = parseDashboardParams(new URLSearchParams(query));
    if (!range.ok) throw new Error("range");
    const dashboard = await getDashboard(handle.db, range.range, options);
    for (const id of ["tariffs", "coverage", "trade", "currency"] as const)
      expect(unpackPageSpec(page.charts[id], page.events)).toEqual(
        JSON.parse(JSON.stringify(dashboard.charts[id].spec)),
      );
  });

  it("narrows every chart to the range and carries step values in force at its start", async () => {
    const body = await (await call(dashboardLoader, `/?from=2019-06&to=2019-12&${TABLES}`)).json();
    expect(body.rangeWords).toBe("1 Jun 2019 – 31 Dec 2019");
    for (const chart of Object.values(body.charts) as { tableRows: { date: string }[] }[]) {
      for (const row of chart.tableRows) {
        expect(row.date >= "2019-06-01" && row.date <= "2019-12-31").toBe(true);
      }
    }
    const usStart = body.charts.tariffs.tableRows.find(
      (row: { series: string }) => row.series === "us_on_china",
    );
    expect(usStart).toMatchObject({ date: "2019-06-01" });
    const trade = body.charts.trade.tableRows.filter(
      (row: { series: string }) => row.series === "imports",
    );
    expect(trade).toHaveLength(7);
  });

  it("puts the seed article's figures on the charts with links to their sentence", async () => {
    const body = await (
      await call(
        dashboardLoader,
        `/?from=2019-06-28&to=2019-06-30&fx=cny,gbp&fx_view=multiples&${TABLES}`,
      )
    ).json();
    const coverage = body.charts.coverage.tableRows.find(
      (row: { article: { text: string } | null }) => row.article?.text === "$200bn",
    );
    expect(coverage).toMatchObject({ value: 200, unit: "USD bn", series: "articles_us_on_china" });
    expect(coverage.article.sentence).toContain(
      "raised tariffs on $200bn (£159.2bn) worth of Chinese goods",
    );
    const implied = body.charts.currency.tableRows.find(
      (row: { series: string }) => row.series === "implied_gbp",
    );
    // US dollars per pound, the market convention, to the four decimals H.10 publishes.
    expect(implied).toMatchObject({ value: Number((200 / 159.2).toFixed(4)), unit: "USD per GBP" });
  });

  it("names each article's source: the seed is BBC News, the briefs are briefs, none is 'News articles'", async () => {
    const body = await (
      await call(dashboardLoader, `/?from=2019-06-01&to=2019-06-30&${TABLES}`)
    ).json();
    const sources = new Set(
      (Object.values(body.charts) as { tableRows: { article: unknown; source: string }[] }[])
        .flatMap((chart) => chart.tableRows)
        .filter((row) => row.article !== null)
        .map((row) => row.source),
    );
    expect([...sources].sort()).toEqual([
      "BBC News; figure extracted by this project",
      "Project brief (not a news report); figure extracted by this project",
    ]);
    const csv = await (await download("coverage.csv", "?from=2019-06-01&to=2019-06-30")).text();
    expect(csv).toContain("BBC News; figure extracted by this project");
    expect(csv).not.toMatch(/news articles/i);
  });

  it("answers a bad range with a 400 and a plain message, never a 500", async () => {
    const page = await call(dashboardLoader, "/?from=2019-02-30");
    expect(page.status).toBe(400);
    expect((await page.json()).errors).toEqual(["Start date: The date 2019-02-30 does not exist."]);
    expect((await download("trade.csv", "?from=2020&to=2019")).status).toBe(400);
    expect((await download("nothing.csv", "")).status).toBe(404);
  });

  it("filters the event lines by side and authority from the URL; refuses unknown ones with 400", async () => {
    const page = await (await call(dashboardLoader, "/?from=2025&to=2025&actor=China")).json();
    // One list of tariff actions for the page, marked on the tariff and trade charts.
    const events = page.events as { actor: string }[];
    expect(events.length).toBeGreaterThan(0);
    expect(new Set(events.map((e) => e.actor))).toEqual(new Set(["China"]));
    for (const id of ["tariffs", "coverage", "trade", "currency"])
      expect(page.charts[id].marksEvents, id).toBe(id === "tariffs" || id === "trade");
    expect(page.options.events).toEqual({ actor: "China", authority: null });
    const bad = await call(dashboardLoader, "/?from=2025&to=2025&authority=Tariffs");
    expect(bad.status).toBe(400);
    const body = await bad.json();
    expect(body.rangeOk).toBe(true);
    expect(body.errors).toEqual([
      expect.stringContaining('Unknown authority "Tariffs": use one of Section 301'),
    ]);
    expect((await download("tariffs.csv", "?actor=EU")).status).toBe(400);
    // The bundle's actions.csv is the same selection as the dashboard's lines.
    const files = unzipSync(
      new Uint8Array(
        await (await download("bundle.zip", "?from=2025&to=2025&actor=China")).arrayBuffer(),
      ),
    );
    const rows = strFromU8(files["actions.csv"]).trimEnd().split("\r\n").slice(1);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.split(",")[1] === "China")).toBe(true);
  });

  it("downloads CSV and JSON holding the same rows as the chart", async () => {
    for (const chart of ["tariffs", "coverage", "trade", "currency"]) {
      const query = "?from=2018-07-01&to=2019-12-31";
      const csvResponse = await download(`${chart}.csv`, query);
      expect(csvResponse.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      expect(csvResponse.headers.get("content-disposition")).toBe(
        `attachment; filename="${chart}_2018-07-01_2019-12-31.csv"`,
      );
      const lines = (await csvResponse.text()).trimEnd().split("\r\n");
      const json = await (await download(`${chart}.json`, query)).json();
      expect(json.meta.range).toMatchObject({ from: "2018-07-01", to: "2019-12-31" });
      expect(json.meta.series.length).toBeGreaterThan(0);
      expect(lines[0]).toBe(
        "date,series,label,value,unit,range_low,range_high,rate_from,role,source,note,flag,article_title,article_published_at,figure_text,sentence,article_url",
      );
      // Quoted cells may hold line breaks, so compare row counts from the JSON with the CSV's dates.
      const dates = lines
        .slice(1)
        .filter((line) => /^\d{4}-\d{2}-\d{2},/.test(line))
        .map((line) => line.slice(0, 10));
      expect(dates).toEqual(json.rows.map((row: { date: string }) => row.date));
      const page = await (await call(dashboardLoader, `/${query}`)).json();
      expect(page.charts[chart].rowCount).toBe(json.rows.length);
    }
  });

  it("keeps every daily row in downloads while the drawn line is downsampled", async () => {
    const json = await (await download("currency.json", "?from=1985&to=2025")).json();
    expect(json.rows.length).toBeGreaterThan(9000);
    const page = await (
      await call(dashboardLoader, "/?from=1985&to=2025&tab_currency=table")
    ).json();
    expect(
      unpackPageSpec(page.charts.currency, page.events).datasets[0].data.length,
    ).toBeLessThanOrEqual(1000);
    expect(page.charts.currency.rowCount).toBe(json.rows.length);
    expect(page.charts.currency.tableRows.length).toBeLessThan(json.rows.length);
  });

  it("bundles every chart's CSV with metadata and a README in one zip", async () => {
    const response = await download("bundle.zip", "?from=2019&to=2019");
    expect(response.headers.get("content-type")).toBe("application/zip");
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
    expect(Object.keys(files).sort()).toEqual([
      "README.txt",
      "actions.csv",
      "coverage.csv",
      "currency.csv",
      "metadata.json",
      "tariffs.csv",
      "trade.csv",
    ]);
    const metadata = JSON.parse(strFromU8(files["metadata.json"]));
    expect(metadata.charts.map((chart: { chart: string }) => chart.chart)).toEqual([
      "tariffs",
      "coverage",
      "trade",
      "currency",
    ]);
    expect(strFromU8(files["README.txt"])).toContain("How to cite");
    // The register actions effective or scheduled in 2019, as /download/actions.csv has them.
    const actionsCsv = await (await download("actions.csv", "?from=2019&to=2019")).text();
    expect(strFromU8(files["actions.csv"])).toBe(actionsCsv);
    expect(actionsCsv).toContain("US-301-L3-2019,");
    const tradeCsv = await (await download("trade.csv", "?from=2019&to=2019")).text();
    expect(strFromU8(files["trade.csv"])).toBe(tradeCsv);
  });
});
