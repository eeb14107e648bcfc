import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../db/index";
import { buildChart, CHART_IDS, SLUGS } from "~/lib/charts/dashboard";
import { parseDashboardParams } from "~/lib/dashboard-params";
import { getArticleFigures } from "~/models/articles.server";
import { ensureShippedData } from "~/models/bootstrap.server";
import { getDashboard, getDashboardInput } from "~/models/dashboard.server";
import { importFile } from "~/models/imports.server";
import {
  figuresInRange,
  getReadModel,
  observationsInRange,
  seriesSpans,
  valuesAsOf,
} from "~/models/read-model.server";
import { getObservationsInRange, getSeriesSpans, getValuesAsOf } from "~/models/series.server";
import { openTestDb, testDriver } from "../setup/db";

let handle: DbHandle;

beforeAll(async () => {
  handle = await openTestDb();
  expect((await ensureShippedData(handle.db)).failedFiles).toEqual([]);
});
afterAll(async () => {
  await handle?.close();
});

const SLUG_SET = [SLUGS.usTariff, SLUGS.chinaTariff, SLUGS.balance, "fx-usd-cny"];

// Edges on purpose: open ends, a range inside a weekend gap, a single day, one past the data,
// an inverted range, and exact observation dates.
const RANGES = [
  { from: null, to: null },
  { from: "2019-05-10", to: null },
  { from: null, to: "2018-07-06" },
  { from: "2019-06-29", to: "2019-06-30" },
  { from: "2019-05-13", to: "2019-05-13" },
  { from: "2030-01-01", to: "2031-01-01" },
  { from: "2020-01-01", to: "2019-01-01" },
  { from: "1971-01-04", to: "2025-12-01" },
];

describe(`the in-memory read model (${testDriver})`, () => {
  it("slices ranges exactly as the database selects them", async () => {
    const model = await getReadModel(handle.db);
    expect(model.series.get("fx-usd-cny")?.length).toBeGreaterThan(1000);
    for (const range of RANGES) {
      const fromDb = await getObservationsInRange(handle.db, SLUG_SET, range);
      const fromModel = observationsInRange(model, SLUG_SET, range);
      for (const slug of SLUG_SET) expect(fromModel.get(slug), slug).toEqual(fromDb.get(slug));
      const figures = await getArticleFigures(handle.db, { range });
      expect(figuresInRange(model, range).map((f) => [f.articleId, f.ordinal])).toEqual(
        figures.map((f) => [f.articleId, f.ordinal]),
      );
      const day = range.from ?? range.to;
      if (day)
        expect(valuesAsOf(model, SLUG_SET, day)).toEqual(
          await getValuesAsOf(handle.db, SLUG_SET, day),
        );
    }
    expect(seriesSpans(model, SLUG_SET)).toEqual(await getSeriesSpans(handle.db, SLUG_SET));
  });

  it("holds every stored value of every series exactly (dates and doubles as stored)", async () => {
    const model = await getReadModel(handle.db);
    const slugs = [...model.series.keys()];
    expect(slugs.length).toBeGreaterThanOrEqual(8);
    const fromDb = await getObservationsInRange(handle.db, slugs, { from: null, to: null });
    for (const slug of slugs) expect(model.series.get(slug), slug).toEqual(fromDb.get(slug));
  });

  it("builds every chart from whole-series slices exactly as from the range's own points", async () => {
    const views = [
      "",
      "from=1971-01-01",
      "from=2019-05-13&to=2019-05-13",
      "from=2023-02-15&to=2024-01-31&t_trade=yoy&t_currency=yoy",
      "from=2016-03&to=2021-07&t_trade=index&fx=cny,eur,jpy",
      "from=1999&to=2026&fx=cny,gbp,eur,jpy&fx_view=multiples&scale_trade=log",
      "to=2000-02-29&t_currency=yoy&fx=gbp",
      "from=2030-01-01&to=2031-01-01&t_trade=yoy",
    ];
    for (const query of views) {
      const { range, options } = parseDashboardParams(new URLSearchParams(query));
      if (!range.ok) throw new Error(query);
      const input = await getDashboardInput(handle.db, range.range, options);
      expect(input.whole).toBeDefined();
      for (const id of CHART_IDS) {
        const sliced = buildChart(id, input);
        expect(sliced, `${query} ${id}`).toEqual(buildChart(id, { ...input, whole: undefined }));
        // Rows are sorted only when first read; the count is known before.
        expect(sliced.rowCount).toBe(sliced.rows.length);
        for (let i = 1; i < sliced.rows.length; i++) {
          const [a, b] = [sliced.rows[i - 1], sliced.rows[i]];
          expect(a.date < b.date || (a.date === b.date && a.series <= b.series)).toBe(true);
        }
      }
    }
  });

  it("is reused while the data stays the same and rebuilt once an import changes it", async () => {
    const before = await getReadModel(handle.db);
    expect(await getReadModel(handle.db)).toBe(before);
    const later = "2026-01-15";
    expect(before.series.get(SLUGS.usTariff)!.at(-1)!.date < later).toBe(true);
    // The shipped PIIE file plus one later row (the last row's values, dated later).
    const piie = fs.readFileSync("data/tariffs_us_china_piie_timeline.csv", "utf8").trimEnd();
    const lastLine = piie.split("\n").at(-1)!;
    const row = `${later}${lastLine.slice(lastLine.indexOf(","))}`;
    const result = await importFile(handle.db, {
      fileName: "tariffs_us_china_piie_timeline.csv",
      text: `${piie}\n${row}\n`,
    });
    expect(result.ok).toBe(true);
    // A caller that has just read the old version (the server, for its response cache) gets the
    // model of that version, which its page is labelled with; without one it asks and rebuilds.
    expect(await getReadModel(handle.db, before.version)).toBe(before);
    const after = await getReadModel(handle.db);
    expect(after).not.toBe(before);
    expect(await getReadModel(handle.db, after.version)).toBe(after);
    expect(await getReadModel(handle.db, before.version)).toBe(after);
    expect(after.version).not.toBe(before.version);
    expect(after.series.get(SLUGS.usTariff)!.at(-1)!.date).toBe(later);
    const { options } = parseDashboardParams(new URLSearchParams());
    const dashboard = await getDashboard(handle.db, { from: "2025-01-01", to: null }, options);
    expect(dashboard.charts.tariffs.rows.at(-1)?.date).toBe(later);
  });
});
