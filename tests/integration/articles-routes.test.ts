import fs from "node:fs";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/index";
import { getDb, getDbHandle } from "~/db.server";
import { createFxTable } from "~/lib/fx";
import { ingestArticle } from "~/models/articles.server";
import { loader as articleLoader } from "~/routes/articles.$id";
import { loader as listLoader } from "~/routes/articles._index";

const fx = createFxTable({ GBP: [{ date: "2019-06-28", value: 1.2704 }] });

function args(url: string, params: Record<string, string> = {}): LoaderFunctionArgs {
  return { request: new Request(url), params, context: {} };
}

/** The status and body of whatever a loader returned or threw. */
async function outcome(run: () => Promise<Response>): Promise<{ status: number; body: unknown }> {
  let response: Response;
  try {
    response = await run();
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    response = thrown;
  }
  return { status: response.status, body: await response.json() };
}

describe("article route loaders", () => {
  let db: Db;
  let seedId: number;
  beforeAll(async () => {
    // The loaders use the app's database singleton (read from the environment on first use):
    // a fresh in-memory PGlite for this file, on either test driver.
    process.env.PGLITE_DIR = "memory://";
    delete process.env.DATABASE_URL;
    db = await getDb();
    const bytes = new Uint8Array(fs.readFileSync("data/articles/000_503bb6a917ae5585.txt"));
    // Opening the app database may already have ingested the shipped articles (bootstrap).
    const result = await ingestArticle(db, { fileName: "000_503bb6a917ae5585.txt", bytes }, fx);
    expect(["stored", "unchanged"]).toContain(result.status);
    seedId = result.articleId!;
  });
  afterAll(async () => {
    await (await getDbHandle()).close();
    globalThis.__tradewarDb = undefined;
  });

  it("/articles lists the articles in the range with their counts", async () => {
    const { status, body } = await outcome(() =>
      listLoader(args("http://localhost/articles?from=2019-06-29&to=2019-06-29")),
    );
    expect(status).toBe(200);
    const data = body as {
      range: unknown;
      articles: {
        id: number;
        title: string;
        publishedAt: string;
        moneyCount: number;
        tariffRelatedCount: number;
      }[];
    };
    expect(data.range).toEqual({ from: "2019-06-29", to: "2019-06-29" });
    for (const item of data.articles) expect(item.publishedAt.slice(0, 10)).toBe("2019-06-29");
    const seed = data.articles.find((item) => item.id === seedId);
    expect(seed).toMatchObject({
      title: "G20 summit: Trump jokes to Putin about Russian election meddling",
      publishedAt: "2019-06-29T02:47:04.000Z",
    });
    expect(seed!.moneyCount).toBeGreaterThanOrEqual(2);
    expect(seed!.tariffRelatedCount).toBeGreaterThanOrEqual(1);

    const future = await outcome(() => listLoader(args("http://localhost/articles?from=2090")));
    expect(future).toEqual({
      status: 200,
      body: { range: { from: "2090-01-01", to: null }, articles: [] },
    });
  });

  it.each([
    ["from=2019-02-30", /2019-02-30 does not exist/],
    ["from=soon", /is not a date/],
    ["from=2020-01-01&to=2019-01-01", /after the end date/],
  ])("/articles?%s is a 400 with a plain message", async (query, message) => {
    const { status, body } = await outcome(() =>
      listLoader(args(`http://localhost/articles?${query}`)),
    );
    expect(status).toBe(400);
    expect(body).toEqual(expect.stringMatching(message));
  });

  it("/articles/:id returns the body and figures in order", async () => {
    const { status, body } = await outcome(() =>
      articleLoader(args(`http://localhost/articles/${seedId}`, { id: String(seedId) })),
    );
    expect(status).toBe(200);
    const { article } = body as {
      article: {
        id: number;
        body: string;
        figures: { ordinal: number; text: string; start: number; end: number }[];
      };
    };
    expect(article.id).toBe(seedId);
    expect(article.figures.map((f) => f.ordinal)).toEqual(article.figures.map((_, i) => i + 1));
    for (const figure of article.figures)
      expect(article.body.slice(figure.start, figure.end)).toBe(figure.text);
  });

  it.each(["999999", "abc", "12abc", "0", "-1", "99999999999", "1e3"])(
    "/articles/%s is a 404 with a message",
    async (id) => {
      const { status, body } = await outcome(() =>
        articleLoader(args(`http://localhost/articles/${encodeURIComponent(id)}`, { id })),
      );
      expect(status).toBe(404);
      expect(body).toEqual(expect.stringMatching(/no article/i));
    },
  );
});
