import { describe, expect, it } from "vitest";
import { packSpec, unpackSpec } from "~/lib/charts/packed";
import type { ChartDatasetSpec, ChartPoint, ChartSpec } from "~/lib/charts/spec";

function dataset(id: string, data: ChartPoint[], extra: Partial<ChartDatasetSpec> = {}) {
  return {
    id,
    label: id,
    colorVar: "--us",
    style: "line",
    unit: "%",
    source: "test",
    frequency: "daily",
    gaps: [],
    latest: null,
    data,
    ...extra,
  } satisfies ChartDatasetSpec;
}

const daily: ChartPoint[] = [];
for (let day = Date.UTC(2019, 11, 20); day <= Date.UTC(2020, 2, 2); day += 86_400_000)
  if (new Date(day).getUTCDay() % 6 !== 0)
    daily.push({
      x: new Date(day).toISOString().slice(0, 10),
      y: day % 7 === 0 ? null : 6.5 + (day % 1000) / 7,
    });

const spec: ChartSpec = {
  id: "currency",
  yTitle: "CNY per USD",
  valueFormat: "fx",
  yScale: "linear",
  layout: "single",
  xMin: "1969-12-25",
  xMax: "2020-03-02",
  datasets: [
    dataset("cny", [{ x: "1969-12-25", y: 3.5 }, { x: "1970-01-01", y: -0 }, ...daily]),
    dataset(
      "articles",
      [
        { x: "2019-06-29", y: 25, note: ["A sentence, quoted."], href: "/articles/3#f2" },
        { x: "2019-06-29", y: 10, yMin: 10, yMax: 25, note: ["range"], href: "/articles/3#f3" },
        { x: "2019-07-01", y: null },
      ],
      { style: "points", hollow: true },
    ),
    dataset("empty", []),
  ],
  events: [
    {
      date: "2019-05-10",
      label: "List 3 to 25%",
      description: "d",
      colorVar: "--us",
      actor: "US",
      authority: "section_301",
    },
  ],
  notes: ["a note"],
};

describe("the chart spec as the page sends it", () => {
  it("gives back exactly the spec that was packed, through JSON too", () => {
    const packed = packSpec(spec);
    expect(unpackSpec(packed)).toEqual(spec);
    expect(unpackSpec(JSON.parse(JSON.stringify(packed)))).toEqual(
      JSON.parse(JSON.stringify(spec)),
    );
  });

  it("is much smaller for a long daily line", () => {
    const packed = JSON.stringify(packSpec(spec).datasets[0]);
    expect(packed.length).toBeLessThan(JSON.stringify(spec.datasets[0]).length / 2);
  });
});
