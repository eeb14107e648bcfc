/**
 * What the four chart builders make of the shipped data, for a spread of ranges and options, pinned
 * in a snapshot: a readable outline of each chart (titles, notes, datasets and their point counts)
 * and a SHA-256 of the whole chart (rows and spec), so any change to any value fails here.
 *
 * A refactoring of the builders must leave this file's snapshot untouched. When a chart is meant to
 * change, read the outline diff, then update with
 * `npx vitest run tests/integration/chart-builders.test.ts -u`.
 */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../db/index";
import { CHART_IDS, type BuiltChart } from "~/lib/charts/dashboard";
import { parseDashboardParams } from "~/lib/dashboard-params";
import { ensureShippedData } from "~/models/bootstrap.server";
import { getDashboard } from "~/models/dashboard.server";
import { openTestDb } from "../setup/db";

let handle: DbHandle;

beforeAll(async () => {
  handle = await openTestDb();
  const report = await ensureShippedData(handle.db);
  expect(report.failedFiles).toEqual([]);
});
afterAll(async () => {
  await handle?.close();
});

/** Dashboard URLs' query strings: ranges inside, before and past the data, and every option. */
const VIEWS = [
  "",
  "from=1971-01-01",
  "from=2019-06&to=2019-12",
  "from=2017-01-01&to=2018-03-31",
  "from=2026-01-01&to=2026-06-30",
  "from=2018-09-24&to=2019-12-31",
  "t_trade=yoy",
  "t_trade=index&from=2023",
  "scale_trade=log",
  "t_trade=yoy&scale_trade=log&from=2020&to=2024",
  "fx=cny,gbp,eur,jpy",
  "fx=cny,gbp,eur,jpy&fx_view=multiples",
  "fx=gbp,jpy&fx_view=multiples&t_currency=yoy",
  "fx=eur&t_currency=index&from=2019-01-01&to=2019-03-31",
  "fx=jpy,cny&t_currency=yoy&from=2020",
  "actor=China&from=2018&to=2020",
  "authority=Section%20301&t_trade=index",
  "view_coverage=share",
  "view_coverage=share&from=2025-01-01&to=2026-06-30",
];

function outline(chart: BuiltChart) {
  const { spec } = chart;
  return {
    title: chart.title,
    unitLine: chart.unitLine,
    credit: chart.credit,
    transforms: chart.transforms.join(","),
    transform: chart.transform,
    rows: chart.rows.length,
    spec: {
      yTitle: spec.yTitle,
      valueFormat: spec.valueFormat,
      yScale: spec.yScale,
      layout: spec.layout ?? null,
      x: `${spec.xMin} – ${spec.xMax}`,
      datasets: spec.datasets.map((set) =>
        [
          set.id,
          set.label,
          set.colorVar,
          set.style,
          set.frequency,
          set.unit,
          `${set.data.length} points`,
          `${set.gaps.length} gaps`,
          set.latest ? `latest ${set.latest}` : "",
          set.hollow ? "hollow" : "",
          set.marker ?? "",
          set.dashed ? "dashed" : "",
        ]
          .filter(Boolean)
          .join(" | "),
      ),
      events: spec.events.length,
      notes: spec.notes,
    },
    sha256: createHash("sha256").update(JSON.stringify(chart)).digest("hex"),
  };
}

describe("chart builders on the shipped data", () => {
  it.each(VIEWS)("?%s", async (query) => {
    const { range, options } = parseDashboardParams(new URLSearchParams(query));
    if (!range.ok) throw new Error(range.errors.join("; "));
    const dashboard = await getDashboard(handle.db, range.range, options);
    expect(
      Object.fromEntries(CHART_IDS.map((id) => [id, outline(dashboard.charts[id])])),
    ).toMatchSnapshot();
  });
});
