import { describe, expect, it } from "vitest";
import {
  formatMark,
  formatTick,
  inferFrequency,
  missingSpans,
  periodTitle,
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
    expect(formatMark(7.1, "fx")).toBe("7.100");
    expect(unitAfterValue("usd_bn", "USD bn")).toBe("");
    expect(unitAfterValue("percent", "percent")).toBe("");
    expect(unitAfterValue("fx", "CNY per USD")).toBe(" CNY per USD");
  });
});

describe("period titles", () => {
  it("name the month for monthly values and the day for dated ones", () => {
    expect(inferFrequency(["2019-05-01", "2019-06-01", "2019-07-01"])).toBe("monthly");
    expect(inferFrequency(["2019-06-03", "2019-06-04"])).toBe("daily");
    expect(inferFrequency(["2019-06-01", "2019-06-02"])).toBe("daily");
    expect(periodTitle("2019-06-01", "monthly")).toBe("Jun 2019");
    expect(periodTitle("2019-06-01", "daily")).toBe("1 Jun 2019");
  });
});

describe("missing spans", () => {
  it("run from the first missing period to where the line resumes, once per span", () => {
    const months = (values: (number | null)[]) =>
      values.map((y, i) => ({ x: `2023-${String(i + 1).padStart(2, "0")}-01`, y }));
    const spans = missingSpans([
      { label: "Exports", data: months([1, null, null, 2, null, 3]) },
      { label: "Balance", data: months([1, null, null, 2, 4, 3]) },
      { label: "Imports", data: months([1, 2, 3, 4, 5, 6]) },
    ]);
    expect(spans).toEqual([
      { from: "2023-02-01", until: "2023-04-01", series: ["Exports", "Balance"] },
      { from: "2023-05-01", until: "2023-06-01", series: ["Exports"] },
    ]);
  });
});

describe("wrapWords", () => {
  it("keeps every line within the width", () => {
    const lines = wrapWords("one two three four five six", 9, (s) => s.length);
    expect(lines).toEqual(["one two", "three", "four five", "six"]);
  });
});
