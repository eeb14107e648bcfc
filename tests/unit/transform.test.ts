import { describe, expect, it } from "vitest";
import {
  applyTransform,
  oneYearBefore,
  parseTransform,
  TRANSFORM_UNITS,
  type DatedValue,
} from "~/lib/charts/transform";

/** First-of-month points from `start` (YYYY-MM) with the given values. */
function monthly(start: string, values: number[]): DatedValue[] {
  const [year, month] = start.split("-").map(Number);
  return values.map((value, i) => {
    const y = year + Math.floor((month - 1 + i) / 12);
    const m = ((month - 1 + i) % 12) + 1;
    return { date: `${y}-${String(m).padStart(2, "0")}-01`, value };
  });
}

describe("oneYearBefore", () => {
  it("moves the year back and keeps month and day", () => {
    expect(oneYearBefore("2019-06-15")).toBe("2018-06-15");
    expect(oneYearBefore("2018-12-31")).toBe("2017-12-31");
    expect(oneYearBefore("2000-01-01")).toBe("1999-01-01");
  });

  it("maps 29 Feb to 28 Feb and leaves 28 Feb and 1 Mar alone", () => {
    expect(oneYearBefore("2020-02-29")).toBe("2019-02-28");
    expect(oneYearBefore("2024-02-29")).toBe("2023-02-28");
    expect(oneYearBefore("2021-02-28")).toBe("2020-02-28");
    expect(oneYearBefore("2021-03-01")).toBe("2020-03-01");
  });
});

describe("parseTransform and units", () => {
  it("accepts yoy and index and falls back to level", () => {
    expect(parseTransform("yoy")).toBe("yoy");
    expect(parseTransform("index")).toBe("index");
    expect(parseTransform("level")).toBe("level");
    expect(parseTransform("YOY")).toBe("level");
    expect(parseTransform("")).toBe("level");
    expect(parseTransform(null)).toBe("level");
    expect(parseTransform(undefined)).toBe("level");
  });

  it("names the unit of each transform", () => {
    expect(TRANSFORM_UNITS.level("USD millions")).toBe("USD millions");
    expect(TRANSFORM_UNITS.yoy("USD millions")).toBe("% change on a year earlier");
    expect(TRANSFORM_UNITS.index("CNY per USD")).toBe("index, range start = 100");
  });
});

describe("applyTransform: level", () => {
  const history = monthly("2017-01", [10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23]);

  it("drops lookback points before the range start and keeps values", () => {
    const result = applyTransform(history, "level", "2017-12-01");
    expect(result).toEqual([
      { date: "2017-12-01", value: 21 },
      { date: "2018-01-01", value: 22 },
      { date: "2018-02-01", value: 23 },
    ]);
  });

  it("returns every point (as a copy) for an open range", () => {
    const result = applyTransform(history, "level", null);
    expect(result).toEqual(history);
    expect(result).not.toBe(history);
  });
});

describe("applyTransform: index", () => {
  it("is 100 at the first point on or after the range start, not at the first lookback point", () => {
    const history = monthly("2017-01", [50, 60, 80, 100, 120]);
    const result = applyTransform(history, "index", "2017-03-01");
    expect(result.map((p) => p.date)).toEqual(["2017-03-01", "2017-04-01", "2017-05-01"]);
    expect(result.map((p) => p.value)).toEqual([100, 125, 150]);
  });

  it("uses the first non-zero value as the base", () => {
    const history = monthly("2018-01", [0, 40, 50]);
    expect(applyTransform(history, "index", null).map((p) => p.value)).toEqual([0, 100, 125]);
  });

  it("returns nothing when every value is zero or the range is empty", () => {
    expect(applyTransform(monthly("2018-01", [0, 0]), "index", null)).toEqual([]);
    expect(applyTransform(monthly("2018-01", [5, 6]), "index", "2019-01-01")).toEqual([]);
  });
});

describe("applyTransform: year-on-year", () => {
  it("uses the lookback year so changes exist from the range start (real Census imports, USD m)", () => {
    // US imports of goods from China, 2017-01 … 2018-03 (data/us_china_trade_monthly.csv).
    const imports = monthly(
      "2017-01",
      [
        41335.6, 32785.0, 34162.0, 37441.9, 41756.8, 42258.1, 43561.1, 45782.3, 45405.1, 48133.1,
        48104.8, 44439.4, 45681.3, 38956.2, 38273.8,
      ],
    );
    const result = applyTransform(imports, "yoy", "2018-01-01");
    expect(result.map((p) => p.date)).toEqual(["2018-01-01", "2018-02-01", "2018-03-01"]);
    expect(result[0].value).toBeCloseTo((45681.3 / 41335.6 - 1) * 100, 10);
    expect(result[1].value).toBeCloseTo((38956.2 / 32785.0 - 1) * 100, 10);
    expect(result[2].value).toBeCloseTo((38273.8 / 34162.0 - 1) * 100, 10);
  });

  it("skips points with no value a year earlier (no lookback)", () => {
    const history = monthly("2018-01", [10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23]);
    const result = applyTransform(history, "yoy", null);
    expect(result).toEqual([
      { date: "2019-01-01", value: (22 / 10 - 1) * 100 },
      { date: "2019-02-01", value: (23 / 11 - 1) * 100 },
    ]);
  });

  it("takes the last value on or before the same day a year earlier (weekends in daily data)", () => {
    // 2019-06-10 is a Monday; 2018-06-10 was a Sunday, so Friday 2018-06-08 is the base.
    const history: DatedValue[] = [
      { date: "2018-06-07", value: 6.389 },
      { date: "2018-06-08", value: 6.4031 },
      { date: "2018-06-11", value: 6.4 },
      { date: "2019-06-10", value: 6.9 },
      { date: "2019-06-11", value: 6.8 },
    ];
    const result = applyTransform(history, "yoy", "2019-06-01");
    expect(result).toHaveLength(2);
    expect(result[0].date).toBe("2019-06-10");
    expect(result[0].value).toBeCloseTo((6.9 / 6.4031 - 1) * 100, 10);
    expect(result[1].value).toBeCloseTo((6.8 / 6.4 - 1) * 100, 10);
  });

  it("compares 29 Feb with 28 Feb of the year before", () => {
    const history: DatedValue[] = [
      { date: "2019-02-27", value: 1 },
      { date: "2019-02-28", value: 2 },
      { date: "2020-02-29", value: 3 },
    ];
    expect(applyTransform(history, "yoy", "2020-01-01")).toEqual([
      { date: "2020-02-29", value: 50 },
    ]);
  });

  it("skips a point whose base is more than 31 days older than a year earlier, keeps exactly 31", () => {
    const history: DatedValue[] = [
      { date: "2018-01-01", value: 100 },
      // target 2018-02-01: base 2018-01-01 is 31 days older → kept
      { date: "2019-02-01", value: 110 },
      // target 2018-02-02: base still 2018-01-01, 32 days older → skipped
      { date: "2019-02-02", value: 120 },
    ];
    expect(applyTransform(history, "yoy", "2019-01-01")).toEqual([
      { date: "2019-02-01", value: (110 / 100 - 1) * 100 },
    ]);
  });

  it("skips a point whose base is zero or negative", () => {
    // Monthly balance-like values that change sign.
    const history = monthly("2018-01", [0, -5, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 7, 6]);
    const result = applyTransform(history, "yoy", "2019-01-01");
    expect(result).toEqual([{ date: "2019-03-01", value: 50 }]);
  });

  it("returns nothing for an empty history", () => {
    expect(applyTransform([], "yoy", "2019-01-01")).toEqual([]);
    expect(applyTransform([], "index", null)).toEqual([]);
  });
});
