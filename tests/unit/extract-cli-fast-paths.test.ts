/**
 * The extract CLI's fast paths give exactly what the general code gives: the plain FX reader
 * parseTidySeries's points.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseTidySeries } from "~/lib/import";
import { FX_FILES, plainDateValues } from "../../scripts/lib/fx-files";

const ROOT = path.resolve(__dirname, "../..");

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
