import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db, DbHandle } from "../../db/index";
import { articles, figures } from "../../db/schema";
import { createFxTable } from "~/lib/fx";
import {
  countArticles,
  getArticleFigures,
  getArticleWithFigures,
  ingestArticle,
  ingestPaths,
  listArticles,
} from "~/models/articles.server";
import { importPath } from "~/models/imports.server";
import { openTestDb, testDriver } from "../setup/db";

const SEED_PATH = "data/articles/000_503bb6a917ae5585.txt";
const seedBytes = () => new Uint8Array(fs.readFileSync(SEED_PATH));
const encode = (text: string) => new TextEncoder().encode(text);

/** Real H.10 points around the seed article (29 Jun 2019): enough for its £ conversion. */
const fx = createFxTable({
  GBP: [
    { date: "2019-06-27", value: 1.2674 },
    { date: "2019-06-28", value: 1.2704 },
  ],
  CNY: [{ date: "2019-06-28", value: 6.8668 }],
});

function article(title: string, timestamp: string, ...body: string[]): Uint8Array {
  return encode([title, timestamp, ...body].join("\n") + "\n");
}

const TARIFF_2018 = article(
  "US imposes tariffs on Chinese goods",
  "2018-07-06 04:01:00",
  "The US imposed a 25% tariff on $34bn of Chinese imports on Friday.",
  "China said it would retaliate with 25% tariffs on $34bn of US goods.",
);
const LATE_JUNE_2019 = article(
  "Markets end the quarter higher",
  "2019-06-30 23:59:59",
  "Shares rose on Sunday. The company said revenue grew to $5bn in the quarter.",
);
const NO_FIGURES_2020 = article(
  "Trade talks resume",
  "2020-01-15 09:00:00",
  "Negotiators met again in Washington on Wednesday.",
);

async function tableCounts(db: Db) {
  const [a] = await db.select({ n: count() }).from(articles);
  const [f] = await db.select({ n: count() }).from(figures);
  return { articles: a.n, figures: f.n };
}

describe(`article ingestion on ${testDriver}`, () => {
  let handle: DbHandle;
  let db: Db;
  beforeAll(async () => {
    handle = await openTestDb();
    db = handle.db;
  });
  afterAll(async () => handle?.close());

  let seedId: number;

  it("stores the seed article with its figures, offsets indexing into the stored body", async () => {
    const result = await ingestArticle(
      db,
      { fileName: "000_503bb6a917ae5585.txt", bytes: seedBytes() },
      fx,
    );
    expect(result.status).toBe("stored");
    expect(result.articleId).toEqual(expect.any(Number));
    seedId = result.articleId!;

    const stored = await getArticleWithFigures(db, seedId);
    expect(stored).not.toBeNull();
    expect(stored!.title).toBe("G20 summit: Trump jokes to Putin about Russian election meddling");
    expect(stored!.publishedAt.toISOString()).toBe("2019-06-29T02:47:04.000Z");
    expect(stored!.fileName).toBe("000_503bb6a917ae5585.txt");
    expect(stored!.body).toBe(fs.readFileSync(SEED_PATH, "utf8").replace(/^\uFEFF/, ""));
    expect(stored!.figures).toHaveLength(result.figureCount!);
    expect(stored!.figures.map((f) => f.ordinal)).toEqual(stored!.figures.map((_, i) => i + 1));
    for (const figure of stored!.figures) {
      expect(stored!.body.slice(figure.start, figure.end)).toBe(figure.text);
    }

    const dollars = stored!.figures.find((f) => f.text === "$200bn");
    const pounds = stored!.figures.find((f) => f.text === "£159.2bn");
    expect(dollars).toMatchObject({
      kind: "money",
      value: 200e9,
      currency: "USD",
      valueUsd: 200e9,
      tariffRelated: true,
      direction: "us_on_china",
    });
    expect(pounds).toMatchObject({
      kind: "money",
      currency: "GBP",
      sameAsOrdinal: dollars!.ordinal,
    });
    expect(pounds!.value).toBeCloseTo(159.2e9, -3);
    expect(pounds!.officialFxRate).toBeCloseTo(1.2704, 6);
    expect(pounds!.impliedFxRate).toBeCloseTo(200 / 159.2, 4);
    expect(pounds!.valueUsd).toBeCloseTo(159.2e9 * 1.2704, -3);
  });

  it("re-ingesting the same bytes is unchanged and adds nothing, under any name", async () => {
    const before = await tableCounts(db);
    const again = await ingestArticle(
      db,
      { fileName: "000_503bb6a917ae5585.txt", bytes: seedBytes() },
      fx,
    );
    expect(again).toEqual({ status: "unchanged", articleId: seedId, errors: [] });
    const renamed = await ingestArticle(db, { fileName: "renamed.txt", bytes: seedBytes() }, fx);
    expect(renamed).toEqual({
      status: "unchanged",
      articleId: seedId,
      errors: [
        {
          line: null,
          message: `same text as article ${seedId} (000_503bb6a917ae5585.txt), which is stored already`,
        },
      ],
    });
    expect(await tableCounts(db)).toEqual(before);
  });

  it("a BOM changes the bytes but not the stored body or offsets", async () => {
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...TARIFF_2018]);
    const result = await ingestArticle(db, { fileName: "bom.txt", bytes: withBom }, fx);
    expect(result.status).toBe("stored");
    const stored = await getArticleWithFigures(db, result.articleId!);
    expect(stored!.body.startsWith("US imposes tariffs")).toBe(true);
    expect(stored!.figures.length).toBeGreaterThan(0);
    for (const figure of stored!.figures) {
      expect(stored!.body.slice(figure.start, figure.end)).toBe(figure.text);
    }
  });

  it.each([
    ["empty", new Uint8Array(0), null],
    [
      "binary",
      new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48]),
      null,
    ],
    ["a bad timestamp", article("A title", "29 June, sometime", "Tariffs rose to 25%."), 2],
  ])("a file that is %s fails with its line and stores nothing", async (_, bytes, line) => {
    const before = await tableCounts(db);
    const result = await ingestArticle(db, { fileName: "bad.txt", bytes }, fx);
    expect(result.status).toBe("failed");
    expect(result.articleId).toBeUndefined();
    expect(result.errors.length).toBeGreaterThan(0);
    if (line !== null) expect(result.errors[0].line).toBe(line);
    for (const error of result.errors) expect(error.message).toEqual(expect.any(String));
    expect(await tableCounts(db)).toEqual(before);
  });

  it("a database failure inside the transaction leaves no article and no figures behind", async () => {
    const before = await tableCounts(db);
    // Every new figure row now violates a constraint (`not valid` spares the rows already there),
    // so the insert fails after the article row went in.
    await db.execute(
      sql`alter table figures add constraint test_no_figures check (ordinal < 0) not valid`,
    );
    try {
      const result = await ingestArticle(db, { fileName: "2019.txt", bytes: LATE_JUNE_2019 }, fx);
      expect(result.status).toBe("failed");
      expect(result.errors[0].message).toMatch(/test_no_figures/);
      expect(await tableCounts(db)).toEqual(before);
    } finally {
      await db.execute(sql`alter table figures drop constraint test_no_figures`);
    }
    // Nothing was half-stored, so the same file now goes in cleanly.
    const retry = await ingestArticle(db, { fileName: "2019.txt", bytes: LATE_JUNE_2019 }, fx);
    expect(retry.status).toBe("stored");
  });

  it("lists articles in a range of UTC days, newest first, with figure counts from the figures table", async () => {
    await ingestArticle(db, { fileName: "2020.txt", bytes: NO_FIGURES_2020 }, fx);
    expect(await countArticles(db)).toBe(4);

    const all = await listArticles(db, { from: null, to: null });
    expect(all.map((a) => a.publishedAt.toISOString())).toEqual([
      "2020-01-15T09:00:00.000Z",
      "2019-06-30T23:59:59.000Z",
      "2019-06-29T02:47:04.000Z",
      "2018-07-06T04:01:00.000Z",
    ]);
    for (const item of all) {
      const rows = await db.select().from(figures).where(eq(figures.articleId, item.id));
      expect(item).toMatchObject({
        figureCount: rows.length,
        tariffRateCount: rows.filter((f) => f.kind === "tariff_rate").length,
        moneyCount: rows.filter((f) => f.kind === "money").length,
        tariffRelatedCount: rows.filter((f) => f.tariffRelated).length,
      });
    }
    const quiet = all.find((a) => a.title === "Trade talks resume")!;
    expect(quiet).toMatchObject({
      figureCount: 0,
      tariffRateCount: 0,
      moneyCount: 0,
      tariffRelatedCount: 0,
    });
    const tariffs = all.find((a) => a.title === "US imposes tariffs on Chinese goods")!;
    expect(tariffs.tariffRateCount).toBeGreaterThanOrEqual(2);
    expect(tariffs.moneyCount).toBeGreaterThanOrEqual(2);

    // The last second of the end day is in; the first second after it is not.
    const june = await listArticles(db, { from: "2019-06-29", to: "2019-06-30" });
    expect(june.map((a) => a.title)).toEqual([
      "Markets end the quarter higher",
      "G20 summit: Trump jokes to Putin about Russian election meddling",
    ]);
    expect((await listArticles(db, { from: "2019-06-30", to: null })).map((a) => a.title)).toEqual([
      "Trade talks resume",
      "Markets end the quarter higher",
    ]);
    expect((await listArticles(db, { from: null, to: "2019-06-28" })).map((a) => a.title)).toEqual([
      "US imposes tariffs on Chinese goods",
    ]);
    expect(await listArticles(db, { from: "2021-01-01", to: "2021-12-31" })).toEqual([]);
  });

  it("returns figures with their article for charts, filtered by range, kind and tariff relation", async () => {
    const all = await getArticleFigures(db, { range: { from: null, to: null } });
    const [total] = await db.select({ n: count() }).from(figures);
    expect(all).toHaveLength(total.n);
    const dates = all.map((f) => f.publishedAt.getTime());
    expect(dates).toEqual([...dates].sort((a, b) => a - b));

    const seedRates = await getArticleFigures(db, {
      range: { from: "2019-06-29", to: "2019-06-29" },
      kind: "money",
      tariffRelatedOnly: true,
    });
    expect(seedRates.length).toBeGreaterThan(0);
    for (const row of seedRates) {
      expect(row).toMatchObject({
        articleId: seedId,
        articleTitle: "G20 summit: Trump jokes to Putin about Russian election meddling",
        kind: "money",
        tariffRelated: true,
      });
      expect(row.publishedAt.toISOString()).toBe("2019-06-29T02:47:04.000Z");
    }
    const rates2018 = await getArticleFigures(db, {
      range: { from: "2018-01-01", to: "2018-12-31" },
      kind: "tariff_rate",
    });
    expect(rates2018.length).toBeGreaterThanOrEqual(2);
    expect(rates2018.every((row) => row.kind === "tariff_rate" && row.text.endsWith("%"))).toBe(
      true,
    );
  });

  it("returns null for an unknown article", async () => {
    expect(await getArticleWithFigures(db, 987654)).toBeNull();
  });
});

describe(`ingesting paths on ${testDriver}`, () => {
  let handle: DbHandle;
  let db: Db;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tw-ingest-"));
  beforeAll(async () => {
    handle = await openTestDb();
    db = handle.db;
    // The pound series through the series importer, as `npm run import` loads it.
    const imported = await importPath(db, "data/fx_gbp_usd_daily.csv");
    expect(imported.ok).toBe(true);

    fs.copyFileSync(SEED_PATH, path.join(dir, "000_seed.txt"));
    fs.writeFileSync(path.join(dir, "001_tariffs.txt"), TARIFF_2018);
    fs.writeFileSync(
      path.join(dir, "002_bad.txt"),
      article("No date here", "yesterday", "25% tariffs."),
    );
    fs.writeFileSync(path.join(dir, "003_quiet.txt"), NO_FIGURES_2020);
    fs.writeFileSync(path.join(dir, "SOURCES.md"), "# Sources\n");
    fs.mkdirSync(path.join(dir, "nested.txt"));
  });
  afterAll(async () => {
    await handle?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("takes a folder's .txt files in name order, goes past a bad one, and reports progress", async () => {
    const progress: [number, number, string][] = [];
    const summary = await ingestPaths(db, [dir, path.join(dir, "missing.txt")], {
      onProgress: ({ done, total, status }) => progress.push([done, total, status]),
    });
    expect(summary).toMatchObject({ stored: 3, unchanged: 0, failed: 2, warnings: [] });
    expect(summary.results.map((r) => [path.basename(r.file), r.status])).toEqual([
      ["000_seed.txt", "stored"],
      ["001_tariffs.txt", "stored"],
      ["002_bad.txt", "failed"],
      ["003_quiet.txt", "stored"],
      ["missing.txt", "failed"],
    ]);
    expect(summary.results[2].errors[0].line).toBe(2);
    expect(summary.results[4].errors).toEqual([{ line: null, message: "no such file or folder" }]);
    expect(progress).toEqual([
      [1, 5, "stored"],
      [2, 5, "stored"],
      [3, 5, "failed"],
      [4, 5, "stored"],
      [5, 5, "failed"],
    ]);
    expect(await countArticles(db)).toBe(3);

    // Converted with the rate read from the database.
    const [seed] = await listArticles(db, { from: "2019-06-29", to: "2019-06-29" });
    const pounds = (await getArticleWithFigures(db, seed.id))!.figures.find(
      (f) => f.currency === "GBP",
    );
    expect(pounds?.officialFxRate).toBeCloseTo(1.2704, 6);
  });

  it("a second run over the same folder changes nothing", async () => {
    const before = await tableCounts(db);
    const summary = await ingestPaths(db, [dir]);
    expect(summary).toMatchObject({ stored: 0, updated: 0, unchanged: 3, failed: 1 });
    expect(await tableCounts(db)).toEqual(before);
  });

  it("stores each article's kind and outlet from the folder's provenance.csv, and fails on a bad one", async () => {
    fs.writeFileSync(
      path.join(dir, "provenance.csv"),
      "file,kind,outlet\n000_seed.txt,news,BBC News\n001_tariffs.txt,brief,\n",
    );
    // Same bytes: unchanged, but the manifest's provenance is recorded on the stored rows.
    const summary = await ingestPaths(db, [dir]);
    expect(summary).toMatchObject({ stored: 0, unchanged: 3, failed: 1 });
    const all = await listArticles(db, { from: null, to: null });
    const byTitle = (start: string) => all.find((a) => a.title.startsWith(start))!;
    expect(byTitle("G20 summit")).toMatchObject({ kind: "news", outlet: "BBC News" });
    expect(all.filter((a) => a.kind === "brief")).toHaveLength(1);
    expect(all.filter((a) => a.kind === null)).toHaveLength(1);

    fs.writeFileSync(path.join(dir, "provenance.csv"), "file,kind,outlet\n000_seed.txt,blog,\n");
    const bad = await ingestPaths(db, [path.join(dir, "000_seed.txt")]);
    expect(bad.failed).toBe(1);
    expect(bad.results[0].errors).toEqual([
      {
        line: null,
        message: `${path.join(dir, "provenance.csv")}:2: kind "blog" is not one of news, brief`,
      },
    ]);
    // What was stored stays as it was.
    expect(
      (await listArticles(db, { from: null, to: null })).find((a) => a.kind === "news"),
    ).toBeTruthy();
    fs.rmSync(path.join(dir, "provenance.csv"));
  });

  it("fails an oversized file without reading it", async () => {
    const summary = await ingestPaths(db, [path.join(dir, "001_tariffs.txt")], {
      maxFileBytes: 10,
    });
    expect(summary.failed).toBe(1);
    expect(summary.results[0].errors[0].message).toMatch(/over the 10-byte limit/);
  });

  it("warns when no exchange rates are imported", async () => {
    const empty = await openTestDb();
    try {
      const summary = await ingestPaths(empty.db, []);
      expect(summary).toMatchObject({ stored: 0, unchanged: 0, failed: 0, results: [] });
      expect(summary.warnings).toEqual([expect.stringMatching(/exchange-rate/)]);
    } finally {
      await empty.close();
    }
  });
});
