import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count } from "drizzle-orm";
import type { DbHandle } from "../../db/index";
import { articles, imports } from "../../db/schema";
import { catalogueFiles } from "~/lib/catalogue";
import { describeBootstrap, ensureShippedData } from "~/models/bootstrap.server";
import { importPaths } from "~/models/imports.server";
import { openTestDb } from "../setup/db";

describe("a start after an interrupted first start", () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await openTestDb();
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("finds the catalogue files and articles that are missing, loads them and says so", async () => {
    const files = catalogueFiles();
    // What an interrupted first start leaves: the first files imported, no articles yet.
    const done = await importPaths(
      handle.db,
      files.slice(0, 3).map((file) => path.join("data", path.basename(file))),
    );
    expect(done.every((result) => result.ok)).toBe(true);

    const report = await ensureShippedData(handle.db);
    expect(report.failedFiles).toEqual([]);
    expect(report.presentFiles).toBe(3);
    expect(report.importedFiles).toBe(files.length - 3);
    expect(report.articlesStored).toBeGreaterThan(0);
    expect(describeBootstrap(report)[0]).toBe(
      `Loaded ${files.length - 3} of ${files.length} catalogue files (3 were already present).`,
    );
    const [{ n: importCount }] = await handle.db.select({ n: count() }).from(imports);
    expect(importCount).toBe(files.length);

    // A later start finds everything present and loads nothing.
    const again = await ensureShippedData(handle.db);
    expect(again).toMatchObject({ importedFiles: 0, articlesStored: 0, failedFiles: [] });
    expect(again.articlesUnchanged).toBe(report.articlesStored);
    expect(describeBootstrap(again)).toEqual([]);
    const [{ n: articleCount }] = await handle.db.select({ n: count() }).from(articles);
    expect(articleCount).toBe(report.articlesStored);
  });
});
