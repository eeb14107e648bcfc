import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  createSeriesParser,
  parseDayMonYear,
  parseMonthYear,
  parseNumber,
  parseSeriesFile,
} from "~/lib/import";

const FIXTURES = path.resolve(__dirname, "../fixtures/upstream");
const NAMES = fs.readdirSync(FIXTURES).filter((name) => name.endsWith(".csv"));

/** Feed a text in the given pieces and collect what comes out. */
function streamed(text: string, cuts: number[], fileName: string) {
  const points: string[] = [];
  const events: string[] = [];
  const parser = createSeriesParser({
    fileName,
    onPoint: (column, date, value, line) => points.push(`${column}|${date}|${value}|${line}`),
    onEvent: (event) => events.push(`${event.date}|${event.action}|${event.line}`),
  });
  let start = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    parser.write(text.slice(start, cut));
    start = cut;
  }
  parser.write(text.slice(start));
  parser.end();
  return { points, events, errors: parser.errors, format: parser.format, missing: parser.missing };
}

describe("streaming parser", () => {
  it("gives the same result however the text is split into chunks", () => {
    for (const name of NAMES) {
      const text = fs.readFileSync(path.join(FIXTURES, name), "utf8");
      const whole = streamed(text, [], name);
      expect(whole.errors).toEqual([]);
      fc.assert(
        fc.property(
          fc.array(fc.integer({ min: 0, max: text.length }), { maxLength: 12 }),
          (cuts) => {
            expect(streamed(text, cuts, name)).toEqual(whole);
          },
        ),
        { numRuns: 40 },
      );
    }
  });

  it("splits a CRLF across chunks without leaving a stray carriage return", () => {
    const text = "date,v\r\n2020-01-01,1\r\n2020-01-02,2\r\n";
    const cut = text.indexOf("\n", 10);
    expect(streamed(text, [cut], "t.csv").points).toEqual(["0|2020-01-01|1|2", "0|2020-01-02|2|3"]);
  });

  it("tracks whether dates only increase, so the import can skip the duplicate check", () => {
    const parser = createSeriesParser({ fileName: "t.csv", onPoint: () => {} });
    parser.write("date,a,b\n2020-01-01,1,1\n2020-02-01,2,2\n2020-01-15,,3\n");
    parser.end();
    expect(parser.stats.map((s) => s.strictlyIncreasing)).toEqual([true, false]);
    expect(parser.stats[0]).toMatchObject({
      points: 2,
      firstDate: "2020-01-01",
      lastDate: "2020-02-01",
      allMonthStarts: true,
    });
    expect(parser.stats[1].allMonthStarts).toBe(false);
  });

  it("keeps a quoted field that spans lines as one record, numbered by its first line", () => {
    const text = 'date,v,tariff_action\n2020-01-01,1,"two\nlines"\n2020-01-02,2,x\n';
    const result = parseSeriesFile(text, "t.csv");
    expect(result.ok && result.events.map((e) => [e.action, e.line])).toEqual([
      ["two\nlines", 2],
      ["x", 4],
    ]);
  });
});

describe("cell parsing", () => {
  it("parses numbers strictly", () => {
    expect(parseNumber("3861.7000000000003")).toBe(3861.7000000000003);
    expect(parseNumber(" -7.5 ")).toBe(-7.5);
    expect(parseNumber("1e3")).toBe(1000);
    for (const bad of ["", ".", "0x10", "1,5", "n/a", "Infinity", "1.2.3"])
      expect(parseNumber(bad)).toBeNull();
    expect(parseNumber("-7,240.0", true)).toBe(-7240);
    expect(parseNumber("1,187.5", true)).toBe(1187.5);
    expect(parseNumber("12,34", true)).toBeNull();
  });

  it("parses month names and spreadsheet dates", () => {
    expect(parseMonthYear("January 2001")).toBe("2001-01-01");
    expect(parseMonthYear("Sept 2019")).toBe("2019-09-01");
    expect(parseMonthYear("2001 January")).toBeNull();
    expect(parseDayMonYear("1-Jan-18")).toBe("2018-01-01");
    expect(parseDayMonYear("27-Aug-25")).toBe("2025-08-27");
    expect(parseDayMonYear("31-Dec-99")).toBe("1999-12-31");
    expect(parseDayMonYear("29-Feb-19")).toBeNull();
  });
});
