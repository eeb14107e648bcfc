import { describe, expect, it } from "vitest";
import { legendEntries } from "~/lib/charts/legend";
import type { ChartDatasetSpec, ChartSpec } from "~/lib/charts/spec";

function dataset(id: string, overrides: Partial<ChartDatasetSpec> = {}): ChartDatasetSpec {
  return {
    id,
    label: `Series ${id}`,
    colorVar: "--us",
    style: "line",
    unit: "percent",
    source: "test",
    frequency: "monthly",
    gaps: [],
    latest: null,
    data: [
      { x: "2019-01-01", y: 1 },
      { x: "2019-02-01", y: 2 },
    ],
    ...overrides,
  };
}

function spec(datasets: ChartDatasetSpec[], overrides: Partial<ChartSpec> = {}): ChartSpec {
  return {
    id: "test",
    yTitle: "percent",
    valueFormat: "percent",
    yScale: "linear",
    xMin: null,
    xMax: null,
    datasets,
    events: [],
    notes: [],
    ...overrides,
  };
}

const GAP = { from: "2019-03-01", to: "2019-03-31", label: "Mar 2019", reason: "not published" };

describe("chart legend entries", () => {
  it("lists the series in dataset order as toggles, each swatch in its own style", () => {
    const entries = legendEntries(
      spec([
        dataset("official", { style: "step", colorVar: "--china" }),
        dataset("statutory", { style: "step", thin: true, dash: [1, 2] }),
        dataset("announced", { dashed: true }),
        dataset("quoted", { style: "points", hollow: true }),
        dataset("threats", { style: "points", hollow: true, marker: "triangle" }),
        dataset("filled", { style: "points" }),
      ]),
    );
    expect(entries.map((entry) => entry.datasetId)).toEqual([
      "official",
      "statutory",
      "announced",
      "quoted",
      "threats",
      "filled",
    ]);
    const swatch = (id: string) => entries.find((entry) => entry.key === id)!.swatch[0];
    expect(swatch("official")).toEqual({ path: "M1 6H19", stroke: "--china", width: 3 });
    expect(swatch("statutory")).toEqual({
      path: "M1 6H19",
      stroke: "--us",
      width: 2,
      dash: [1, 2],
    });
    expect(swatch("announced").dash).toEqual([4, 3]);
    // Article points are their markers, hollow as on the chart; threats are triangles.
    expect(swatch("quoted").fill).toBeUndefined();
    expect(swatch("quoted").path).toMatch(/A4\.5 4\.5/);
    expect(swatch("threats").path).not.toBe(swatch("quoted").path);
    expect(swatch("threats").fill).toBeUndefined();
    expect(swatch("filled").fill).toBe("--us");
  });

  it("marks hidden series hidden and keeps them listed, so they can be shown again", () => {
    const entries = legendEntries(spec([dataset("a", { hidden: true }), dataset("b")]));
    expect(entries.map((entry) => [entry.key, entry.hidden])).toEqual([
      ["a", true],
      ["b", false],
    ]);
  });

  it("leaves out a series with rows but nothing drawn, and keeps one with no rows in range", () => {
    const entries = legendEntries(
      spec([
        dataset("undrawn", { data: [{ x: "2019-01-01", y: null }] }),
        dataset("empty", { data: [] }),
      ]),
    );
    expect(entries.map((entry) => entry.key)).toEqual(["empty"]);
  });

  it("adds the kinds of mark the chart has, as entries without a toggle", () => {
    const bare = legendEntries(spec([dataset("a")]));
    expect(bare.map((entry) => entry.key)).toEqual(["a"]);
    const marked = legendEntries(
      spec(
        [
          dataset("a", {
            gaps: [GAP],
            data: [{ x: "2019-01-01", y: 10, yMin: 5, yMax: 15 }],
          }),
        ],
        {
          events: [
            {
              date: "2019-05-10",
              label: "List 3 to 25%",
              description: "",
              colorVar: "--us",
              actor: "US",
              authority: "Section 301",
            },
          ],
        },
      ),
    );
    expect(marked.map((entry) => [entry.label, entry.datasetId])).toEqual([
      ["Series a", "a"],
      ["Range quoted in an article", undefined],
      ["Tariff action (dashed line)", undefined],
      ["No data for the period", undefined],
    ]);
  });

  it("names no-data bands only while a shown series has a gap", () => {
    const keys = (hidden: boolean) =>
      legendEntries(spec([dataset("a", { gaps: [GAP], hidden }), dataset("b")])).map(
        (entry) => entry.key,
      );
    expect(keys(false)).toContain("gaps");
    expect(keys(true)).not.toContain("gaps");
  });
});
