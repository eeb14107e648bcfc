/**
 * Article folders on a real file system: subfolders are walked, symbolic links followed (loops
 * read once), and whatever is passed over is reported, never dropped without a word.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../db/index";
import { expandArticlePaths } from "~/models/article-files.server";
import { ingestPaths, listArticles } from "~/models/articles.server";
import { openTestDb } from "../setup/db";

const article = (title: string, day: number) =>
  `${title}\n2019-05-${String(day).padStart(2, "0")} 04:01:00\nThe US raised tariffs on $${day}bn of goods to 25%.\n`;

describe("article folders", () => {
  let root: string;
  let folder: string;
  let outside: string;
  let handle: DbHandle;

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "tw-article-folders-"));
    folder = path.join(root, "articles");
    outside = path.join(root, "outside");
    fs.mkdirSync(path.join(folder, "sub", "deeper"), { recursive: true });
    fs.mkdirSync(path.join(folder, ".drafts"));
    fs.mkdirSync(path.join(outside, "dir"), { recursive: true });
    fs.writeFileSync(path.join(folder, "a.txt"), article("Top level", 1));
    fs.writeFileSync(path.join(folder, "notes.md"), "# not an article\n");
    fs.writeFileSync(path.join(folder, "sub", "b.txt"), article("In a subfolder", 2));
    fs.writeFileSync(path.join(folder, "sub", "deeper", "c.TXT"), article("Two levels down", 3));
    fs.writeFileSync(path.join(folder, ".drafts", "x.txt"), article("A draft", 4));
    fs.writeFileSync(path.join(outside, "real.txt"), article("Linked file", 5));
    fs.writeFileSync(path.join(outside, "dir", "d.txt"), article("In a linked folder", 6));
    fs.symlinkSync(path.join(outside, "real.txt"), path.join(folder, "linked.txt"));
    fs.symlinkSync(path.join(outside, "dir"), path.join(folder, "linkdir"));
    // A link back up the tree: followed naively it would never end.
    fs.symlinkSync("..", path.join(folder, "sub", "up"));
    fs.symlinkSync(path.join(root, "gone.txt"), path.join(folder, "broken.txt"));
    // What Emacs leaves beside a file being edited: a hidden link to nowhere.
    fs.symlinkSync("user@host.123", path.join(folder, ".#a.txt"));
    handle = await openTestDb();
  });
  afterAll(async () => {
    await handle?.close();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  it("walks subfolders and links, keys files by their path inside the folder, and lists what it passed over", () => {
    const { files, skipped } = expandArticlePaths([folder]);
    expect(files.map(({ key, error }) => key ?? `error: ${error}`)).toEqual([
      "a.txt",
      "error: a symbolic link to nothing (its target is gone)",
      "linkdir/d.txt",
      "linked.txt",
      "sub/b.txt",
      "sub/deeper/c.TXT",
    ]);
    expect(files[1].file).toBe(path.join(folder, "broken.txt"));
    expect(skipped).toEqual([
      { path: path.join(folder, ".#a.txt"), reason: "hidden (its name starts with a dot)" },
      { path: path.join(folder, ".drafts"), reason: "hidden (its name starts with a dot)" },
      { path: path.join(folder, "sub", "up"), reason: `links to ${folder}, which is read already` },
    ]);
  });

  it("keys a file given by name, or at the top of a folder given, by its name alone", () => {
    const { files } = expandArticlePaths([
      path.join(folder, "sub", "b.txt"),
      path.join(folder, "sub", "deeper"),
    ]);
    expect(files.map((file) => file.key)).toEqual(["b.txt", "c.TXT"]);
  });

  it("ingests every article once, under its path, and reports the link to nothing as failed", async () => {
    const summary = await ingestPaths(handle.db, [folder]);
    expect(summary).toMatchObject({ stored: 5, updated: 0, unchanged: 0, failed: 1 });
    expect(summary.skipped).toHaveLength(3);
    const titles = (await listArticles(handle.db, { from: null, to: null })).map((a) => a.title);
    expect(titles.sort()).toEqual([
      "In a linked folder",
      "In a subfolder",
      "Linked file",
      "Top level",
      "Two levels down",
    ]);
    const again = await ingestPaths(handle.db, [folder]);
    expect(again).toMatchObject({ stored: 0, updated: 0, unchanged: 5, failed: 1 });
  });

  it("says in the CLI output what it skipped and why", () => {
    const env: NodeJS.ProcessEnv = { ...process.env, PGLITE_DIR: path.join(root, "pglite") };
    delete env.DATABASE_URL;
    const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/ingest.ts", folder], {
      env,
      encoding: "utf8",
      timeout: 90_000,
    });
    expect(run.stdout.trim()).toBe(
      "stored 5, updated 0, unchanged 0, failed 1; skipped 3 (listed above)",
    );
    expect(run.stderr).toContain(`skipped ${path.join(folder, ".drafts")}: hidden`);
    expect(run.stderr).toContain(
      `skipped ${path.join(folder, "sub", "up")}: links to ${folder}, which is read already`,
    );
    expect(run.stderr).toContain(`${path.join(folder, "broken.txt")}: a symbolic link to nothing`);
    expect(run.status).toBe(1);
  });
});
