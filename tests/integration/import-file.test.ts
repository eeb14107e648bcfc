import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { sql } from "drizzle-orm";
import { queryRows } from "../../db/driver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../db/index";
import { importFile, importPath, type ImportFileResult } from "~/models/imports.server";
import { openTestDb } from "../setup/db";

const FIXTURES = path.resolve(__dirname, "../fixtures/upstream");

function fixture(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, name), "utf8");
}

let handle: DbHandle;

beforeAll(async () => {
  handle = await openTestDb();
});

afterAll(async () => {
  await handle?.close();
});

function query<T>(text: ReturnType<typeof sql>): Promise<T[]> {
  return queryRows<T>(handle.db, text);
}

async function count(
  table: "observations" | "imports" | "series" | "tariff_events",
): Promise<number> {
  const [row] = await query<{ n: number }>(
    sql`select count(*)::int as n from ${sql.identifier(table)}`,
  );
  return Number(row.n);
}

async function seriesRows(slug: string) {
  return query<{ date: string; value: number; import_id: number }>(
    sql`select o.date::text as date, o.value, o.import_id from observations o
        join series s on s.id = o.series_id where s.slug = ${slug} order by o.date`,
  );
}

function ok(result: ImportFileResult): Extract<ImportFileResult, { ok: true }> {
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result;
}

describe("importFile: every upstream layout", () => {
  const cases: [string, string, Record<string, number>][] = [
    ["DEXCHUS.excerpt.csv", "fred-csv-old", { "fred-dexchus": 32 }],
    ["DEXUSUK.excerpt.csv", "fred-csv", { "fred-dexusuk": 30 }],
    ["IMPCH.excerpt.csv", "fred-csv", { "fred-impch": 15 }],
    [
      "usa-china-trade-data.excerpt.csv",
      "census-c5700-csv",
      { "census-c5700-exports": 15, "census-c5700-imports": 15, "census-c5700-balance": 15 },
    ],
    [
      "country.xlsx__CTY_CODE_5700_extract.excerpt.csv",
      "census-country-extract",
      { "census-country-5700-imports": 49, "census-country-5700-exports": 49 },
    ],
    [
      "CSCI5609_Project_Dataset - Sheet1.excerpt.csv",
      "piie-timeline-sheet",
      { "piie-us-tariffs-on-chinese-exports": 15, "piie-chinese-tariffs-on-us-exports": 15 },
    ],
    ["tariffs_bown_timeline.excerpt.csv", "piie-timeline-bown", { "piie-us-tariff-on-cn": 15 }],
    ["fx_usd_cny_daily.excerpt.csv", "tidy-csv", { "cny-per-usd": 15 }],
  ];

  for (const [name, format, expected] of cases) {
    it(`imports ${name} as ${format}`, async () => {
      const result = ok(await importFile(handle.db, { fileName: name, text: fixture(name) }));
      expect(result.format).toBe(format);
      for (const [slug, rows] of Object.entries(expected)) {
        expect((await seriesRows(slug)).length, slug).toBe(rows);
        expect(result.series.find((s) => s.slug === slug)?.points).toBe(rows);
      }
      expect(result.added).toBe(result.series.reduce((sum, s) => sum + s.points, 0));
      const [row] = await query<{ format: string; rows_added: number }>(
        sql`select format, rows_added from imports where id = ${result.importId}`,
      );
      expect(row.format).toBe(format);
    });
  }

  it("names uncatalogued FRED series from the id, with known units", async () => {
    const [impch] = await query<{
      name: string;
      unit: string;
      frequency: string;
      source_url: string;
    }>(sql`select name, unit, frequency, source_url from series where slug = 'fred-impch'`);
    expect(impch).toEqual({
      name: "U.S. Imports of Goods by Customs Basis from China",
      unit: "USD millions",
      frequency: "monthly",
      source_url: "https://fred.stlouisfed.org/series/IMPCH",
    });
    const [tidy] = await query<{ unit: string; frequency: string }>(
      sql`select unit, frequency from series where slug = 'cny-per-usd'`,
    );
    expect(tidy).toEqual({ unit: "unknown", frequency: "daily" });
  });

  it("uses catalogue slugs for a catalogued file name and skips its text columns", async () => {
    const result = ok(
      await importFile(handle.db, {
        fileName: "data/us_china_trade_monthly.csv",
        text: fixture("us_china_trade_monthly.excerpt.csv"),
      }),
    );
    expect(result.series.map((s) => [s.slug, s.points])).toEqual([
      ["trade-exports-to-china", 15],
      ["trade-imports-from-china", 19],
      ["trade-balance", 15],
    ]);
    expect(result.ignoredColumns).toEqual(["exports_source", "imports_source"]);
  });

  it("imports Section 301 events and PIIE labels", async () => {
    const s301 = ok(
      await importFile(handle.db, {
        fileName: "section301_us_china_actions.excerpt.csv",
        text: fixture("section301_us_china_actions.excerpt.csv"),
      }),
    );
    expect(s301.events).toEqual({ added: 8, updated: 0, unchanged: 0 });
    const piie = ok(
      await importFile(handle.db, {
        fileName: "tariffs_us_china_piie_timeline.csv",
        text: fixture("tariffs_us_china_piie_timeline.excerpt.csv"),
      }),
    );
    // The same labels already came from the two raw PIIE copies above: one event per (date, label).
    expect(piie.events).toEqual({ added: 0, updated: 0, unchanged: 14 });
    const [piieEvents] = await query<{ n: number }>(
      sql`select count(*)::int as n from tariff_events where source = 'piie'`,
    );
    expect(Number(piieEvents.n)).toBe(14);
    expect(piie.series.map((s) => s.slug)).toContain("tariff-us-on-china");
    const [event] = await query<{
      actor: string;
      list: string;
      rate_after_pct: number;
      import_id: number;
    }>(
      sql`select actor, list, rate_after_pct, import_id from tariff_events
          where source = 'section301' and date = '2018-07-06' and actor = 'US'`,
    );
    expect(event).toMatchObject({
      actor: "US",
      list: "List 1",
      rate_after_pct: 25,
      import_id: s301.importId,
    });
  });
});

describe("importFile: re-imports and vintages", () => {
  const name = "IMPCH.vintage.csv";
  const original = fixture("IMPCH.excerpt.csv");
  let firstImport: number;

  it("imports a first vintage", async () => {
    const result = ok(
      await importFile(handle.db, { fileName: name, text: original.replace(/IMPCH/, "VINTAGE") }),
    );
    expect(result).toMatchObject({ added: 15, updated: 0, unchanged: 0, noop: false });
    firstImport = result.importId!;
  });

  it("re-importing the same file changes nothing and records nothing", async () => {
    const imports = await count("imports");
    const result = ok(
      await importFile(handle.db, { fileName: name, text: original.replace(/IMPCH/, "VINTAGE") }),
    );
    expect(result).toMatchObject({
      added: 0,
      updated: 0,
      unchanged: 15,
      noop: true,
      importId: null,
    });
    expect(await count("imports")).toBe(imports);
  });

  it("a newer vintage updates the changed value, adds the new date and points both at itself", async () => {
    const newer =
      original
        .replace(/IMPCH/, "VINTAGE")
        .replace("1985-03-01,293.000000", "1985-03-01,293.400000") + "1986-04-01,264.900000\n";
    const result = ok(await importFile(handle.db, { fileName: name, text: newer }));
    expect(result).toMatchObject({ added: 1, updated: 1, unchanged: 14 });
    const rows = await seriesRows("fred-vintage");
    expect(rows).toHaveLength(16);
    expect(rows.find((r) => r.date === "1985-03-01")).toEqual({
      date: "1985-03-01",
      value: 293.4,
      import_id: result.importId,
    });
    expect(rows.find((r) => r.date === "1986-04-01")?.import_id).toBe(result.importId);
    expect(rows.find((r) => r.date === "1985-01-01")?.import_id).toBe(firstImport);
    const [record] = await query<{
      rows_added: number;
      rows_updated: number;
      rows_unchanged: number;
    }>(
      sql`select rows_added, rows_updated, rows_unchanged from imports where id = ${result.importId}`,
    );
    expect(record).toEqual({ rows_added: 1, rows_updated: 1, rows_unchanged: 14 });
  });

  it("an older vintage without a date keeps the stored date", async () => {
    const result = ok(
      await importFile(handle.db, { fileName: name, text: original.replace(/IMPCH/, "VINTAGE") }),
    );
    expect(result).toMatchObject({ added: 0, updated: 1, unchanged: 14 });
    expect(await seriesRows("fred-vintage")).toHaveLength(16);
  });

  it("reads a vintage that repeats a date again with its lines, to name the repeat or keep its first value", async () => {
    const vintage = original.replace(/IMPCH/, "VINTAGE");
    const stored = await seriesRows("fred-vintage");
    // Passed through as CSV first; the repeat makes the import read the file again, formatted.
    const conflicting = await importFile(handle.db, {
      fileName: name,
      text: vintage + "1985-02-01,281.5\n",
    });
    expect(!conflicting.ok && conflicting.errors).toEqual([
      {
        file: name,
        line: 17,
        column: "VINTAGE",
        reason: "duplicate date 1985-02-01 with a different value (281.5 here, 281 at line 3)",
      },
    ]);
    expect(await seriesRows("fred-vintage")).toEqual(stored);
    const equal = ok(
      await importFile(handle.db, {
        fileName: name,
        openStream: () => Readable.from([Buffer.from(vintage + "1985-02-01,281.0\n")]),
      }),
    );
    expect(equal).toMatchObject({ added: 0, updated: 0, unchanged: 15, noop: true });
    expect(await seriesRows("fred-vintage")).toEqual(stored);
  });

  it("updates an event whose details changed", async () => {
    const text = fixture("section301_us_china_actions.excerpt.csv").replace(
      "2018-08-23,US,Section 301,List 2,impose,,25,16,",
      "2018-08-23,US,Section 301,List 2,impose,,25,16.5,",
    );
    const result = ok(
      await importFile(handle.db, { fileName: "section301_us_china_actions.csv", text }),
    );
    expect(result.events).toEqual({ added: 0, updated: 1, unchanged: 7 });
  });
});

describe("importFile: bad files write nothing", () => {
  async function snapshot() {
    return {
      observations: await count("observations"),
      imports: await count("imports"),
      series: await count("series"),
      events: await count("tariff_events"),
    };
  }

  it("rejects a file with one bad value and keeps everything already stored", async () => {
    const before = await snapshot();
    const stored = await seriesRows("fred-dexchus");
    // A valid new date first, then a bad row: the valid one must not be written either.
    const text = fixture("DEXCHUS.excerpt.csv") + "1981-02-19,1.7\n1981-02-20,abc\n";
    const result = await importFile(handle.db, { fileName: "DEXCHUS.csv", text });
    expect(result).toEqual({
      ok: false,
      fileName: "DEXCHUS.csv",
      format: "fred-csv-old",
      errors: [
        { file: "DEXCHUS.csv", line: 37, column: "DEXCHUS", reason: 'non-numeric value "abc"' },
      ],
      errorCount: 1,
    });
    expect(await snapshot()).toEqual(before);
    expect(await seriesRows("fred-dexchus")).toEqual(stored);
  });

  it("rejects a brand-new file with a bad date without creating its series", async () => {
    const before = await snapshot();
    const result = await importFile(handle.db, {
      fileName: "new.csv",
      text: "date,brand_new\n2020-01-01,1\n2020-01-32,2\n",
    });
    expect(!result.ok && result.errors[0]).toEqual({
      file: "new.csv",
      line: 3,
      column: "date",
      reason: 'unparseable date "2020-01-32"',
    });
    expect(await snapshot()).toEqual(before);
  });

  it("finds a duplicate date with a different value in the staging table, even across batches", async () => {
    const before = await snapshot();
    const text = fixture("IMPCH.excerpt.csv").replace(/IMPCH/, "DUPS") + "1985-02-01,281.5\n";
    const result = await importFile(handle.db, { fileName: "dups.csv", text, batchSize: 4 });
    expect(!result.ok && result.errors).toEqual([
      {
        file: "dups.csv",
        line: 17,
        column: "DUPS",
        reason: "duplicate date 1985-02-01 with a different value (281.5 here, 281 at line 3)",
      },
    ]);
    expect(await snapshot()).toEqual(before);
  });

  it("accepts a repeated date with the same value and stores it once", async () => {
    const text = fixture("IMPCH.excerpt.csv").replace(/IMPCH/, "SAMEDUP") + "1985-02-01,281.0\n";
    const result = ok(await importFile(handle.db, { fileName: "samedup.csv", text, batchSize: 4 }));
    expect(result).toMatchObject({ added: 15, updated: 0, unchanged: 0 });
  });

  it("reports the first bad rows by line even when later rows would not load", async () => {
    const before = await snapshot();
    // The rows after the errors are sent nowhere: before, the server's refusal of a later row
    // replaced the line errors. Small chunks put the bad rows and the rest in separate batches.
    const text =
      "DATE,LATER\n2020-01-01,1\n2020-01-02,abc\n0000-01-01,5\n" +
      "2021-01-01,1.2345678901\n".repeat(2_000);
    const bytes = Buffer.from(text);
    const result = await importFile(handle.db, {
      fileName: "later.csv",
      openStream: () =>
        Readable.from(
          Array.from({ length: Math.ceil(bytes.length / 1000) }, (_, i) =>
            bytes.subarray(i * 1000, i * 1000 + 1000),
          ),
        ),
    });
    expect(!result.ok && result.errors).toEqual([
      { file: "later.csv", line: 3, column: "LATER", reason: 'non-numeric value "abc"' },
      {
        file: "later.csv",
        line: 4,
        column: "DATE",
        reason: 'date "0000-01-01" is outside the accepted span (1900–2100)',
      },
    ]);
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a file without values, leaving no partition behind", async () => {
    const partitions = async () =>
      Number(
        (
          await query<{ n: number }>(
            sql`select count(*)::int as n from pg_inherits where inhparent = 'observations'::regclass`,
          )
        )[0].n,
      );
    const before = await partitions();
    const refusals = [
      ["DATE,HEADERONLY\n", "no data rows: the file has only a header"],
      [
        "DATE,ALLMISSING\n2020-01-01,.\n2020-01-02,\n",
        "no values: every data cell is empty or missing",
      ],
    ];
    for (const [text, reason] of refusals) {
      // A file that says nothing is an error, never a silent "no change".
      const result = await importFile(handle.db, { fileName: "empty.csv", text });
      expect(!result.ok && result.errors).toEqual([
        { file: "empty.csv", line: 1, column: null, reason },
      ]);
    }
    expect(await partitions()).toBe(before);
  });

  it("rejects an unknown layout naming its header", async () => {
    const result = await importFile(handle.db, {
      fileName: "odd.csv",
      text: "when;what\n2020;1\n",
    });
    expect(!result.ok && result.errors[0]).toEqual({
      file: "odd.csv",
      line: 1,
      column: null,
      reason: 'unknown layout: header "when;what"',
    });
  });
});

describe("importFile: provenance and streams", () => {
  it("links each observation to its import: file name, content hash, format", async () => {
    const name = "DEXUSUK.excerpt.csv";
    const bytes = fs.readFileSync(path.join(FIXTURES, name));
    const hash = crypto.createHash("sha256").update(bytes).digest("hex");
    const [row] = await query<{
      file_name: string;
      content_hash: string;
      format: string;
      imported_at: unknown;
    }>(
      sql`select i.file_name, i.content_hash, i.format, i.imported_at from observations o
          join series s on s.id = o.series_id join imports i on i.id = o.import_id
          where s.slug = 'fred-dexusuk' and o.date = '1971-01-04'`,
    );
    expect(row).toMatchObject({ file_name: name, content_hash: hash, format: "fred-csv" });
    expect(row.imported_at).toBeTruthy();
  });

  it("reads a byte stream in small chunks and many batches exactly like the text", async () => {
    // Imported from text in the first describe block; the same bytes as a stream are a no-op.
    const encoded = fs.readFileSync(path.join(FIXTURES, "usa-china-trade-data.excerpt.csv"));
    const chunks = Array.from({ length: Math.ceil(encoded.length / 7) }, (_, i) =>
      encoded.subarray(i * 7, i * 7 + 7),
    );
    const progress: number[] = [];
    const result = ok(
      await importFile(handle.db, {
        fileName: "usa-china-trade-data.excerpt.csv",
        stream: Readable.from(chunks),
        batchSize: 3,
        onProgress: (p) => progress.push(p.bytes),
      }),
    );
    expect(result.contentHash).toBe(crypto.createHash("sha256").update(encoded).digest("hex"));
    expect(result).toMatchObject({ added: 0, updated: 0, unchanged: 45, noop: true });
    expect(progress.at(-1)).toBe(encoded.length);
  });
});

describe("importFile: direct load of new series", () => {
  /** A FRED-layout file of `rows` consecutive days from 2000-01-01, with optional extra lines. */
  function fredDays(id: string, rows: number, extra = ""): string {
    const lines = [`observation_date,${id}`];
    const start = Date.UTC(2000, 0, 1);
    for (let i = 0; i < rows; i++) {
      const date = new Date(start + i * 86_400_000).toISOString().slice(0, 10);
      lines.push(`${date},${(i % 1000) / 10}`);
    }
    return lines.join("\n") + "\n" + extra;
  }

  /** A stream of `text` in 5-byte chunks, to open as often as the import asks. */
  function chunked(text: string) {
    const bytes = Buffer.from(text);
    return () =>
      Readable.from(
        Array.from({ length: Math.ceil(bytes.length / 5) }, (_, i) =>
          bytes.subarray(i * 5, i * 5 + 5),
        ),
      );
  }

  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "import-direct-"));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("loads an unsorted new series directly, with the right counts, ids and provenance", async () => {
    const text = "observation_date,UNSORTED\n2001-03-01,3\n2001-01-01,1\n2001-02-01,2\n";
    const result = ok(await importFile(handle.db, { fileName: "unsorted.csv", text }));
    expect(result).toMatchObject({ added: 3, updated: 0, unchanged: 0, noop: false });
    const rows = await seriesRows("fred-unsorted");
    expect(rows).toEqual([
      { date: "2001-01-01", value: 1, import_id: result.importId },
      { date: "2001-02-01", value: 2, import_id: result.importId },
      { date: "2001-03-01", value: 3, import_id: result.importId },
    ]);
    const [series] = await query<{ frequency: string }>(
      sql`select frequency from series where slug = 'fred-unsorted'`,
    );
    expect(series.frequency).toBe("monthly");
  });

  it("copies a date,value file from its own lines, storing what the formatted path stores", async () => {
    // Canonical lines, then lines that need the general reader (spaces, an exponent, an
    // underflow, CRLF), missing markers and a blank line; split into 5-byte chunks.
    const body =
      "2001-01-01,1.25\n2001-01-02,.\n2001-01-03,-0.5\n\n2001-01-04,\n2001-01-05, 7 \n" +
      "2001-01-06,1e3\n2001-01-07,1e-400\n2001-01-08,0.1\r\n2001-01-09,12345678.901234567\n" +
      `2001-01-10,0.${"0".repeat(400)}1\n`;
    const direct = ok(
      await importFile(handle.db, {
        fileName: "LINES.csv",
        openStream: chunked(`DATE,LINES\n${body}`),
      }),
    );
    // A one-shot stream cannot be read twice, so it always takes the formatted staging path.
    const staged = ok(
      await importFile(handle.db, {
        fileName: "FORMATTED.csv",
        stream: chunked(`DATE,FORMATTED\n${body}`)(),
      }),
    );
    for (const result of [direct, staged]) {
      expect(result).toMatchObject({ added: 8, updated: 0, unchanged: 0, missing: 2 });
    }
    const values = (rows: { date: string; value: number }[]) =>
      rows.map((row) => [row.date, row.value]);
    expect(values(await seriesRows("fred-lines"))).toEqual([
      ["2001-01-01", 1.25],
      ["2001-01-03", -0.5],
      ["2001-01-05", 7],
      ["2001-01-06", 1000],
      ["2001-01-07", 0],
      ["2001-01-08", 0.1],
      ["2001-01-09", 12345678.901234567],
      // Too small for a double: read as 0 here, and stored as 0 rather than refused by the server.
      ["2001-01-10", 0],
    ]);
    expect(values(await seriesRows("fred-formatted"))).toEqual(
      values(await seriesRows("fred-lines")),
    );
    // The copy's column defaults and the bound check used for attaching are gone again.
    const leftovers = await query<{ what: string }>(
      sql`select 'default on ' || c.relname as what from pg_attrdef d join pg_class c on c.oid = d.adrelid
            where c.relname like 'observations%'
          union all
          select 'constraint ' || conname from pg_constraint where conname like 'observations_import_%_bound'`,
    );
    expect(leftovers).toEqual([]);
  });

  it("copies CRLF and mixed-ending files from their own lines, storing what the formatted path stores", async () => {
    // COPY takes a stream's line ending from its first line and refuses the other one after it.
    const lines = [
      "2001-01-01,1.25",
      "2001-01-02,.",
      "2001-01-03,-0.5",
      "",
      "2001-01-04,6.8650",
      "2001-01-05, 7 ",
      "2001-01-06,0.1",
      "2001-01-07,12345678.901234567",
    ];
    const endings: Record<string, (line: number) => string> = {
      CRLF: () => "\r\n",
      CRLFTHENLF: (line) => (line < 4 ? "\r\n" : "\n"),
      LFTHENCRLF: (line) => (line < 4 ? "\n" : "\r\n"),
      CRLFUNENDED: (line) => (line < lines.length - 1 ? "\r\n" : ""),
      CRLFCR: (line) => (line < lines.length - 1 ? "\r\n" : "\r"),
    };
    for (const [name, ending] of Object.entries(endings)) {
      const body = lines.map((line, i) => line + ending(i)).join("");
      const direct = ok(
        await importFile(handle.db, {
          fileName: `${name}.csv`,
          openStream: chunked(`DATE,${name}\r\n${body}`),
        }),
      );
      const staged = ok(
        await importFile(handle.db, {
          fileName: `${name}FORMATTED.csv`,
          stream: chunked(`DATE,${name}FORMATTED\r\n${body}`)(),
        }),
      );
      for (const result of [direct, staged])
        expect(result, name).toMatchObject({ added: 6, updated: 0, unchanged: 0, missing: 1 });
      const values = async (slug: string) =>
        (await seriesRows(slug)).map((row) => [row.date, row.value]);
      expect(await values(`fred-${name.toLowerCase()}`), name).toEqual([
        ["2001-01-01", 1.25],
        ["2001-01-03", -0.5],
        ["2001-01-04", 6.865],
        ["2001-01-05", 7],
        ["2001-01-06", 0.1],
        ["2001-01-07", 12345678.901234567],
      ]);
      expect(await values(`fred-${name.toLowerCase()}formatted`), name).toEqual(
        await values(`fred-${name.toLowerCase()}`),
      );
    }
  });

  it("reports progress in values read, on the passed-through and the formatted path", async () => {
    const bytes = Buffer.from(fredDays("PROGRESS", 30_000));
    const chunks = () =>
      Readable.from(
        Array.from({ length: Math.ceil(bytes.length / 4096) }, (_, i) =>
          bytes.subarray(i * 4096, i * 4096 + 4096),
        ),
      );
    for (const input of [{ openStream: chunks }, { stream: chunks() }]) {
      const reports: number[] = [];
      ok(
        await importFile(handle.db, {
          fileName: "progress.csv",
          ...input,
          onProgress: (progress) => reports.push(progress.points),
        }),
      );
      expect(reports.length).toBeGreaterThan(10);
      expect(reports.at(-1)).toBe(30_000);
      expect(reports[Math.floor(reports.length / 2)]).toBeGreaterThan(10_000);
      expect(reports.every((points, i) => i === 0 || points >= reports[i - 1])).toBe(true);
    }
  });

  it("falls back to staging when a file streamed from disk repeats a date deep inside", async () => {
    const before = await count("observations");
    // The repeat comes after 30,000 rows, so the server rejects the COPY while rows are still streaming.
    const file = path.join(dir, "DEEPDUP.csv");
    fs.writeFileSync(file, fredDays("DEEPDUP", 36_000).replace("2082-02-19,", "2000-01-02,"));
    const result = await importPath(handle.db, file);
    expect(!result.ok && result.errors).toEqual([
      {
        file,
        line: 30_002,
        column: "DEEPDUP",
        reason: "duplicate date 2000-01-02 with a different value (0 here, 0.1 at line 3)",
      },
    ]);
    expect(await count("observations")).toBe(before);
    expect(await seriesRows("fred-deepdup")).toEqual([]);
  });

  it("falls back to staging for an equal repeat and hashes the bytes read the second time", async () => {
    const file = path.join(dir, "SAMEREPEAT.csv");
    const text = fredDays("SAMEREPEAT", 20_000, "2000-01-02,0.1\n");
    fs.writeFileSync(file, text);
    const result = ok(await importPath(handle.db, file));
    expect(result).toMatchObject({ added: 20_000, updated: 0, unchanged: 0 });
    expect(result.contentHash).toBe(crypto.createHash("sha256").update(text).digest("hex"));
    const rows = await seriesRows("fred-samerepeat");
    expect(rows).toHaveLength(20_000);
    expect(new Set(rows.map((row) => row.import_id))).toEqual(new Set([result.importId]));
    // The second import of the same file goes through staging and the merge: nothing changes.
    expect(ok(await importPath(handle.db, file))).toMatchObject({
      added: 0,
      updated: 0,
      unchanged: 20_000,
      noop: true,
    });
  });
});
