import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatParseError, parseSeriesFile } from "~/lib/import";

const FIXTURES = path.resolve(__dirname, "../fixtures/upstream");

function fixture(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, name), "utf8");
}

/** Replace the whole of one line (1-based) of a fixture, keeping its line ending. */
function withLine(text: string, line: number, replacement: string): string {
  const lines = text.split("\n");
  const ending = lines[line - 1].endsWith("\r") ? "\r" : "";
  lines[line - 1] = replacement + ending;
  return lines.join("\n");
}

function firstError(text: string, fileName: string) {
  const result = parseSeriesFile(text, fileName);
  expect(result.ok).toBe(false);
  if (result.ok) throw new Error("expected an error");
  return result.error;
}

describe("bad rows", () => {
  it("reports an unparseable date with file, line and column", () => {
    const text = withLine(fixture("DEXCHUS.excerpt.csv"), 5, "1981-02-30,1.5264");
    expect(firstError(text, "DEXCHUS.csv")).toEqual({
      file: "DEXCHUS.csv",
      line: 5,
      column: "DATE",
      reason: 'unparseable date "1981-02-30"',
    });
  });

  it("reports an unparseable month name in the Census page copy", () => {
    const text = withLine(
      fixture("usa-china-trade-data.excerpt.csv"),
      3,
      "Febuary 2001;1,289.8;6,375.6;-5,085.8",
    );
    expect(firstError(text, "c5700.csv")).toEqual({
      file: "c5700.csv",
      line: 3,
      column: "Month",
      reason: 'unparseable date "Febuary 2001"',
    });
  });

  it("reports an unparseable d-Mon-yy date in the PIIE sheet", () => {
    const text = withLine(
      fixture("CSCI5609_Project_Dataset - Sheet1.excerpt.csv"),
      3,
      "US Section 201 tariffs imposed on solar panels and washing machines,7-Fbr-18,8.0,8.0,3.2,2.2",
    );
    expect(firstError(text, "piie.csv")).toMatchObject({
      line: 3,
      column: "Date",
      reason: 'unparseable date "7-Fbr-18"',
    });
  });

  it("reports a non-numeric value", () => {
    const text = withLine(fixture("fx_usd_cny_daily.excerpt.csv"), 4, "1981-01-06,n/a");
    expect(firstError(text, "fx_usd_cny_daily.csv")).toEqual({
      file: "fx_usd_cny_daily.csv",
      line: 4,
      column: "cny_per_usd",
      reason: 'non-numeric value "n/a"',
    });
  });

  it("reports a non-numeric value in a named Census month cell", () => {
    const text = fixture("country.xlsx__CTY_CODE_5700_extract.excerpt.csv").replace(
      "1986,5700,China,459.5,376.6,",
      "1986,5700,China,459.5,x376.6,",
    );
    expect(firstError(text, "country.csv")).toEqual({
      file: "country.csv",
      line: 3,
      column: "IFEB",
      reason: 'non-numeric value "x376.6"',
    });
  });

  it("rejects thousands separators outside the Census page layout", () => {
    const text = withLine(fixture("IMPCH.excerpt.csv"), 2, "1985-01-01,1,293.1");
    expect(firstError(text, "IMPCH.csv")).toMatchObject({
      line: 2,
      column: null,
      reason: "expected 2 fields, found 3",
    });
  });

  it("reports a duplicate date with a different value at the second occurrence", () => {
    const text = fixture("IMPCH.excerpt.csv") + "1985-02-01,281.5\n";
    expect(firstError(text, "IMPCH.csv")).toEqual({
      file: "IMPCH.csv",
      line: 17,
      column: "IMPCH",
      reason: "duplicate date 1985-02-01 with a different value (281.5 here, 281 at line 3)",
    });
  });

  it("accepts a duplicate date with the same value once", () => {
    const result = parseSeriesFile(
      fixture("IMPCH.excerpt.csv") + "1985-02-01,281.000000\n",
      "IMPCH.csv",
    );
    expect(result.ok && result.columns[0].points).toHaveLength(15);
  });

  it("reports an unknown layout naming the header it saw", () => {
    const text = "period,amount\n2020-01-01,1\n";
    expect(firstError(text, "mystery.csv")).toEqual({
      file: "mystery.csv",
      line: 1,
      column: null,
      reason: 'unknown layout: header "period,amount"',
    });
  });

  it("reports an empty file", () => {
    expect(firstError("", "empty.csv")).toMatchObject({ line: 1, reason: "empty file: no header" });
  });

  it("reports a catalogued column missing from the header", () => {
    const result = parseSeriesFile(fixture("fx_usd_cny_daily.excerpt.csv"), "fx.csv", {
      columns: ["usd_per_cny"],
    });
    expect(!result.ok && result.error).toEqual({
      file: "fx.csv",
      line: 1,
      column: "usd_per_cny",
      reason: "column missing from header",
    });
  });

  it("reports an unterminated quoted field at the line it starts", () => {
    const text =
      fixture("tariffs_us_china_piie_timeline.excerpt.csv") +
      '2025-01-01,1,1,1,1,1,1,"open label\n';
    expect(firstError(text, "piie.csv")).toMatchObject({
      line: 17,
      column: null,
      reason: "unterminated quoted field",
    });
  });

  it("collects every bad row, not just the first", () => {
    let text = fixture("fx_usd_cny_daily.excerpt.csv");
    text = withLine(text, 3, "1981-01-05,x");
    text = withLine(text, 7, "1981-13-01,1.5");
    const result = parseSeriesFile(text, "fx.csv");
    expect(!result.ok && result.errors.map((e) => [e.line, e.column])).toEqual([
      [3, "cny_per_usd"],
      [7, "date"],
    ]);
  });
});

describe("formatParseError", () => {
  it("formats errors as file:line: column <col>: <reason>", () => {
    expect(
      formatParseError({
        file: "a.csv",
        line: 7,
        column: "IMPCH",
        reason: 'non-numeric value "x"',
      }),
    ).toBe('a.csv:7: column IMPCH: non-numeric value "x"');
    expect(
      formatParseError({ file: "a.csv", line: 1, column: null, reason: "unknown layout" }),
    ).toBe("a.csv:1: unknown layout");
    expect(
      formatParseError({ file: "a.csv", line: 0, column: null, reason: "file not found" }),
    ).toBe("a.csv: file not found");
  });
});

describe("a value that is not a number, and a file with nothing in it", () => {
  const errorsOf = (text: string, fileName = "prices.csv") => {
    const result = parseSeriesFile(text, fileName);
    if (result.ok) throw new Error(`expected ${JSON.stringify(text)} to be refused`);
    return result.errors;
  };

  it.each([
    ["N/A", "N/A"],
    ["1e400", "1e400"],
    ["NaN", "NaN"],
    ['"6,8"', "6,8"],
    ["Infinity", "Infinity"],
  ])("reports a first value %s as an error naming file, line and column", (cell, shown) => {
    expect(errorsOf(`date,price\n2035-01-02,${cell}\n2035-01-03,6.9\n`)).toEqual([
      { file: "prices.csv", line: 2, column: "price", reason: `non-numeric value "${shown}"` },
    ]);
  });

  it("reports the same value after a number", () => {
    expect(errorsOf("date,price\n2035-01-02,6.8\n2035-01-03,1e400\n")).toEqual([
      { file: "prices.csv", line: 3, column: "price", reason: 'non-numeric value "1e400"' },
    ]);
  });

  it("quotes a 10 MB numeric cell cut short", () => {
    const huge = "7".repeat(10 * 1024 * 1024);
    const [error] = errorsOf(`date,price\n2035-01-02,${huge}\n2035-01-03,6.9\n`);
    expect(error).toEqual({
      file: "prices.csv",
      line: 2,
      column: "price",
      reason: `non-numeric value "${"7".repeat(40)}…"`,
    });
  });

  it("reports a column holding no number at all", () => {
    expect(errorsOf("date,price\n2035-01-02,N/A\n2035-01-03,N/A\n")).toEqual([
      { file: "prices.csv", line: 1, column: null, reason: "no numeric values in any column" },
    ]);
  });

  it("still leaves out a text column beside numbers", () => {
    const result = parseSeriesFile(
      "date,price,source\n2035-01-02,6.8,desk\n2035-01-03,6.9,desk\n",
      "prices.csv",
    );
    expect(result).toMatchObject({ ok: true, ignoredColumns: ["source"] });
    if (result.ok) expect(result.columns.map((column) => column.name)).toEqual(["price"]);
  });

  it("accepts what the format defines as missing when the file has values too", () => {
    const fred = parseSeriesFile("DATE,DEXCHUS\n2035-01-02,.\n2035-01-03,6.9\n", "DEXCHUS.csv");
    expect(fred).toMatchObject({ ok: true, missing: 1 });
    const tidy = parseSeriesFile("date,price\n2035-01-02,\n2035-01-03,6.9\n", "prices.csv");
    expect(tidy).toMatchObject({ ok: true, missing: 1 });
  });

  it("refuses '.' where the format does not define it as missing", () => {
    expect(errorsOf("date,price\n2035-01-02,6.8\n2035-01-03,.\n")).toEqual([
      { file: "prices.csv", line: 3, column: "price", reason: 'non-numeric value "."' },
    ]);
  });

  it.each([
    ["an empty file", "", "empty file: no header"],
    ["a header-only file", "date,price\n", "no data rows: the file has only a header"],
    ["a FRED header-only file", "DATE,DEXCHUS\n", "no data rows: the file has only a header"],
    [
      "a tidy file whose values are all missing",
      "date,price\n2035-01-02,\n2035-01-03,\n",
      "no values: every data cell is empty or missing",
    ],
    [
      "a FRED file whose values are all missing",
      "DATE,DEXCHUS\n2035-01-02,.\n2035-01-03,.\n",
      "no values: every data cell is empty or missing",
    ],
  ])("refuses %s", (_what, text, reason) => {
    expect(errorsOf(text)).toEqual([{ file: "prices.csv", line: 1, column: null, reason }]);
  });
});

describe("dates outside the accepted span (1900–2100, as in URLs and articles)", () => {
  const span = "outside the accepted span (1900–2100)";
  const errorsOf = (text: string, fileName: string) => {
    const result = parseSeriesFile(text, fileName);
    if (result.ok) throw new Error(`expected ${fileName} to be refused`);
    return result.errors;
  };

  it.each([
    [
      "a FRED file (the byte-level fast path)",
      "DATE,DEXCHUS\n2019-01-02,6.8\n1899-12-31,6.9\n",
      "DEXCHUS.csv",
      3,
      "DATE",
      "1899-12-31",
    ],
    [
      "a FRED file's first line",
      "observation_date,DEXCHUS\n2101-01-01,6.8\n",
      "DEXCHUS.csv",
      2,
      "observation_date",
      "2101-01-01",
    ],
    [
      "a tidy CSV",
      "date,price\n2035-01-02,6.8\n0000-01-01,6.9\n",
      "prices.csv",
      3,
      "date",
      "0000-01-01",
    ],
    [
      "a tidy CSV with several columns",
      "date,a,b\n9999-12-31,1,2\n",
      "ab.csv",
      2,
      "date",
      "9999-12-31",
    ],
    [
      "the Census page copy",
      "Month;Exports;Imports;Balance\nJanuary 1850;1.0;2.0;-1.0\n",
      "c5700.csv",
      2,
      "Month",
      "January 1850",
    ],
    [
      "the PIIE sheet",
      "Tariff action,Date,Chinese tariffs on ROW exports,Chinese tariffs on US exports,US tariffs on Chinese exports,US tariffs on ROW exports\nsomething,7-Feb-2118,8.0,8.0,3.2,2.2\n",
      "piie.csv",
      2,
      "Date",
      "7-Feb-2118",
    ],
  ])(
    "refuses a date in %s, naming file, line and column",
    (_name, text, fileName, line, column, date) => {
      expect(errorsOf(text, fileName)).toEqual([
        { file: fileName, line, column, reason: `date "${date}" is ${span}` },
      ]);
    },
  );

  it("refuses a year outside it in the Census country extract", () => {
    const text = withLine(
      fixture("country.xlsx__CTY_CODE_5700_extract.excerpt.csv"),
      2,
      fixture("country.xlsx__CTY_CODE_5700_extract.excerpt.csv")
        .split("\r\n")[1]
        .replace(/^1985/, "1885"),
    );
    expect(errorsOf(text, "country.csv")[0]).toEqual({
      file: "country.csv",
      line: 2,
      column: "year",
      reason: `year 1885 is ${span}`,
    });
  });

  it("accepts the span's first and last days", () => {
    const result = parseSeriesFile("date,price\n1900-01-01,1\n2100-12-31,2\n", "prices.csv");
    if (!result.ok) throw new Error("expected the span's edges to be accepted");
    expect(result.columns[0].points.map((point) => point.date)).toEqual([
      "1900-01-01",
      "2100-12-31",
    ]);
  });
});
