import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../../db/driver";
import type { DbHandle } from "../../db/index";
import { CATALOGUE, catalogueFiles } from "~/lib/catalogue";
import { describeBootstrap, ensureShippedData } from "~/models/bootstrap.server";
import { filesWithUnroundedValues, importPaths } from "~/models/imports.server";
import { openTestDb } from "../setup/db";

const PIIE = "data/tariffs_us_china_piie_timeline.csv";

describe("stored values at the precision their source publishes (ADR 053)", () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await openTestDb();
  });
  afterAll(async () => {
    await handle?.close();
  });

  const stored = async (slug: string, date: string) => {
    const rows = await queryRows<{ value: number; import_id: number }>(
      handle.db,
      sql`select o.value, o.import_id from observations o join series s on s.id = o.series_id
          where s.slug = ${slug} and o.date = ${date}`,
    );
    expect(rows, `${slug} ${date}`).toHaveLength(1);
    return { value: Number(rows[0].value), importId: Number(rows[0].import_id) };
  };

  it("stores PIIE's float32 noise as the published figure, from the database itself", async () => {
    // The shipped workbook export carries float32 values; PIIE publishes two decimals at most.
    expect(fs.readFileSync(PIIE, "utf8")).toContain(
      "2019-01-01,12.059206008911133,16.503416061401367,",
    );
    const [result] = await importPaths(handle.db, [PIIE]);
    expect(result.ok).toBe(true);
    expect((await stored("tariff-china-on-us", "2019-01-01")).value).toBe(16.5);
    expect((await stored("tariff-us-on-china", "2019-01-01")).value).toBe(12.06);
    // 46.9275 and 3.091533660888672 in the file: 46.93 and 3.09, as downloads already showed them.
    expect((await stored("coverage-us-on-china", "2019-01-01")).value).toBe(46.93);
    expect((await stored("tariff-us-on-china", "2018-01-01")).value).toBe(3.09);
  });

  it("holds every catalogued value to its publisher's decimals, and a re-import changes nothing", async () => {
    const results = await importPaths(
      handle.db,
      catalogueFiles().map((file) => path.join("data", path.basename(file))),
    );
    expect(results.every((result) => result.ok)).toBe(true);
    // The PIIE file went through the staging merge this time (its series had rows): a no-op.
    const piie = results.find((result) => result.fileName === PIIE)!;
    expect(piie.ok && piie.noop).toBe(true);
    for (const entry of CATALOGUE) {
      const values = await queryRows<{ value: number }>(
        handle.db,
        sql`select o.value from observations o join series s on s.id = o.series_id
            where s.slug = ${entry.slug}`,
      );
      expect(values.length, entry.slug).toBeGreaterThan(0);
      const excess = values
        .map((row) => Number(row.value))
        .filter((value) => Number(value.toFixed(entry.decimals)) !== value);
      expect(excess.slice(0, 3), `${entry.slug} to ${entry.decimals} decimals`).toEqual([]);
    }
    expect(await filesWithUnroundedValues(handle.db)).toEqual([]);
  });

  it("rounds a database stored before rounding at its next start, with an import row for it", async () => {
    // What a database loaded before ADR 053 holds: the file's float32 value itself.
    await handle.db.execute(
      sql`update observations set value = 16.503416061401367
          where series_id = (select id from series where slug = 'tariff-china-on-us')
            and date in ('2019-01-01', '2019-02-07')`,
    );
    const before = await stored("tariff-china-on-us", "2019-01-01");
    expect(before.value).toBe(16.503416061401367);
    expect(await filesWithUnroundedValues(handle.db)).toEqual([PIIE]);

    const report = await ensureShippedData(handle.db);
    expect(report.failedFiles).toEqual([]);
    expect(report).toMatchObject({ roundedFiles: 1, roundedValues: 2 });
    expect(describeBootstrap(report)).toContain(
      "Imported 1 catalogue files again: 2 stored values rounded to the precision their sources publish.",
    );
    const after = await stored("tariff-china-on-us", "2019-01-01");
    expect(after.value).toBe(16.5);
    expect(after.importId).toBeGreaterThan(before.importId);
    // The next start finds nothing to round.
    const again = await ensureShippedData(handle.db);
    expect(again).toMatchObject({ roundedFiles: 0, roundedValues: 0 });
  });
});
