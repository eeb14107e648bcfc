/**
 * The extract CLI's fast paths give exactly what the general code gives: the JSON writer the
 * bytes of `JSON.stringify([result], null, 2)` inside the array, the file decoding the extractor's
 * own result, and the plain FX reader parseTidySeries's points.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DIRECTIONS,
  extractFromText,
  FIGURE_KINDS,
  FIGURE_ROLES,
  type ExtractedFigure,
} from "~/lib/extract";
import type { FxRate, FxTable } from "~/lib/fx";
import { parseTidySeries } from "~/lib/import";
import { expandArticlePaths } from "~/models/article-files.server";
import { extractFile, threadsFor } from "../../scripts/extract";
import {
  FX_FILES,
  loadFxTableCached,
  loadFxTableFromFiles,
  plainFxPoints,
} from "../../scripts/lib/fx-files";
import {
  FIGURE_KEYS,
  ResultJsonWriter,
  type FileResult,
  type JsonFigure,
} from "../../scripts/lib/result-json";

const ROOT = path.resolve(__dirname, "../..");
const fx = loadFxTableFromFiles(path.join(ROOT, "data"));

/** The figure fields the JSON output has (the CLI's figures may carry the FX rates too). */
const jsonFields = (figures: readonly object[]) =>
  figures.map((f) => {
    const { impliedFxRate: _implied, officialFxRate: _official, ...rest } = f as ExtractedFigure;
    return rest;
  });

/** What the CLI wrote before the writer: the figures without the two FX rates, stringified. */
function expected(result: FileResult): string {
  const plain = {
    ...result,
    figures: result.figures.map((f) => {
      const { impliedFxRate: _implied, officialFxRate: _official, ...rest } = f as ExtractedFigure;
      return rest;
    }),
  };
  return JSON.stringify([plain], null, 2).slice(2, -2);
}

function written(result: FileResult, writer = new ResultJsonWriter(64)): string {
  return Buffer.from(writer.element(result)).toString("utf8");
}

const figure = (fields: Partial<Record<keyof JsonFigure, unknown>>): JsonFigure =>
  ({
    text: "$5bn",
    start: 0,
    end: 4,
    kind: "money",
    value: 5e9,
    currency: "USD",
    rateFrom: null,
    rangeLow: null,
    rangeHigh: null,
    tariffRelated: true,
    direction: "us_on_china",
    role: "goods_covered",
    inTitle: false,
    valueUsd: 5e9,
    sentence: "Tariffs on $5bn.",
    sameAs: null,
    flag: null,
    ...fields,
  }) as JsonFigure;

const result = (figures: JsonFigure[], fields: Partial<FileResult> = {}): FileResult => ({
  file: "a.txt",
  title: "Title",
  publishedAt: "2019-06-29T12:00:00.000Z",
  figures,
  errors: [],
  ...fields,
});

describe("ResultJsonWriter", () => {
  it("writes every shipped article as JSON.stringify does, figure keys in the extractor's order", () => {
    const { files } = expandArticlePaths([path.join(ROOT, "data/articles")]);
    expect(files.length).toBeGreaterThan(10);
    // Small, so that elements move to new buffers; the views returned stay intact to the end.
    const writer = new ResultJsonWriter(64);
    const views: Array<[FileResult, Uint8Array]> = [];
    let sharedSentences = 0;
    for (const { file } of files) {
      const r = extractFile(file, fx);
      expect(r.figures.length).toBeGreaterThan(0);
      for (const f of r.figures)
        expect(Object.keys(f).filter((k) => !k.endsWith("FxRate"))).toEqual(FIGURE_KEYS);
      r.figures.forEach(
        (f, i) => i > 0 && f.sentence === r.figures[i - 1].sentence && sharedSentences++,
      );
      views.push([r, writer.element(r)]);
    }
    expect(sharedSentences).toBeGreaterThan(10);
    for (const [r, view] of views) expect(Buffer.from(view).toString("utf8")).toBe(expected(r));
  });

  it("writes each kind, role and direction, and their neighbours null or not, as JSON.stringify does", () => {
    const figures: JsonFigure[] = [];
    for (const kind of [...FIGURE_KINDS, "other kind"])
      for (const role of [...FIGURE_ROLES, "other role"])
        for (const direction of [...DIRECTIONS, null, "other direction"])
          for (const tariffRelated of [true, false])
            figures.push(
              figure({
                kind,
                role,
                direction,
                tariffRelated,
                inTitle: !tariffRelated,
                rateFrom: role === "rate" ? 10 : null,
                rangeHigh: direction === "other" ? 25 : null,
                sameAs: direction === "unknown" ? 0 : null,
                flag: kind === "money" && role === "other" ? "implied rate differs" : null,
              }),
            );
    const r = result(figures);
    expect(written(r)).toBe(expected(r));
  });

  it("escapes strings and writes numbers exactly as JSON.stringify", () => {
    const strings = [
      "",
      'a "quoted" \\ backslash',
      "tab\there, new\nline, cr\r, \b\f, nul \u0000, unit sep \u001f, del \u007f",
      "café — “quotes” ¥ € £ 🇨🇳 \u2028 \u2029 \ufeff",
      "lone high \ud83c end",
      "lone low \udc00 mid",
      "reversed \udc00\ud83c pair",
      "\ud83c",
      "pair at end \ud83c\udde8",
      "x".repeat(5000) + "é",
      // past the writer's short-string loop: checked by a regular expression instead
      "long plain text with DEL \u007f and ~ ".repeat(3),
      "long text ending in a quote ".repeat(2) + '"',
      "long text with a backslash \\ and a tab \t ".repeat(2),
    ];
    const numbers = [0, -0, 1.5, -2.25, 1e21, 1e-7, 123456789012345680000, 5e-324];
    const extremes = [Number.MAX_VALUE, Number.MAX_SAFE_INTEGER, NaN, Infinity, -Infinity];
    const figures = [
      ...strings.map((s) => figure({ text: s, sentence: s, flag: s })),
      ...[...numbers, ...extremes].map((n) =>
        figure({ value: n, start: n, valueUsd: n, rangeLow: n, sameAs: n }),
      ),
    ];
    const r = result(figures, {
      title: 'Title "q" \ud800',
      errors: [
        { line: null, message: "bad \u0001 byte" },
        { line: 3, message: "é" },
      ],
    });
    expect(written(r)).toBe(expected(r));
    expect(written(result([], { title: null, publishedAt: null }))).toBe(
      expected(result([], { title: null, publishedAt: null })),
    );
  });

  it("leaves out undefined keys and lays out nested values as JSON.stringify does", () => {
    const odd = [
      figure({ text: undefined, flag: undefined }),
      Object.fromEntries(FIGURE_KEYS.map((k) => [k, undefined])) as unknown as JsonFigure,
      figure({ currency: () => 1, role: Symbol("x") }),
      figure({ flag: { a: [1, { b: "c" }], d: [] }, sameAs: [1, 2] }),
      figure({ flag: new Date(Date.UTC(2019, 5, 29)), text: { toJSON: () => undefined } }),
      figure({ flag: {}, sentence: { toJSON: (key: string) => `key ${key}` } }),
    ];
    const r = result(odd, { title: undefined } as unknown as Partial<FileResult>);
    expect(written(r)).toBe(expected(r));
    expect(() => written(result([figure({ value: 1n })]))).toThrow(TypeError);
  });

  it("matches JSON.stringify on arbitrary figures", () => {
    const scalar = fc.oneof(
      fc.string({ unit: "binary" }),
      fc.string({ unit: "grapheme" }),
      fc.double(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
    );
    const arbitraryFigure = fc.dictionary(fc.constantFrom(...FIGURE_KEYS), scalar);
    const writer = new ResultJsonWriter(16);
    fc.assert(
      fc.property(
        fc.array(arbitraryFigure, { maxLength: 5 }),
        fc.string({ unit: "binary" }),
        (fields, file) => {
          const r = result(fields.map(figure), { file });
          expect(written(r, writer)).toBe(expected(r));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("extractFile", () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "extract-fast-"));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("reads files as the extractor reads their bytes: BOMs, NULs, bad UTF-8, empty", () => {
    const body = Buffer.from("Tariffs\n2019-05-10 08:00:00\nTariffs on $200bn (£150bn) rose.\n");
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const cases = [
      body,
      Buffer.concat([bom, body]),
      Buffer.concat([bom, bom, body]),
      Buffer.concat([body, Buffer.from([0])]),
      Buffer.concat([body, Buffer.from([0xe9, 0x0a])]),
      Buffer.concat([body, Buffer.from([0xed, 0xa0, 0x80])]),
      Buffer.concat([body, Buffer.from([0xc0, 0xaf])]),
      Buffer.alloc(0),
      bom,
      Buffer.from("  \n"),
    ];
    cases.forEach((bytes, i) => {
      const file = path.join(dir, `case-${i}.txt`);
      fs.writeFileSync(file, bytes);
      const { article, figures, errors } = extractFromText(new Uint8Array(bytes), fx);
      const got = extractFile(file, fx);
      expect({ ...got, figures: jsonFields(got.figures) }).toEqual({
        file,
        title: article ? article.title : null,
        publishedAt: article ? article.publishedAt.toISOString() : null,
        figures: jsonFields(figures),
        errors,
      });
    });
  });
});

describe("plainFxPoints", () => {
  it("reads the shipped FX files exactly as parseTidySeries does", () => {
    for (const { file, column } of Object.values(FX_FILES)) {
      const bytes = fs.readFileSync(path.join(ROOT, "data", file));
      const parsed = parseTidySeries(bytes.toString("utf8"), file);
      expect(parsed.ok).toBe(true);
      const points = plainFxPoints(bytes, column);
      expect(points).not.toBeNull();
      expect(points).toEqual(parsed.ok && parsed.series[column]);
    }
  });

  it("takes only the exact header, leaving the rest to the general parser", () => {
    const plain = (text: string) => plainFxPoints(Buffer.from(text), "x");
    expect(plain("date,x\r\n2019-01-02,1.5\r\n")).toEqual([{ date: "2019-01-02", value: 1.5 }]);
    expect(plain("date,x\n2019-01-02,1.5\n")).toHaveLength(1);
    expect(plain("date,y\n2019-01-02,1.5\n")).toBeNull();
    expect(plain("date,xy\n2019-01-02,1.5\n")).toBeNull();
    expect(plain("\ufeffdate,x\n2019-01-02,1.5\n")).toBeNull();
    expect(plain('date,"x"\n2019-01-02,1.5\n')).toBeNull();
    expect(plain("date,x\n2019-01-02,1.5\n2019-01-02,1.5\n")).toBeNull(); // body: see readDateValuePoints
  });
});

describe("loadFxTableCached", () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "extract-fx-cache-"));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** Every currency's rate on every 9th day from 1970 to 2027 (on or before each date). */
  const rates = (table: FxTable) => {
    const out: Array<FxRate | null> = [];
    for (let day = Date.UTC(1970, 0, 1); day < Date.UTC(2027, 0, 1); day += 9 * 86_400_000)
      for (const currency of ["CNY", "GBP", "EUR", "JPY", "XYZ"])
        out.push(table.rateOn(currency, new Date(day).toISOString().slice(0, 10)));
    return out;
  };

  it("gives the files' rates, and reads the files again when they or the parser change", () => {
    const dataDir = path.join(dir, "data");
    fs.mkdirSync(dataDir);
    // whole seconds, which utimes can set back exactly
    const time = 1_700_000_000;
    for (const { file } of Object.values(FX_FILES)) {
      fs.copyFileSync(path.join(ROOT, "data", file), path.join(dataDir, file));
      fs.utimesSync(path.join(dataDir, file), time, time);
    }
    const parser = path.join(dir, "parser.mjs");
    fs.writeFileSync(parser, "// version 1\n");
    const cache = path.join(dir, "fx.cache");
    const expected = rates(loadFxTableFromFiles(dataDir));
    expect(expected.filter((rate) => rate !== null).length).toBeGreaterThan(5000);

    expect(rates(loadFxTableCached(dataDir, cache, parser))).toEqual(expected);
    expect(fs.existsSync(cache)).toBe(true);
    expect(rates(loadFxTableCached(dataDir, cache, parser))).toEqual(expected);

    // The cache is what is read: a value changed in place under the same size, time and inode
    // (what the key cannot see) does not show.
    const gbp = path.join(dataDir, FX_FILES.GBP.file);
    const original = fs.readFileSync(gbp, "utf8");
    const lastRate = original.trimEnd().split("\n").at(-1)!;
    const changedRate = lastRate.replace(/,(\d)/, (_, d: string) => `,${(Number(d) + 1) % 10}`);
    fs.writeFileSync(gbp, original.replace(lastRate, changedRate));
    fs.utimesSync(gbp, time, time);
    expect(rates(loadFxTableCached(dataDir, cache, parser))).toEqual(expected);
    // ... and is read again once the file's time changes, or the parser is rebuilt
    fs.utimesSync(gbp, time, time + 1);
    const changed = rates(loadFxTableFromFiles(dataDir));
    expect(changed).not.toEqual(expected);
    expect(rates(loadFxTableCached(dataDir, cache, parser))).toEqual(changed);
    fs.writeFileSync(gbp, original);
    fs.utimesSync(gbp, time, time);
    expect(rates(loadFxTableCached(dataDir, cache, parser))).toEqual(expected);
    fs.writeFileSync(gbp, original.replace(lastRate, changedRate));
    fs.utimesSync(gbp, time, time);
    fs.writeFileSync(parser, "// version 2, rebuilt\n");
    expect(rates(loadFxTableCached(dataDir, cache, parser))).toEqual(changed);

    // A damaged cache is read around and replaced; a file's error is reported, never cached.
    for (const damage of ["", "{", "x".repeat(100), fs.readFileSync(cache).subarray(0, 2000)]) {
      fs.writeFileSync(cache, damage);
      expect(rates(loadFxTableCached(dataDir, cache, parser))).toEqual(changed);
      expect(fs.statSync(cache).size).toBeGreaterThan(100_000);
    }
    fs.writeFileSync(gbp, "date,usd_per_gbp\n2019-01-02,abc\n");
    expect(() => loadFxTableCached(dataDir, cache, parser)).toThrow(FX_FILES.GBP.file);
    expect(() => loadFxTableCached(dataDir, cache, parser)).toThrow(FX_FILES.GBP.file);
    fs.rmSync(gbp);
    expect(() => loadFxTableCached(dataDir, cache, parser)).toThrow(/ENOENT/);
  });
});

describe("threadsFor", () => {
  it("adds a thread only when the work outweighs its start-up and compiling", () => {
    // On two cores a second thread's warm-up and compiling (its and the first thread's compiler
    // competing for the two cores) cost more than it saves on the bench's 20 MB; not on 40 MB.
    expect(threadsFor(20, 2, 0)).toBe(1);
    expect(threadsFor(40, 2, 0)).toBe(2);
    // More cores: compilers have cores of their own, so a second thread pays off sooner.
    expect(threadsFor(20, 4, 0)).toBe(2);
    expect(threadsFor(1, 8, 0)).toBe(1);
    // More work never means fewer threads, nor more threads than cores.
    for (const cores of [1, 2, 4, 8, 16])
      for (let mb = 0; mb < 400; mb += 5) {
        const k = threadsFor(mb, cores, 0);
        expect(k).toBeGreaterThanOrEqual(1);
        expect(k).toBeLessThanOrEqual(cores);
        expect(threadsFor(mb + 5, cores, 0)).toBeGreaterThanOrEqual(k);
      }
  });

  it("keeps to the main thread while the machine is busy", () => {
    expect(threadsFor(400, 2, 2)).toBe(1);
    expect(threadsFor(400, 8, 9.5)).toBe(1);
    expect(threadsFor(400, 8, 7.9)).toBeGreaterThan(1);
  });
});
