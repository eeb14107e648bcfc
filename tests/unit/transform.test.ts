import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { monthlyWithGaps } from "~/lib/charts/periods";
import {
  commonIndexBase,
  oneYearBefore,
  parseTransform,
  transformUnit,
  transformValues,
  yearEarlier,
  type DatedValue,
} from "~/lib/charts/transform";
import { parseTidySeries } from "~/lib/import";

const DATA = path.resolve(__dirname, "../../data");

/** A column of a shipped tidy file, oldest first (missing cells are absent). */
function shipped(file: string, column: string): DatedValue[] {
  const parsed = parseTidySeries(readFileSync(path.join(DATA, file), "utf8"), file);
  if (!parsed.ok) throw new Error(`could not parse ${file}`);
  return parsed.series[column];
}

const exports = shipped("us_china_trade_monthly.csv", "exports_to_china_musd");
const imports = shipped("us_china_trade_monthly.csv", "imports_from_china_musd");
const months = (points: DatedValue[], from: string, to: string) =>
  monthlyWithGaps(
    points.filter((p) => p.date >= from && p.date <= to),
    { from, to },
    { first: points[0].date, last: points.at(-1)!.date },
  );

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

  it("names the comparison and the index base in the unit", () => {
    expect(transformUnit("level", "USD bn", "monthly", null)).toBe("USD bn");
    expect(transformUnit("yoy", "USD bn", "monthly", null)).toBe(
      "% change on the same month a year earlier",
    );
    expect(transformUnit("yoy", "CNY per USD", "daily", null)).toBe(
      "% change on the same day a year earlier (or the last rate up to 5 days before it)",
    );
    expect(transformUnit("index", "USD bn", "monthly", "2019-01-01")).toBe("index, Jan 2019 = 100");
    expect(transformUnit("index", "CNY per USD", "daily", "2019-01-02")).toBe(
      "index, 2 Jan 2019 = 100",
    );
  });
});

describe("year-on-year on the shipped monthly trade file", () => {
  it("compares each 2024 month with the same month of 2023 only, never an earlier month", () => {
    const rows = months(exports, "2024-01-01", "2024-12-31");
    const result = transformValues(rows, exports, "yoy", "monthly");
    expect(result.map((r) => r.date)).toEqual(rows.map((r) => r.date));
    // 2023 exports exist for Jan and Sep only (Census files shipped): the other ten months have no pair.
    const paired = result.filter((r) => r.value !== null).map((r) => r.date);
    expect(paired).toEqual(["2024-01-01", "2024-09-01"]);
    const feb = result.find((r) => r.date === "2024-02-01")!;
    expect(feb).toEqual({
      date: "2024-02-01",
      value: null,
      note: "no value a year earlier to compare with",
    });
    const value = (date: string) => exports.find((p) => p.date === date)!.value;
    expect(result[0].value).toBeCloseTo((value("2024-01-01") / value("2023-01-01") - 1) * 100, 9);
    expect(result[8].value).toBeCloseTo((value("2024-09-01") / value("2023-09-01") - 1) * 100, 9);
  });

  it("pairs every month when the year before is complete (imports 2019 on 2018)", () => {
    const rows = months(imports, "2019-01-01", "2019-12-31");
    const result = transformValues(rows, imports, "yoy", "monthly");
    expect(result).toHaveLength(12);
    const value = (date: string) => imports.find((p) => p.date === date)!.value;
    result.forEach((r) => {
      const before = oneYearBefore(r.date);
      expect(r.value).toBeCloseTo((value(r.date) / value(before) - 1) * 100, 9);
    });
  });

  it("keeps a missing month as a null row (a transform never drops a row)", () => {
    const rows = months(exports, "2023-01-01", "2023-12-31");
    expect(rows).toHaveLength(12);
    for (const transform of ["level", "yoy", "index"] as const) {
      const result = transformValues(rows, exports, transform, "monthly", "2023-01-01");
      expect(result.map((r) => r.date)).toEqual(rows.map((r) => r.date));
      expect(result.filter((r) => r.value !== null).map((r) => r.date)).toEqual([
        "2023-01-01",
        "2023-09-01",
      ]);
    }
  });
});

describe("yearEarlier", () => {
  const daily: DatedValue[] = [
    { date: "2018-06-08", value: 6.4 },
    { date: "2018-06-11", value: 6.41 },
    { date: "2018-06-14", value: 6.42 },
  ];

  it("takes the same day, or the last rate at most 5 days before it, for daily data", () => {
    expect(yearEarlier(daily, "2019-06-14", "daily")).toEqual(daily[2]);
    // 16 Jun 2018 was a Saturday: the Thursday before is 2 days earlier.
    expect(yearEarlier(daily, "2019-06-16", "daily")).toEqual(daily[2]);
    expect(yearEarlier(daily, "2019-06-19", "daily")).toEqual(daily[2]);
    expect(yearEarlier(daily, "2019-06-20", "daily")).toBeNull();
    expect(yearEarlier(daily, "2019-06-07", "daily")).toBeNull();
  });

  it("takes only the same month for monthly data", () => {
    const history = [{ date: "2023-01-01", value: 1 }];
    expect(yearEarlier(history, "2024-01-01", "monthly")).toEqual(history[0]);
    expect(yearEarlier(history, "2024-02-01", "monthly")).toBeNull();
  });

  it("compares 29 Feb with 28 Feb of the year before", () => {
    const history = [{ date: "2019-02-28", value: 2 }];
    expect(yearEarlier(history, "2020-02-29", "daily")).toEqual(history[0]);
  });

  it("gives no value for a non-positive base, with the reason", () => {
    const history = [
      { date: "2018-01-01", value: -3 },
      { date: "2019-01-01", value: 4 },
    ];
    expect(transformValues([history[1]], history, "yoy", "monthly")).toEqual([
      { date: "2019-01-01", value: null, note: "the value a year earlier is not positive" },
    ]);
  });
});

describe("index on one common base", () => {
  it("uses the first month both trade flows have, for a range starting on a month exports lack (from=2023-02)", () => {
    const from = "2023-02-01";
    const to = "2024-12-31";
    const importRows = months(imports, from, to);
    const exportRows = months(exports, from, to);
    const base = commonIndexBase([importRows, exportRows]);
    expect(base).toBe("2023-09-01");
    const indexedImports = transformValues(importRows, imports, "index", "monthly", base);
    const indexedExports = transformValues(exportRows, exports, "index", "monthly", base);
    expect(indexedImports.find((r) => r.date === base)!.value).toBe(100);
    expect(indexedExports.find((r) => r.date === base)!.value).toBe(100);
    // Imports before the base are still indexed to it, not to their own first month.
    const feb = indexedImports[0];
    const value = (date: string) => imports.find((p) => p.date === date)!.value;
    expect(feb.value).toBeCloseTo((value("2023-02-01") / value("2023-09-01")) * 100, 9);
  });

  it("gives null values with the reason when the series share no base", () => {
    const a = [{ date: "2020-01-01", value: 5 }];
    const b = [{ date: "2020-02-01", value: 6 }];
    expect(commonIndexBase([a, b])).toBeNull();
    expect(transformValues(a, a, "index", "monthly", null)).toEqual([
      { date: "2020-01-01", value: null, note: "no value at the common index base" },
    ]);
    expect(commonIndexBase([])).toBeNull();
  });

  it("skips a zero base", () => {
    const a = [
      { date: "2020-01-01", value: 0 },
      { date: "2020-02-01", value: 4 },
    ];
    expect(commonIndexBase([a])).toBe("2020-02-01");
  });
});
