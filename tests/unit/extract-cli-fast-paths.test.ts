/**
 * The extract CLI's fast paths give exactly what the general code gives: the file decoding the
 * extractor's own result, and the plain FX reader parseTidySeries's points.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { extractFromText, type ExtractedFigure } from "~/lib/extract";
import { parseTidySeries } from "~/lib/import";
import { extractFile } from "../../scripts/extract";
import { FX_FILES, loadFxTableFromFiles, plainDateValues } from "../../scripts/lib/fx-files";

const ROOT = path.resolve(__dirname, "../..");
const fx = loadFxTableFromFiles(path.join(ROOT, "data"));

/** The figure fields the JSON output has (the CLI's figures may carry the FX rates too). */
const jsonFields = (figures: readonly object[]) =>
  figures.map((f) => {
    const { impliedFxRate: _implied, officialFxRate: _official, ...rest } = f as ExtractedFigure;
    return rest;
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

describe("plainDateValues", () => {
  it("reads the shipped FX files exactly as parseTidySeries does", () => {
    for (const { file, column } of Object.values(FX_FILES)) {
      const text = fs.readFileSync(path.join(ROOT, "data", file), "utf8");
      const parsed = parseTidySeries(text, file);
      expect(parsed.ok).toBe(true);
      expect(plainDateValues(text, column)).toEqual(parsed.ok && parsed.series[column]);
    }
  });

  it("leaves anything but the plainest form to the general parser", () => {
    const plain = (lines: string[]) => plainDateValues(`date,x\n${lines.join("\n")}\n`, "x");
    expect(plain(["2019-01-02,1.5", "2019-01-03,-2"])).toEqual([
      { date: "2019-01-02", value: 1.5 },
      { date: "2019-01-03", value: -2 },
    ]);
    expect(plainDateValues("date,x\r\n2019-01-02,1.5\r\n2019-01-03,2\n", "x")).toHaveLength(2);
    for (const lines of [
      ["2019-01-02,1.5", "2019-01-02,1.5"], // duplicate
      ["2019-01-03,1.5", "2019-01-02,1.5"], // out of order
      ["2019-02-29,1.5"], // no such day
      ["1899-12-31,1.5"], // outside the span
      ["2019-01-02,"], // missing value
      ["2019-01-02,."],
      ["2019-01-02,1e3"],
      ["2019-01-02, 1.5"],
      ["2019-01-02,1.5,2"],
      ["2019-1-02,1.5"],
      [""],
    ])
      expect(plain(lines), lines.join(" | ")).toBeNull();
    expect(plainDateValues("date,x\n2019-01-02,1.5", "x")).toBeNull(); // last line unended
    expect(plainDateValues("date,y\n2019-01-02,1.5\n", "x")).toBeNull();
    expect(plainDateValues("\ufeffdate,x\n2019-01-02,1.5\n", "x")).toBeNull();
    expect(plainDateValues('date,"x"\n2019-01-02,1.5\n', "x")).toBeNull();
  });
});
