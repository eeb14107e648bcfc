import { describe, expect, it } from "vitest";
import { formatChartValue } from "~/lib/charts/spec";

describe("chart value formats", () => {
  it("writes money in USD bn with one decimal, small amounts in millions", () => {
    expect(formatChartValue(200, "usd_bn")).toBe("$200.0bn");
    expect(formatChartValue(-23.7, "usd_bn")).toBe("−$23.7bn");
    expect(formatChartValue(0.34, "usd_bn")).toBe("$340.0m");
    expect(formatChartValue(0, "usd_bn")).toBe("$0.0bn");
    expect(formatChartValue(7.1234, "fx")).toBe("7.1234");
    expect(formatChartValue(1 / 1.2684, "fx")).toBe("0.7884");
    expect(formatChartValue(25, "percent")).toBe("25.0%");
  });
});
