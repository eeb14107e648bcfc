import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { asc, count, eq, sql } from "drizzle-orm";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, migrateDb, migrationsFolder, type Db, type DbHandle } from "../../db/index";
import { articles, figures, series } from "../../db/schema";
import { countArticles, ingestPaths, type IngestSummary } from "~/models/articles.server";
import { ensureShippedData } from "~/models/bootstrap.server";
import { getDataVersion } from "~/models/dashboard.server";
import { openTestDb, testDriver } from "../setup/db";

const brief = (title: string, timestamp: string, ...body: string[]) =>
  [title, timestamp, ...body].join("\n") + "\n";

const FIRST = brief(
  "US imposes tariffs on Chinese goods",
  "2018-07-06 04:01:00",
  "The US imposed a 25% tariff on $34bn of Chinese imports on Friday.",
);
const SECOND = brief(
  "List 2 takes effect",
  "2018-08-23 04:01:00",
  "A 25% tariff now applies to a further $16bn of Chinese goods.",
);
const THIRD = brief(
  "China answers List 3",
  "2018-09-24 04:01:00",
  "China put tariffs of 5% to 10% on $60bn of US goods.",
);

async function articleByKey(db: Db, sourceKey: string) {
  const [row] = await db.select().from(articles).where(eq(articles.sourceKey, sourceKey));
  const rows = await db
    .select({ text: figures.text, ordinal: figures.ordinal })
    .from(figures)
    .where(eq(figures.articleId, row.id))
    .orderBy(asc(figures.ordinal));
  return { ...row, figures: rows };
}

async function duplicateKeys(db: Db): Promise<string[]> {
  const rows = await db
    .select({ key: articles.sourceKey })
    .from(articles)
    .groupBy(articles.sourceKey)
    .having(sql`count(*) > 1`);
  return rows.map((row) => row.key);
}

function totals(summaries: IngestSummary[]) {
  const sum = (field: "stored" | "updated" | "unchanged" | "failed") =>
    summaries.reduce((total, summary) => total + summary[field], 0);
  return {
    stored: sum("stored"),
    updated: sum("updated"),
    unchanged: sum("unchanged"),
    failed: sum("failed"),
  };
}

describe(`re-ingesting edited articles on ${testDriver}`, () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "tw-replace-"));
  const folder = path.join(root, "articles");
  let handle: DbHandle;
  let db: Db;
  beforeAll(async () => {
    handle = await openTestDb();
    db = handle.db;
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, "a.txt"), FIRST);
    fs.writeFileSync(path.join(folder, "b.txt"), SECOND);
    fs.writeFileSync(path.join(folder, "c.txt"), THIRD);
  });
  afterAll(async () => {
    await handle?.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("an edited file replaces its article: one article per file, its new figures, updated 1", async () => {
    expect(await ingestPaths(db, [folder])).toMatchObject({ stored: 3, failed: 0 });
    const before = await articleByKey(db, "b.txt");
    expect(before.figures.map((f) => f.text)).toContain("$16bn");
    const versionBefore = await getDataVersion(db);

    fs.writeFileSync(
      path.join(folder, "b.txt"),
      brief(
        "List 2 takes effect (corrected)",
        "2018-08-23 04:01:00",
        "A 25% tariff now applies to a further $16.2bn of Chinese goods.",
      ),
    );
    const summary = await ingestPaths(db, [folder]);
    expect(summary).toMatchObject({ stored: 0, updated: 1, unchanged: 2, failed: 0 });
    expect(summary.results.map((r) => [path.basename(r.file), r.status])).toEqual([
      ["a.txt", "unchanged"],
      ["b.txt", "updated"],
      ["c.txt", "unchanged"],
    ]);

    expect(await countArticles(db)).toBe(3);
    expect(await duplicateKeys(db)).toEqual([]);
    const after = await articleByKey(db, "b.txt");
    expect(after.id).toBe(before.id);
    expect(after.revision).toBe(before.revision + 1);
    expect(after.title).toBe("List 2 takes effect (corrected)");
    expect(after.figures.map((f) => f.text)).toContain("$16.2bn");
    expect(after.figures.map((f) => f.text)).not.toContain("$16bn");
    expect(after.figures.map((f) => f.ordinal)).toEqual(after.figures.map((_, i) => i + 1));
    expect(await getDataVersion(db)).not.toBe(versionBefore);
  });

  it("the same folder ingested from another path finds every file unchanged", async () => {
    const copy = path.join(root, "elsewhere", "briefs");
    fs.cpSync(folder, copy, { recursive: true });
    expect(await ingestPaths(db, [copy])).toMatchObject({
      stored: 0,
      updated: 0,
      unchanged: 3,
      failed: 0,
    });
    expect(await countArticles(db)).toBe(3);
  });

  it("a second file with identical bytes is not stored twice, and says whose text it is", async () => {
    const twin = path.join(root, "twin.txt");
    fs.writeFileSync(twin, FIRST);
    const summary = await ingestPaths(db, [twin]);
    const original = await articleByKey(db, "a.txt");
    expect(summary.results).toEqual([
      {
        file: twin,
        status: "unchanged",
        errors: [
          {
            line: null,
            message: `same text as article ${original.id} (a.txt), which is stored already`,
          },
        ],
      },
    ]);
    expect(await countArticles(db)).toBe(3);
  });

  it("two files with one name in one run: the second fails instead of replacing the first", async () => {
    const other = path.join(root, "other");
    fs.mkdirSync(other);
    fs.writeFileSync(path.join(other, "c.txt"), brief("Another c", "2019-01-01 00:00:00", "Hi."));
    const summary = await ingestPaths(db, [folder, other]);
    expect(summary).toMatchObject({ stored: 0, updated: 0, unchanged: 3, failed: 1 });
    expect(summary.results[3].errors[0].message).toMatch(/same name \(c\.txt\) as .*c\.txt/);
    expect((await articleByKey(db, "c.txt")).title).toBe("China answers List 3");
  });

  it("a failure in the middle of a replacement keeps the old version whole", async () => {
    const before = await articleByKey(db, "c.txt");
    const versionBefore = await getDataVersion(db);
    // The database itself refuses the new figure, after the article row was updated and the
    // old figures deleted inside the transaction.
    await db.execute(sql`alter table figures add constraint refuse_93 check (text <> '93%')`);
    try {
      fs.writeFileSync(
        path.join(folder, "c.txt"),
        brief(
          "China answers List 3 (edited)",
          "2018-09-24 04:01:00",
          "China put 93% tariffs on $60bn of US goods.",
        ),
      );
      const summary = await ingestPaths(db, [path.join(folder, "c.txt")]);
      expect(summary).toMatchObject({ stored: 0, updated: 0, unchanged: 0, failed: 1 });
      expect(summary.results[0].errors[0].message).toMatch(/database error: .*refuse_93/);
      expect(await articleByKey(db, "c.txt")).toEqual(before);
      expect(await getDataVersion(db)).toBe(versionBefore);
    } finally {
      await db.execute(sql`alter table figures drop constraint refuse_93`);
    }
    const retry = await ingestPaths(db, [path.join(folder, "c.txt")]);
    expect(retry).toMatchObject({ updated: 1, failed: 0 });
    expect((await articleByKey(db, "c.txt")).figures.map((f) => f.text)).toContain("93%");
  });

  it("concurrent ingests of one folder store each file once and replace an edit once", async () => {
    const batch = path.join(root, "batch");
    fs.mkdirSync(batch);
    for (let i = 0; i < 6; i++) {
      fs.writeFileSync(
        path.join(batch, `p${i}.txt`),
        brief(
          `Brief ${i}`,
          `2019-0${i + 1}-10 04:01:00`,
          `Tariffs of ${10 + i}% hit $${i + 1}bn of goods.`,
        ),
      );
    }
    const articlesBefore = await countArticles(db);
    const runs = 4;
    const first = await Promise.all(Array.from({ length: runs }, () => ingestPaths(db, [batch])));
    expect(totals(first)).toEqual({ stored: 6, updated: 0, unchanged: 6 * (runs - 1), failed: 0 });
    expect(await countArticles(db)).toBe(articlesBefore + 6);
    expect(await duplicateKeys(db)).toEqual([]);

    fs.writeFileSync(
      path.join(batch, "p3.txt"),
      brief("Brief 3", "2019-04-10 04:01:00", "Tariffs of 13% hit $4.5bn of goods."),
    );
    const second = await Promise.all(Array.from({ length: runs }, () => ingestPaths(db, [batch])));
    expect(totals(second)).toEqual({ stored: 0, updated: 1, unchanged: 6 * runs - 1, failed: 0 });
    expect(await countArticles(db)).toBe(articlesBefore + 6);
    const edited = await articleByKey(db, "p3.txt");
    expect(edited.revision).toBe(2);
    expect(edited.figures.map((f) => f.text)).toEqual(["13%", "$4.5bn"]);
  });
});

describe(`start-up on an existing database (${testDriver})`, () => {
  it("brings the shipped articles up to date when data/articles/ changed", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tw-shipped-"));
    const handle = await openTestDb();
    try {
      // Series present: start-up leaves them alone and only looks at the articles.
      await handle.db.insert(series).values({
        slug: "x",
        name: "x",
        unit: "x",
        frequency: "monthly",
        source: "x",
        sourceUrl: "https://example.org",
        licence: "x",
      });
      fs.mkdirSync(path.join(dataDir, "articles"));
      fs.writeFileSync(path.join(dataDir, "articles", "001.txt"), FIRST);
      fs.writeFileSync(path.join(dataDir, "articles", "002.txt"), SECOND);
      expect(await ensureShippedData(handle.db, { dataDir })).toMatchObject({
        importedFiles: 0,
        articlesStored: 2,
        articlesUpdated: 0,
        articlesFailed: [],
      });
      fs.writeFileSync(
        path.join(dataDir, "articles", "002.txt"),
        SECOND.replace("$16bn", "$16.2bn"),
      );
      expect(await ensureShippedData(handle.db, { dataDir })).toMatchObject({
        articlesStored: 0,
        articlesUpdated: 1,
        articlesUnchanged: 1,
        articlesFailed: [],
      });
      expect(await countArticles(handle.db)).toBe(2);
      const texts = (await articleByKey(handle.db, "002.txt")).figures.map((f) => f.text);
      expect(texts).toContain("$16.2bn");
      expect(texts).not.toContain("$16bn");
    } finally {
      await handle.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe("upgrading a database that stored edited files twice", () => {
  it("keeps the latest version of each file name and keys every article by its name", async () => {
    // A database at the schema before source keys: the migrations up to that one.
    const partial = fs.mkdtempSync(path.join(os.tmpdir(), "tw-migrations-"));
    fs.cpSync(migrationsFolder(), partial, { recursive: true });
    const journalPath = path.join(partial, "meta", "_journal.json");
    const journal = JSON.parse(fs.readFileSync(journalPath, "utf8"));
    const firstNew = journal.entries.findIndex((entry: { tag: string }) =>
      entry.tag.endsWith("_article_source_key"),
    );
    expect(firstNew).toBeGreaterThan(0);
    journal.entries = journal.entries.slice(0, firstNew);
    fs.writeFileSync(journalPath, JSON.stringify(journal));
    const handle = await createDb({ pgliteDir: "memory://", migrate: false });
    try {
      await migratePglite(handle.db as Parameters<typeof migratePglite>[0], {
        migrationsFolder: partial,
      });
      const insert = (id: number, hash: string, fileName: string, title: string) =>
        handle.db.execute(
          sql`insert into articles (id, content_hash, file_name, title, published_at, body)
              values (${id}, ${hash}, ${fileName}, ${title}, '2018-07-06T04:01:00Z', 'Up 25%.')`,
        );
      await insert(1, "h1", "a.txt", "a, old");
      await insert(2, "h2", "b.txt", "b");
      await insert(3, "h3", "a.txt", "a, corrected");
      for (const id of [1, 2, 3]) {
        await handle.db.execute(
          sql`insert into figures (article_id, ordinal, kind, text, start, "end", value, tariff_related, sentence)
              values (${id}, 1, 'tariff_rate', '25%', 3, 6, 25, true, 'Up 25%.')`,
        );
      }

      await migrateDb(handle);

      const rows = await handle.db
        .select({ id: articles.id, sourceKey: articles.sourceKey, title: articles.title })
        .from(articles)
        .orderBy(asc(articles.id));
      expect(rows).toEqual([
        { id: 2, sourceKey: "b.txt", title: "b" },
        { id: 3, sourceKey: "a.txt", title: "a, corrected" },
      ]);
      const [{ n }] = await handle.db.select({ n: count() }).from(figures);
      expect(n).toBe(2);
    } finally {
      await handle.close();
      fs.rmSync(partial, { recursive: true, force: true });
    }
  });
});
