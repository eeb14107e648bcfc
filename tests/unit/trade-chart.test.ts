import { describe, expect, it } from "vitest";
import { buildTradeRows, millionsToBillions, TRADE_SLUGS, tradeChartSpec } from "~/lib/charts/trade";

describe("trade chart rows", () => {
  it("joins the three monthly series by month in USD bn, keeping gaps as null", () => {
    const rows = buildTradeRows(
      new Map([
        [TRADE_SLUGS.imports, [{ date: "2023-02-01", value: 31000.5 }, { date: "2023-01-01", value: 38252.860493 }]],
        [TRADE_SLUGS.exports, [{ date: "2023-01-01", value: 13092.562463 }]],
        [TRADE_SLUGS.balance, [{ date: "2023-01-01", value: -25160.29803 }]],
      ]),
    );
    expect(rows).toEqual([
      { date: "2023-01-01", exportsUsdBn: 13.092562, importsUsdBn: 38.252860, balanceUsdBn: -25.160298 },
      { date: "2023-02-01", exportsUsdBn: null, importsUsdBn: 31.0005, balanceUsdBn: null },
    ]);
    expect(millionsToBillions(293.1)).toBe(0.2931);
  });

  it("charts exactly the rows' values, skipping gaps", () => {
    const spec = tradeChartSpec(
      [{ date: "2023-02-01", exportsUsdBn: null, importsUsdBn: 31, balanceUsdBn: null }],
      "2023-01-01",
      null,
    );
    expect(spec.datasets.map((set) => set.data.length)).toEqual([1, 0, 0]);
    expect(spec.xMin).toBe("2023-01-01");
  });
});
