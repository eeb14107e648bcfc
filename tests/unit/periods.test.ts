import { describe, expect, it } from "vitest";
import {
  addMonths,
  formatPeriod,
  gapPeriods,
  listGaps,
  monthEnd,
  monthlyWithGaps,
  monthsBetween,
  periodEnd,
} from "~/lib/charts/periods";

describe("formatPeriod", () => {
  it("names a month for monthly data, a year for annual data and a day only for daily data", () => {
    expect(formatPeriod("2025-12-01", "monthly")).toBe("Dec 2025");
    expect(formatPeriod("2025-01-01", "annual")).toBe("2025");
    expect(formatPeriod("2025-11-14", "daily")).toBe("14 Nov 2025");
    expect(formatPeriod("2025-11-14", "step")).toBe("14 Nov 2025");
  });
});

describe("month arithmetic", () => {
  it("moves across year ends and finds month ends, leap Februaries included", () => {
    expect(addMonths("2023-12-01", 1)).toBe("2024-01-01");
    expect(addMonths("2023-01-15", -1)).toBe("2022-12-01");
    expect(monthEnd("2024-02-01")).toBe("2024-02-29");
    expect(monthEnd("2023-02-10")).toBe("2023-02-28");
    expect(periodEnd("2025-12-01", "monthly")).toBe("2025-12-31");
    expect(periodEnd("2024-01-01", "annual")).toBe("2024-12-31");
    expect(periodEnd("2025-09-26", "daily")).toBe("2025-09-26");
  });

  it("counts months by digits without losing what the date parsing used to accept", () => {
    expect(addMonths("2019-06-30", -30)).toBe("2016-12-01");
    expect(addMonths("0999-12-01", 1)).toBe("1000-01-01");
    expect(addMonths("2025-1-01", 1)).toBe("2025-02-01");
    expect(monthsBetween("2024-11-15", "2025-02-01")).toEqual([
      "2024-11-01",
      "2024-12-01",
      "2025-01-01",
      "2025-02-01",
    ]);
    expect(monthsBetween("2025", "2025-03-01")).toEqual(["2025-01-01", "2025-02-01", "2025-03-01"]);
    expect(monthsBetween("2025-03-01", "2025-02-28")).toEqual([]);
    expect(monthsBetween("n/a", "2025-03-01")).toEqual([]);
  });
});

describe("monthlyWithGaps", () => {
  const points = [
    { date: "2023-01-01", value: 1 },
    { date: "2023-04-01", value: 4 },
  ];
  it("lists every month of the range inside the series' span, null where missing", () => {
    expect(
      monthlyWithGaps(
        points,
        { from: "2022-11-01", to: "2023-06-30" },
        { first: "2023-01-01", last: "2023-04-01" },
      ),
    ).toEqual([
      { date: "2023-01-01", value: 1 },
      { date: "2023-02-01", value: null },
      { date: "2023-03-01", value: null },
      { date: "2023-04-01", value: 4 },
    ]);
  });
  it("starts at the first whole month of a range that starts mid-month, and is empty with no span", () => {
    expect(
      monthlyWithGaps(
        points,
        { from: "2023-01-15", to: null },
        { first: "2023-01-01", last: "2023-04-01" },
      ).map((p) => p.date),
    ).toEqual(["2023-02-01", "2023-03-01", "2023-04-01"]);
    expect(monthlyWithGaps(points, { from: null, to: null }, null)).toEqual([]);
  });
});

describe("gapPeriods", () => {
  it("groups consecutive missing months with one reason and labels them", () => {
    const values = [
      { date: "2022-11-01", value: null, note: "a" },
      { date: "2022-12-01", value: null, note: "a" },
      { date: "2023-01-01", value: null, note: "a" },
      { date: "2023-02-01", value: 2 },
      { date: "2023-03-01", value: null, note: "a" },
      { date: "2023-04-01", value: null, note: "b" },
    ];
    const gaps = gapPeriods(values, "monthly");
    expect(gaps).toEqual([
      { from: "2022-11-01", to: "2023-01-31", label: "Nov 2022 – Jan 2023", reason: "a" },
      { from: "2023-03-01", to: "2023-03-31", label: "Mar 2023", reason: "a" },
      { from: "2023-04-01", to: "2023-04-30", label: "Apr 2023", reason: "b" },
    ]);
    expect(listGaps(gaps)).toBe("Nov 2022 – Jan 2023, Mar 2023 and Apr 2023");
    expect(listGaps([])).toBe("");
  });
});
