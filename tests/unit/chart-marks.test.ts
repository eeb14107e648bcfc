import { describe, expect, it } from "vitest";
import {
  clusterByPixel,
  formatMark,
  formatTick,
  gapBands,
  logTickLabelled,
  markRadius,
  niceYearTicks,
  stepDecimals,
  unitAfterValue,
  wrapWords,
} from "~/lib/charts/marks";

describe("axis ticks", () => {
  it("carry only the decimals their step needs", () => {
    expect(stepDecimals(50)).toBe(0);
    expect(stepDecimals(2.5)).toBe(1);
    expect(stepDecimals(0.05)).toBe(2);
    expect(formatTick(400, "usd_bn", 50)).toBe("$400bn");
    expect(formatTick(-20, "usd_bn", 10)).toBe("−$20bn");
    expect(formatTick(0, "usd_bn", 10)).toBe("$0");
    expect(formatTick(160, "percent", 20)).toBe("160%");
    expect(formatTick(7.5, "percent", 2.5)).toBe("7.5%");
    expect(formatTick(6.8, "fx", 0.2)).toBe("6.8");
    expect(formatTick(6.85, "fx", 0.05)).toBe("6.85");
  });
});

describe("tooltip values", () => {
  it("drop a trailing .0 and write the unit once", () => {
    expect(formatMark(300, "usd_bn")).toBe("$300bn");
    expect(formatMark(38.7, "usd_bn")).toBe("$38.7bn");
    expect(formatMark(0.34, "usd_bn")).toBe("$340m");
    expect(formatMark(25, "percent")).toBe("25%");
    expect(formatMark(7.1, "fx")).toBe("7.1");
    expect(unitAfterValue("usd_bn", "USD bn")).toBe("");
    expect(unitAfterValue("percent", "percent")).toBe("");
    expect(unitAfterValue("fx", "CNY per USD")).toBe(" CNY per USD");
  });
});

describe("gap bands", () => {
  it("end the day after the last missing period and are drawn once per span", () => {
    const gap = { from: "2023-02-01", to: "2023-08-31", label: "Feb–Aug 2023", reason: "blank" };
    const bands = gapBands([
      { label: "Exports", gaps: [gap] },
      { label: "Balance", gaps: [gap] },
      { label: "Imports", gaps: [] },
      { label: "Hidden", hidden: true, gaps: [{ ...gap, from: "2023-10-01", to: "2023-12-31" }] },
    ]);
    expect(bands).toEqual([
      {
        from: "2023-02-01",
        until: "2023-09-01",
        label: "Feb–Aug 2023",
        series: ["Exports", "Balance"],
      },
    ]);
  });
});

describe("wrapWords", () => {
  it("keeps every line within the width", () => {
    const lines = wrapWords("one two three four five six", 9, (s) => s.length);
    expect(lines).toEqual(["one two", "three", "four five", "six"]);
  });
});

describe("crowded marks", () => {
  it("groups event lines that fall within a few pixels, keeping every one", () => {
    const groups = clusterByPixel([10, 50, 11.5, 12, 30, 80.5, 80], 3);
    expect(groups).toEqual([[0, 2, 3], [4], [1], [6, 5]]);
    expect(groups.flat().sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(clusterByPixel([], 3)).toEqual([]);
  });

  it("draws smaller article rings on long ranges", () => {
    // 1440 px desktop card, about 520 px of plot: two years, nine years, 45 years.
    expect(markRadius(520 / 2)).toBe(5);
    expect(markRadius(520 / 9)).toBe(4);
    expect(markRadius(520 / 45)).toBe(3);
  });

  it("puts yearly ticks on round years", () => {
    expect(niceYearTicks(1971, 2025, 7)).toEqual([1980, 1990, 2000, 2010, 2020]);
    expect(niceYearTicks(1981, 2025, 6)).toEqual([1990, 2000, 2010, 2020]);
    expect(niceYearTicks(2017, 2025, 2)).toEqual([2018, 2020, 2022, 2024]);
    expect(niceYearTicks(2018, 2019, 1)).toEqual([2018, 2019]);
    expect(niceYearTicks(1900, 2100, 60)).toEqual([1900, 2000, 2100]);
  });
});

describe("logTickLabelled", () => {
  it("labels every tick of a short log axis", () => {
    for (const value of [20, 30, 40, 50]) expect(logTickLabelled(value, 4)).toBe(true);
  });

  it("labels only 1, 2 and 5 times a power of ten on a log axis over several decades", () => {
    const ticks = [0.2, 0.3, 0.4, 0.6, 0.8, 1, 2, 4, 6, 8, 10, 20, 40, 60];
    expect(ticks.filter((value) => logTickLabelled(value, ticks.length))).toEqual([
      0.2, 1, 2, 10, 20,
    ]);
    expect(logTickLabelled(500, 20)).toBe(true);
    expect(logTickLabelled(0.05, 20)).toBe(true);
    expect(logTickLabelled(3, 20)).toBe(false);
  });
});
