import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseSeriesFile, parseTidySeries, type ParseResult } from "~/lib/import";

const FIXTURES = path.resolve(__dirname, "../fixtures/upstream");

function fixture(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, name), "utf8");
}

function parsed(name: string, text = fixture(name)): Extract<ParseResult, { ok: true }> {
  const result = parseSeriesFile(text, name);
  if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.errors)}`);
  return result;
}

function column(result: Extract<ParseResult, { ok: true }>, name: string) {
  const found = result.columns.find((c) => c.name === name);
  if (!found) throw new Error(`no column ${name} in ${result.columns.map((c) => c.name)}`);
  return found;
}

describe("FRED CSV", () => {
  it("reads the old layout and skips `.` rows", () => {
    const result = parsed("DEXCHUS.excerpt.csv");
    expect(result.format).toBe("fred-csv-old");
    const points = column(result, "DEXCHUS").points;
    expect(points).toHaveLength(32);
    expect(points[0]).toEqual({ date: "1981-01-02", value: 1.5341, line: 2 });
    expect(result.missing).toBe(2);
    expect(points.map((p) => p.date)).not.toContain("1981-02-12");
    expect(points.find((p) => p.line === 32)).toEqual({
      date: "1981-02-13",
      value: 1.6285,
      line: 32,
    });
  });

  it("reads the current layout and skips empty values", () => {
    const result = parsed("DEXUSUK.excerpt.csv");
    expect(result.format).toBe("fred-csv");
    const points = column(result, "DEXUSUK").points;
    expect(points).toHaveLength(30);
    expect(result.missing).toBe(2);
    expect(points.at(-1)).toEqual({ date: "1971-02-16", value: 2.4193, line: 33 });
  });

  it("reads monthly FRED values with six decimals", () => {
    const points = column(parsed("IMPCH.excerpt.csv"), "IMPCH").points;
    expect(points[0]).toEqual({ date: "1985-01-01", value: 293.1, line: 2 });
    expect(points.at(-1)).toEqual({ date: "1986-03-01", value: 401.8, line: 16 });
  });
});

describe("Census c5700 page copy", () => {
  it("reads `;`, CRLF, month names and thousands separators", () => {
    const result = parsed("usa-china-trade-data.excerpt.csv");
    expect(result.format).toBe("census-c5700-csv");
    expect(result.columns.map((c) => c.name)).toEqual(["Exports", "Imports", "Balance"]);
    expect(column(result, "Exports").points[0]).toEqual({
      date: "2001-01-01",
      value: 1187.5,
      line: 2,
    });
    expect(column(result, "Imports").points[0].value).toBe(8427.5);
    expect(column(result, "Balance").points[0].value).toBe(-7240);
    expect(column(result, "Balance").points.at(-1)).toEqual({
      date: "2002-03-01",
      value: -5638.5,
      line: 16,
    });
  });

  it("reads the last line without a line ending", () => {
    const text = fixture("usa-china-trade-data.excerpt.csv").replace(/\r\n$/, "");
    expect(column(parsed("c5700.csv", text), "Exports").points).toHaveLength(15);
  });
});

describe("Census country.xlsx extract", () => {
  const result = parsed("country.xlsx__CTY_CODE_5700_extract.excerpt.csv");

  it("turns IJAN..IDEC / EJAN..EDEC into monthly imports and exports", () => {
    expect(result.format).toBe("census-country-extract");
    const imports = column(result, "imports").points;
    const exports = column(result, "exports").points;
    expect(imports[0]).toEqual({ date: "1985-01-01", value: 293.1, line: 2 });
    expect(exports[0]).toEqual({ date: "1985-01-01", value: 319.2, line: 2 });
    expect(imports.find((p) => p.date === "2022-12-01")?.value).toBe(37302.520882);
  });

  it("skips the unpublished 0 months of the latest year but keeps January", () => {
    const imports = column(result, "imports").points;
    expect(imports.filter((p) => p.date.startsWith("2023"))).toEqual([
      { date: "2023-01-01", value: 38252.860493, line: 6 },
    ]);
    // 4 complete years + January 2023, for both flows; 11 placeholders each skipped.
    expect(imports).toHaveLength(49);
    expect(column(result, "exports").points).toHaveLength(49);
    expect(result.missing).toBe(22);
  });

  it("keeps a trailing 0 of an earlier year as a real value", () => {
    const text = fixture("country.xlsx__CTY_CODE_5700_extract.excerpt.csv").replace(
      "327.5,306.5,3861.7000000000003",
      "327.5,0,3861.7000000000003",
    );
    const imports = column(parsed("country.csv", text), "imports").points;
    expect(imports.find((p) => p.date === "1985-12-01")).toEqual({
      date: "1985-12-01",
      value: 0,
      line: 2,
    });
  });

  it("reads only China (CTY_CODE 5700)", () => {
    const lines = fixture("country.xlsx__CTY_CODE_5700_extract.excerpt.csv").split("\r\n");
    lines.splice(2, 0, lines[1].replace("5700,China", "5880,Japan"));
    const result = parsed("country.csv", lines.join("\r\n"));
    expect(column(result, "imports").points).toHaveLength(49);
  });
});

describe("PIIE timeline", () => {
  it("reads the spreadsheet export: d-Mon-yy dates and quoted labels with commas", () => {
    const result = parsed("CSCI5609_Project_Dataset - Sheet1.excerpt.csv");
    expect(result.format).toBe("piie-timeline-sheet");
    expect(result.columns.map((c) => c.name)).toEqual([
      "Chinese tariffs on ROW exports",
      "Chinese tariffs on US exports",
      "US tariffs on Chinese exports",
      "US tariffs on ROW exports",
    ]);
    const us = column(result, "US tariffs on Chinese exports").points;
    expect(us[0]).toEqual({ date: "2018-01-01", value: 3.1, line: 2 });
    expect(us.find((p) => p.date === "2018-09-24")?.value).toBe(12.1);
    expect(us.at(-1)).toEqual({ date: "2019-05-20", value: 12.0, line: 16 });
  });

  it("turns labels into PIIE events, skipping the baseline date label", () => {
    const result = parsed("CSCI5609_Project_Dataset - Sheet1.excerpt.csv");
    expect(result.events).toHaveLength(14);
    expect(result.events[1]).toMatchObject({
      date: "2018-03-23",
      source: "piie",
      action:
        "US Section 232 tariffs imposed on steel and aluminum, temporarily exempting Argentina, Australia, Brazil, EU, Canada, Mexico, and South Korea",
      line: 4,
    });
  });

  it("reads the Bown layout (label first, ISO dates) at full precision", () => {
    const result = parsed("tariffs_bown_timeline.excerpt.csv");
    expect(result.format).toBe("piie-timeline-bown");
    expect(column(result, "us_tariff_on_cn").points[0]).toEqual({
      date: "2018-01-01",
      value: 3.091533660888672,
      line: 2,
    });
    expect(result.events).toHaveLength(14);
  });
});

describe("tidy CSV", () => {
  it("reads numeric columns as series and ignores text columns", () => {
    const result = parsed("us_china_trade_monthly.excerpt.csv");
    expect(result.format).toBe("tidy-csv");
    expect(result.columns.map((c) => c.name)).toEqual([
      "exports_to_china_musd",
      "imports_from_china_musd",
      "balance_musd",
    ]);
    expect(result.ignoredColumns).toEqual(["exports_source", "imports_source"]);
    expect(column(result, "imports_from_china_musd").points).toHaveLength(19);
    expect(column(result, "exports_to_china_musd").points).toHaveLength(15);
    expect(column(result, "balance_musd").points.at(-1)).toEqual({
      date: "2025-11-01",
      value: -13942.3,
      line: 19,
    });
  });

  it("restricts series to the given columns", () => {
    const result = parseSeriesFile(fixture("us_china_trade_monthly.excerpt.csv"), "m.csv", {
      columns: ["imports_from_china_musd"],
    });
    expect(result.ok && result.columns.map((c) => c.name)).toEqual(["imports_from_china_musd"]);
  });

  it("reads the PIIE tidy file's tariff_action labels as events", () => {
    const result = parsed("tariffs_us_china_piie_timeline.excerpt.csv");
    expect(result.columns).toHaveLength(6);
    expect(result.events).toHaveLength(14);
    expect(result.events[0]).toMatchObject({
      date: "2018-02-07",
      action: "US Section 201 tariffs imposed on solar panels and washing machines",
    });
  });

  it("parseTidySeries gives points by column for the FX files", () => {
    const result = parseTidySeries(fixture("fx_usd_cny_daily.excerpt.csv"), "fx_usd_cny_daily.csv");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(Object.keys(result.series)).toEqual(["cny_per_usd"]);
    expect(result.series.cny_per_usd[0]).toEqual({ date: "1981-01-02", value: 1.5341 });
    expect(result.series.cny_per_usd).toHaveLength(15);
  });

  it("parseTidySeries refuses a non-tidy layout", () => {
    const result = parseTidySeries(fixture("DEXCHUS.excerpt.csv"), "DEXCHUS.csv");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0].reason).toBe("expected a tidy CSV, found fred-csv-old");
  });
});

describe("Section 301 events", () => {
  it("reads each row as an event with its numbers and quoted source text", () => {
    const result = parsed("section301_us_china_actions.excerpt.csv");
    expect(result.format).toBe("section301-events");
    expect(result.columns).toEqual([]);
    expect(result.events).toHaveLength(8);
    expect(result.events[0]).toMatchObject({
      date: "2018-07-06",
      source: "section301",
      actor: "US",
      measure: "Section 301",
      list: "List 1",
      action: "impose",
      rateBeforePct: null,
      rateAfterPct: 25,
      tradeCoveredUsdBn: 34,
      line: 2,
    });
    expect(result.events[0].description).toMatch(
      /^US Section 301 tariffs of 25% \(\$34 billion, List 1\)/,
    );
    expect(result.events[0].note).toContain("HTS 9903.88.01");
    expect(result.events[1]).toMatchObject({ actor: "China", list: null, rateAfterPct: null });
  });
});

describe("layout detection", () => {
  it("uses the content, not the file name", () => {
    const result = parseSeriesFile(fixture("DEXCHUS.excerpt.csv"), "us_china_trade_monthly.csv");
    expect(result.ok && result.format).toBe("fred-csv-old");
  });

  it("accepts a UTF-8 byte order mark", () => {
    const result = parseSeriesFile("\uFEFF" + fixture("IMPCH.excerpt.csv"), "IMPCH.csv");
    expect(result.ok && result.format).toBe("fred-csv");
  });
});
