import { sql } from "drizzle-orm";
import { queryRows } from "../../db/driver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../db/index";
import { CATALOGUE, catalogueFiles } from "~/lib/catalogue";
import { importCatalogue, type ImportFileResult } from "~/models/imports.server";
import { openTestDb } from "../setup/db";

let handle: DbHandle;
let first: ImportFileResult[];

beforeAll(async () => {
  handle = await openTestDb();
  first = await importCatalogue(handle.db, { dataDir: "data" });
});

afterAll(async () => {
  await handle?.close();
});

function query<T>(text: ReturnType<typeof sql>): Promise<T[]> {
  return queryRows<T>(handle.db, text);
}

/** Rows per series slug, as stored. */
async function rowCounts(): Promise<Record<string, number>> {
  const found = await query<{ slug: string; n: number }>(
    sql`select s.slug, count(o.series_id)::int as n from series s left join observations o on o.series_id = s.id group by s.slug`,
  );
  return Object.fromEntries(found.map((row) => [row.slug, Number(row.n)]));
}

describe("importCatalogue", () => {
  it("imports every catalogued file without errors", () => {
    expect(first.map((result) => result.fileName)).toEqual(catalogueFiles());
    for (const result of first) expect(result.ok, JSON.stringify(result)).toBe(true);
  });

  it("creates exactly the catalogued series with the expected row counts", async () => {
    const counts = await rowCounts();
    expect(Object.keys(counts).sort()).toEqual(CATALOGUE.map((entry) => entry.slug).sort());
    expect(counts).toMatchObject({
      "trade-imports-from-china": 492,
      "trade-exports-to-china": 481,
      "trade-balance": 481,
      "fx-usd-cny": 11167,
      "fx-gbp-usd": 13825,
      "fx-usd-jpy": 13819,
      "fx-eur-usd": 6849,
      "tariff-us-on-china": 77,
      "tariff-china-on-us": 77,
      "tariff-us-on-row": 77,
      "tariff-china-on-row": 77,
      "coverage-us-on-china": 77,
      "coverage-china-on-us": 77,
      "trade-annual-exports-to-china": 40,
      "trade-annual-imports-from-china": 40,
      "trade-annual-balance": 40,
    });
  });

  it("leaves no orphan observations (observations have no foreign keys; the importer keeps them whole)", async () => {
    const [orphans] = await query<{ no_series: number; no_import: number; total: number }>(
      sql`select
            count(*) filter (where not exists (select 1 from series s where s.id = o.series_id))::int as no_series,
            count(*) filter (where not exists (select 1 from imports i where i.id = o.import_id))::int as no_import,
            count(*)::int as total
          from observations o`,
    );
    expect(Number(orphans.total)).toBeGreaterThan(40_000);
    expect({ noSeries: Number(orphans.no_series), noImport: Number(orphans.no_import) }).toEqual({
      noSeries: 0,
      noImport: 0,
    });
  });

  it("stores catalogue metadata on the series rows", async () => {
    const [row] = await query<{
      name: string;
      unit: string;
      frequency: string;
      source: string;
      licence: string;
    }>(sql`select name, unit, frequency, source, licence from series where slug = 'fx-usd-cny'`);
    expect(row.unit).toBe("CNY per USD");
    expect(row.frequency).toBe("daily");
    expect(row.source).toBe("Board of Governors of the Federal Reserve System, H.10 via FRED");
    expect(row.licence).toMatch(/public domain/i);
  });

  it("keeps known values exactly (PROVENANCE spot checks)", async () => {
    const found = await query<{ slug: string; date: string; value: number }>(
      sql`select s.slug, o.date::text as date, o.value from observations o join series s on s.id = o.series_id
          where (s.slug = 'fx-usd-cny' and o.date = '2019-08-05')
             or (s.slug = 'trade-imports-from-china' and o.date = '2023-09-01')
             or (s.slug = 'fx-gbp-usd' and o.date = '2019-06-28')
          order by s.slug`,
    );
    expect(found.map((row) => [row.slug, row.date, Number(row.value)])).toEqual([
      ["fx-gbp-usd", "2019-06-28", 1.2704],
      ["fx-usd-cny", "2019-08-05", 7.0481],
      ["trade-imports-from-china", "2023-09-01", 40247.9],
    ]);
  });

  it("loads the tariff-action register and the PIIE events", async () => {
    const found = await query<{ source: string; n: number }>(
      sql`select source, count(*)::int as n from tariff_events group by source order by source`,
    );
    expect(found.map((row) => [row.source, Number(row.n)])).toEqual([
      ["piie", 76],
      ["register", 73],
    ]);
  });

  it("is a no-op the second time and records no new import", async () => {
    const before = await query<{ n: number }>(sql`select count(*)::int as n from imports`);
    // Row versions: a rewrite with identical values would still change xmin.
    const versions = sql`select (select md5(string_agg(xmin::text, ',' order by id)) from series) as s,
        (select md5(string_agg(xmin::text, ',' order by series_id, date)) from observations) as o,
        (select md5(string_agg(xmin::text, ',' order by id)) from tariff_events) as e`;
    const [versionsBefore] = await query<Record<string, string>>(versions);
    const again = await importCatalogue(handle.db, { dataDir: "data" });
    for (const result of again) {
      expect(result.ok).toBe(true);
      if (!result.ok) continue;
      expect(result).toMatchObject({ added: 0, updated: 0, noop: true, importId: null });
      expect(result.events).toMatchObject({ added: 0, updated: 0 });
    }
    const after = await query<{ n: number }>(sql`select count(*)::int as n from imports`);
    expect(Number(after[0].n)).toBe(Number(before[0].n));
    expect((await query<Record<string, string>>(versions))[0]).toEqual(versionsBefore);
  });

  it("reports a missing file without stopping the others", async () => {
    const results = await importCatalogue(handle.db, { dataDir: "tests/fixtures/does-not-exist" });
    expect(results).toHaveLength(catalogueFiles().length);
    for (const result of results) {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.errors[0].reason).toBe("file not found");
    }
  });
});
