import { sql } from "drizzle-orm";
import { queryRows } from "../../db/driver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../db/index";
import { ingestArticle, reextractArticles } from "~/models/articles.server";
import { getDataVersion } from "~/models/dashboard.server";
import { importPath } from "~/models/imports.server";
import { createFxTable } from "~/lib/fx";
import { openTestDb } from "../setup/db";

const ARTICLE = [
  "Tariff row deepens",
  "2019-05-10 09:00:00",
  "The US raised tariffs on $200bn (£154bn) of Chinese goods from 10% to 25%.",
  "",
].join("\n");

let handle: DbHandle;

beforeAll(async () => {
  handle = await openTestDb();
});

afterAll(async () => {
  await handle?.close();
});

async function figureRows() {
  const rows = await queryRows<{
    article_id: number;
    ordinal: number;
    text: string;
    currency: string | null;
    value_usd: number | null;
  }>(
    handle.db,
    sql`select article_id, ordinal, text, currency, value_usd from figures order by article_id, ordinal`,
  );
  return rows.map((row) => ({
    ...row,
    value_usd: row.value_usd === null ? null : Number(row.value_usd),
  }));
}

describe("re-extracting stored articles", () => {
  it("fills in USD values once the exchange rates they lacked are imported", async () => {
    // Ingested before any rates exist: the pound amount has no USD value.
    const stored = await ingestArticle(
      handle.db,
      { fileName: "row.txt", bytes: Buffer.from(ARTICLE) },
      createFxTable({}),
    );
    expect(stored.status).toBe("stored");
    const pound = (await figureRows()).find((row) => row.currency === "GBP");
    expect(pound).toMatchObject({ text: "£154bn", value_usd: null });

    const first = await reextractArticles(handle.db);
    expect(first).toMatchObject({ changed: 0, unchanged: 1, failed: 0 });
    expect(first.warnings[0]).toMatch(/No exchange-rate series/);

    const imported = await importPath(handle.db, "data/fx_gbp_usd_daily.csv");
    expect(imported.ok).toBe(true);
    const versionBefore = await getDataVersion(handle.db);
    const progress: string[] = [];
    const second = await reextractArticles(handle.db, {
      onProgress: ({ done, total, status }) => progress.push(`${done}/${total} ${status}`),
    });
    expect(second).toMatchObject({ changed: 1, unchanged: 0, failed: 0, warnings: [] });
    expect(second.figuresAfter).toBe(second.figuresBefore);
    expect(second.results).toEqual([
      { articleId: stored.articleId, file: "row.txt", status: "changed", errors: [] },
    ]);
    expect(progress).toEqual(["1/1 changed"]);
    const converted = (await figureRows()).find((row) => row.currency === "GBP");
    expect(converted?.value_usd).toBeGreaterThan(154e9 * 1.2);
    expect(converted?.value_usd).toBeLessThan(154e9 * 1.4);
    // Cached pages and downloads depend on the data version: it must move.
    expect(await getDataVersion(handle.db)).not.toBe(versionBefore);

    const third = await reextractArticles(handle.db);
    expect(third).toMatchObject({ changed: 0, unchanged: 1, failed: 0 });
  });

  it("restores figures an older extraction missed, and the data version notices a removal", async () => {
    const before = await figureRows();
    await handle.db.execute(sql`delete from figures where ordinal = ${before.length}`);
    const versionWithout = await getDataVersion(handle.db);
    const run = await reextractArticles(handle.db);
    expect(run).toMatchObject({
      changed: 1,
      figuresBefore: before.length - 1,
      figuresAfter: before.length,
    });
    expect(await figureRows()).toEqual(before);
    expect(await getDataVersion(handle.db)).not.toBe(versionWithout);
  });

  it("brings figures stored before roles existed up to date (the column default is 'other')", async () => {
    const roles = async () =>
      (
        await queryRows<{ text: string; role: string; in_title: boolean }>(
          handle.db,
          sql`select text, role, in_title from figures order by article_id, ordinal`,
        )
      ).map((row) => [row.text, row.role, row.in_title]);
    const current = await roles();
    expect(current).toEqual([
      ["$200bn", "goods_covered", false],
      ["£154bn", "goods_covered", false],
      ["10% to 25%", "rate", false],
    ]);
    await handle.db.execute(sql`update figures set role = 'other'`);
    const run = await reextractArticles(handle.db);
    expect(run).toMatchObject({ changed: 1, failed: 0 });
    expect(await roles()).toEqual(current);
  });

  it("two runs at once rewrite each article once and both succeed", async () => {
    // Enough articles for the two runs to meet on the same one.
    const fx = createFxTable({});
    for (let i = 0; i < 30; i++) {
      const text = ARTICLE.replace("Tariff row deepens", `Tariff row deepens, part ${i + 2}`);
      await ingestArticle(handle.db, { fileName: `row-${i}.txt`, bytes: Buffer.from(text) }, fx);
    }
    await reextractArticles(handle.db);
    const before = await figureRows();
    await handle.db.execute(sql`delete from figures where ordinal = 1`);
    const runs = await Promise.all([reextractArticles(handle.db), reextractArticles(handle.db)]);
    expect(runs.map((run) => run.failed)).toEqual([0, 0]);
    expect(runs[0].changed + runs[1].changed).toBe(31);
    expect(await figureRows()).toEqual(before);
  });

  it("a failed rewrite keeps the article's figures, and the totals count them", async () => {
    await handle.db.execute(sql`delete from figures where ordinal = 1`);
    const kept = await figureRows();
    await handle.db.execute(sql`create function refuse_figures() returns trigger
      language plpgsql as $$ begin raise exception 'figures are read-only'; end $$`);
    await handle.db.execute(sql`create trigger refuse_figures before insert on figures
      for each row execute function refuse_figures()`);
    try {
      const run = await reextractArticles(handle.db);
      expect(run).toMatchObject({ failed: 31, changed: 0, unchanged: 0 });
      expect([run.figuresBefore, run.figuresAfter]).toEqual([kept.length, kept.length]);
      expect(run.results[0].errors[0].message).toMatch(/figures are read-only/);
      expect(await figureRows()).toEqual(kept);
    } finally {
      await handle.db.execute(sql`drop trigger refuse_figures on figures`);
      await handle.db.execute(sql`drop function refuse_figures()`);
    }
  });
});
