import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readDateValuePoints } from "~/lib/import";
import { copyNumber, createSeriesParser, parseSeriesFile } from "~/lib/import/parser";

const FIXTURES = path.resolve(__dirname, "../fixtures/upstream");

/** Feed `bytes` cut at `cuts`: the header first, then the rest, as the import does. */
function feed(
  bytes: Uint8Array,
  cuts: number[],
  mode: "csv" | "points",
): {
  out: string;
  errors: unknown;
  stats: unknown;
  missing: number;
  records: number;
  dateValueLines: boolean;
} {
  let out = "";
  const parser = createSeriesParser({
    fileName: "t.csv",
    onPoint(_column, date, value, _line, text) {
      // As the import does: a file with an error sends nothing more to the database.
      if (parser.errorCount === 0) out += `${date},${copyNumber(value, text)}\n`;
    },
  });
  const decoder = new TextDecoder();
  const pieces: Uint8Array[] = [];
  let start = 0;
  for (const cut of [...new Set(cuts)].sort((a, b) => a - b)) {
    pieces.push(bytes.subarray(start, cut));
    start = cut;
  }
  pieces.push(bytes.subarray(start));
  let headerDone = false;
  let dateValueLines = false;
  for (const piece of pieces) {
    if (headerDone) {
      parser.writeBytes(piece);
      continue;
    }
    const rest = parser.writeHeaderBytes(piece);
    if (rest === null) continue;
    headerDone = true;
    dateValueLines = parser.dateValueLines;
    if (mode === "csv" && dateValueLines) {
      parser.emitCsv((part) => {
        out += decoder.decode(part, { stream: true });
      });
    }
    parser.writeBytes(rest);
  }
  parser.end();
  if (mode === "csv") {
    // COPY reads a stream's line ending from its first line and refuses the other one after it.
    expect(new Set(out.match(/\r?\n/g)).size, JSON.stringify(out)).toBeLessThanOrEqual(1);
    expect(out).not.toMatch(/\r(?!\n)/);
    out = out.replace(/\r\n/g, "\n");
  }
  return {
    out: sameNumbers(out),
    errors: parser.errors,
    stats: parser.stats,
    missing: parser.missing,
    records: parser.records,
    dateValueLines,
  };
}

/** CSV lines with each number written the one way JavaScript reads it (`0.0` and `0` are one value). */
function sameNumbers(csv: string): string {
  return csv.replace(/,(.*)$/gm, (_, cell: string) => {
    const value = Number(cell);
    return `,${Object.is(value, -0) ? "-0" : String(value)}`;
  });
}

const day = fc
  .record({
    // Mostly within DATE_SPAN, so the byte scan often reads many lines before one stops it.
    year: fc.oneof(
      { weight: 9, arbitrary: fc.integer({ min: 1900, max: 2100 }) },
      fc.integer({ min: 1, max: 9999 }),
    ),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 31 }),
  })
  .map(
    ({ year, month, day }) =>
      `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`,
  );

const value = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
  {
    weight: 4,
    arbitrary: fc
      .tuple(fc.integer({ min: -99999, max: 99999 }), fc.integer({ min: 0, max: 9999 }))
      .map(([a, b]) => `${a}.${b}`),
  },
  fc.constantFrom("", ".", " 7", "1e3", "1e-400", "-0", "abc", "5€", '"5"', "1.", ".5", "+2"),
  fc.constantFrom("9".repeat(45), `1${"0".repeat(400)}`),
);

const line = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(day, value).map(([d, v]) => `${d},${v}`) },
  { weight: 1, arbitrary: fc.constantFrom("", "  ", "2020-01-01", "2020-1-01,5", "x,y,z") },
);

const file = fc
  .record({
    header: fc.constantFrom("observation_date,X", "DATE,X", "date,value", "date,a,b"),
    // Each line with whether, in a file of mixed endings, the line before it ends the other way.
    lines: fc.array(
      fc.tuple(
        line,
        fc.nat(9).map((n) => n === 0),
      ),
      { maxLength: 40 },
    ),
    ending: fc.constantFrom("\n", "\r\n"),
    mixed: fc.boolean(),
    finalNewline: fc.boolean(),
    finalCr: fc.boolean(),
  })
  .map(({ header, lines, ending, mixed, finalNewline, finalCr }) => {
    const other = ending === "\n" ? "\r\n" : "\n";
    let text = header;
    for (const [line, endedOtherwise] of lines)
      text += (mixed && endedOtherwise ? other : ending) + line;
    return text + (finalNewline ? ending : finalCr ? "\r" : "");
  });

describe("date,value lines passed through as CSV", () => {
  it("give exactly the points, counts and errors of the general reader, however the bytes are cut", () => {
    fc.assert(
      fc.property(file, fc.array(fc.nat(), { maxLength: 8 }), (text, rawCuts) => {
        const bytes = Buffer.from(text, "utf8");
        const cuts = rawCuts.map((cut) => cut % (bytes.length + 1));
        const general = feed(bytes, [], "points");
        const passed = feed(bytes, cuts, "csv");
        expect(passed).toEqual(general);
      }),
      { numRuns: 600 },
    );
  });

  it("agree with the general reader on every real FRED and tidy excerpt", () => {
    const names = fs.readdirSync(FIXTURES).filter((name) => name.endsWith(".csv"));
    let passedThrough = 0;
    for (const name of names) {
      const bytes = fs.readFileSync(path.join(FIXTURES, name));
      const general = feed(bytes, [], "points");
      if (general.dateValueLines) passedThrough++;
      expect(feed(bytes, [7, 100, 101, 1000], "csv"), name).toEqual(general);
    }
    expect(passedThrough).toBeGreaterThanOrEqual(3);
  });

  it("passes canonical lines on byte for byte and leaves missing values out", () => {
    const text = "DATE,X\n2020-01-01,1.50\n2020-01-02,.\n\n2020-01-03,-0.25\n2020-01-04,";
    const parser = createSeriesParser({ fileName: "t.csv", onPoint: () => {} });
    const rest = parser.writeHeaderBytes(Buffer.from(text));
    let out = "";
    parser.emitCsv((part) => (out += Buffer.from(part).toString("utf8")));
    parser.writeBytes(rest!);
    parser.end();
    expect(out).toBe("2020-01-01,1.50\n2020-01-03,-0.25\n");
    expect(parser).toMatchObject({ missing: 2, records: 4, errors: [] });
  });

  it("reads the rest the general way after the first line not in the exact form, with the right line numbers", () => {
    const text = "DATE,X\n2020-01-01,1\n2020-01-02, 2\n2020-02-30,3\n2020-01-04,4\n2020-01-05,x\n";
    const result = feed(Buffer.from(text), [], "csv");
    // Nothing after the first error reaches the database: the file will be rejected.
    expect(result.out).toBe("2020-01-01,1\n2020-01-02,2\n");
    expect(result.errors).toEqual([
      { file: "t.csv", line: 4, column: "DATE", reason: 'unparseable date "2020-02-30"' },
      { file: "t.csv", line: 6, column: "X", reason: 'non-numeric value "x"' },
    ]);
  });

  it("reports a first value that is not a number, as the general reader does", () => {
    const text = "date,label\n2020-01-01,n/a\n2020-01-02,5\n";
    const result = feed(Buffer.from(text), [], "csv");
    expect(result).toMatchObject({
      out: "",
      errors: [{ file: "t.csv", line: 2, column: "label", reason: 'non-numeric value "n/a"' }],
    });
    expect(result).toEqual(feed(Buffer.from(text), [], "points"));
  });

  it("reports a value past the scan's number length the general way, cut short in the message", () => {
    const huge = "9".repeat(400);
    const text = `date,price\n2035-01-01,6.8\n2035-01-02,${huge}\n2035-01-03,6.9\n`;
    const result = feed(Buffer.from(text), [7, 30], "csv");
    expect(result.errors).toEqual([
      {
        file: "t.csv",
        line: 3,
        column: "price",
        reason: `non-numeric value "${"9".repeat(40)}…"`,
      },
    ]);
    expect(result).toEqual(feed(Buffer.from(text), [7, 30], "points"));
  });

  it("is offered only for one-series date,value layouts", () => {
    const offered = (text: string) => feed(Buffer.from(text), [], "points").dateValueLines;
    expect(offered("observation_date,X\n")).toBe(true);
    expect(offered("DATE,X\n")).toBe(true);
    expect(offered("date,value\n")).toBe(true);
    expect(offered("date,a,b\n")).toBe(false);
    expect(offered("value,date\n")).toBe(false);
    expect(offered("Month;Exports;Imports;Balance\n")).toBe(false);
  });

  it("counts values as it reads them, for progress reports", () => {
    const parser = createSeriesParser({ fileName: "t.csv", onPoint: () => {} });
    const rest = parser.writeHeaderBytes(Buffer.from("DATE,X\n2020-01-01,1\n2020-01-02,.\n"));
    parser.emitCsv(() => {});
    parser.writeBytes(rest!);
    expect([parser.points, parser.records]).toEqual([1, 2]);
    parser.writeBytes(Buffer.from("2020-01-03, 3\n2020-01-04,4\n"));
    expect([parser.points, parser.records]).toEqual([3, 4]);
    parser.end();
    expect([parser.points, parser.records, parser.stats[0].points]).toEqual([3, 4, 3]);
  });

  it("writes zero for a decimal too small for a double, which the database would refuse", () => {
    const tiny = `0.${"0".repeat(400)}1`;
    expect(copyNumber(Number(tiny), tiny)).toBe("0");
    expect(copyNumber(-0, "-0.0")).toBe("-0");
    expect(copyNumber(1.5, "1.50")).toBe("1.50");
    // eslint-disable-next-line no-loss-of-precision -- the point: a literal below the double range
    expect(copyNumber(1e-400, "1e-400")).toBe("0");
  });

  it("refuses CSV output once data has been read", () => {
    const parser = createSeriesParser({ fileName: "t.csv", onPoint: () => {} });
    parser.write("DATE,X\n2020-01-01,1\n");
    expect(() => parser.emitCsv(() => {})).toThrow(/already read/);
  });
});

describe("readDateValuePoints", () => {
  /** Increasing days with plain or missing values, now and then one line from `line` put in. */
  const body = fc
    .record({
      days: fc.uniqueArray(
        fc
          .date({ min: new Date("1900-01-01"), max: new Date("2100-12-31"), noInvalidDate: true })
          .map((date) => date.toISOString().slice(0, 10)),
        { minLength: 1, maxLength: 30 },
      ),
      values: fc.infiniteStream(
        fc.oneof(
          { weight: 9, arbitrary: fc.integer({ min: -9999, max: 9999 }).map(String) },
          fc.constantFrom("", ".", "0.25"),
        ),
      ),
      odd: fc.option(fc.tuple(fc.nat(), line), { freq: 3 }),
      ending: fc.constantFrom("\n", "\r\n"),
      finalNewline: fc.nat(4).map((n) => n > 0),
    })
    .map(({ days, values, odd, ending, finalNewline }) => {
      const lines = days.sort().map((date) => `${date},${values.next().value}`);
      if (odd) lines.splice(odd[0] % (lines.length + 1), 0, odd[1]);
      return lines.join(ending) + (finalNewline ? ending : "");
    });

  it("gives the general reader's points whenever it reads a body alone, and null otherwise", () => {
    let read = 0;
    fc.assert(
      fc.property(body, fc.constantFrom("DATE,X", "date,x"), (text, header) => {
        const bytes = Buffer.from(`${header}\n${text}`);
        const points = readDateValuePoints(bytes, header.length + 1, header === "DATE,X");
        if (points === null) return;
        read++;
        const general = parseSeriesFile(bytes.toString(), "t.csv");
        expect(
          general.ok && general.columns[0].points.map(({ date, value }) => ({ date, value })),
        ).toEqual(points);
      }),
      { numRuns: 400 },
    );
    expect(read).toBeGreaterThan(100);
  });

  it("leaves anything but whole, increasing, exact lines to the general reader", () => {
    const read = (lines: string[], ending = "\n") =>
      readDateValuePoints(Buffer.from(`date,x\n${lines.join(ending)}${ending}`), 7, false);
    expect(read(["2019-01-02,1.5", "2019-01-03,-2"], "\r\n")).toEqual([
      { date: "2019-01-02", value: 1.5 },
      { date: "2019-01-03", value: -2 },
    ]);
    expect(read(["2019-01-02,1.5", "", "2019-01-04,", "2019-01-05,3"])).toHaveLength(2);
    for (const lines of [
      ["2019-01-02,1.5", "2019-01-02,1.5"], // repeated
      ["2019-01-03,1.5", "2019-01-02,1.5"], // out of order
      ["2019-02-29,1.5"], // no such day
      ["1899-12-31,1.5"], // outside the span
      ["2019-01-02,"], // no value at all
      ["2019-01-02,."], // a missing marker only in FRED files
      ["2019-01-02,1e3"],
      ["2019-01-02, 1.5"],
      ["2019-01-02,1.5,2"],
      ["2019-1-02,1.5"],
      ["2019-01-02,1.5\r", "2019-01-03,2"], // endings mixed
    ])
      expect(read(lines), lines.join(" | ")).toBeNull();
    expect(readDateValuePoints(Buffer.from("2019-01-02,1.5\n2019-01-03,2"), 0, false)).toBeNull(); // last line unended
  });
});
