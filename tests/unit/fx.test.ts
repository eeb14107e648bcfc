import { describe, expect, it } from "vitest";
import { createFxTable, formatMarketRate, marketQuote, toUsd } from "~/lib/fx";

const table = createFxTable({
  GBP: [
    { date: "2019-06-28", value: 1.2704 },
    { date: "2019-06-27", value: 1.2669 },
  ],
  CNY: [{ date: "2019-06-28", value: 6.865 }],
  JPY: [{ date: "2019-06-28", value: 107.84 }],
});

describe("fx lookup", () => {
  it("uses the last published rate on or before the date, in USD per unit", () => {
    expect(table.rateOn("GBP", "2019-06-29")).toEqual({
      currency: "GBP",
      date: "2019-06-28",
      usdPerUnit: 1.2704,
    });
    expect(table.rateOn("gbp", "2019-06-27")?.usdPerUnit).toBe(1.2669);
    expect(table.rateOn("CNY", "2019-07-01")?.usdPerUnit).toBeCloseTo(1 / 6.865, 12);
    expect(table.rateOn("GBP", "2019-01-01")).toBeNull();
    expect(table.rateOn("EUR", "2019-07-01")).toBeNull();
  });

  it("converts amounts, passing USD through", () => {
    expect(toUsd(table, 159.2e9, "GBP", "2019-06-29")).toBeCloseTo(202.25e9, -7);
    expect(toUsd(table, 200e9, "USD", "2019-06-29")).toBe(200e9);
    expect(toUsd(table, 60e9, "CNY", "2019-06-29")).toBeCloseTo(60e9 / 6.865, 0);
    expect(toUsd(table, 1, "XYZ", "2019-06-29")).toBeNull();
    expect(toUsd(table, 1, null, "2019-06-29")).toBeNull();
  });
});

describe("market convention", () => {
  it("quotes yuan and yen per dollar and dollars per pound and euro", () => {
    expect(formatMarketRate("CNY", 1 / 7.1328)).toBe("7.1328 CNY per USD");
    expect(formatMarketRate("jpy", 1 / 107.84)).toBe("107.84 JPY per USD");
    expect(formatMarketRate("GBP", 1.2704)).toBe("1.2704 USD per GBP");
    expect(marketQuote("EUR", 1.1374)).toEqual({ value: 1.1374, unit: "USD per EUR" });
  });
});
