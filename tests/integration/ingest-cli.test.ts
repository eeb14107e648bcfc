import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../db/index";
import { getArticleFigures, listArticles } from "~/models/articles.server";

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `npx tsx scripts/ingest.ts …` on its own PGlite directory, as a user would run it. */
function ingest(pgliteDir: string, args: string[]): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, PGLITE_DIR: pgliteDir };
  delete env.DATABASE_URL;
  return new Promise((resolve, reject) => {
    const child = spawn("npx", ["tsx", "scripts/ingest.ts", ...args], {
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("npm run ingest", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "tw-ingest-cli-"));
  const folder = path.join(root, "articles");
  const pgliteDir = path.join(root, "pglite");
  beforeAll(() => {
    fs.mkdirSync(folder);
    fs.copyFileSync("data/articles/000_503bb6a917ae5585.txt", path.join(folder, "a_seed.txt"));
    fs.writeFileSync(
      path.join(folder, "b_tariffs.txt"),
      "US raises tariffs\n2019-05-10 04:01:00\nThe US raised tariffs on $200bn of Chinese goods from 10% to 25%.\n",
    );
    fs.writeFileSync(path.join(folder, "c_bad.txt"), "A title\n2019-13-45 99:00:00\nBody.\n");
    fs.writeFileSync(path.join(folder, "SOURCES.md"), "# Sources\n");
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it("stores the good files, reports the bad one as file:line, and exits 1", async () => {
    const run = await ingest(pgliteDir, [folder]);
    expect(run.stdout.trim()).toBe("stored 2, updated 0, unchanged 0, failed 1");
    expect(run.stderr).toContain(`${path.join(folder, "c_bad.txt")}:2: `);
    expect(run.stderr).not.toContain("SOURCES.md");
    expect(run.code).toBe(1);

    const handle = await createDb({ pgliteDir });
    try {
      const stored = await listArticles(handle.db, { from: null, to: null });
      expect(stored.map((a) => a.title)).toEqual([
        "G20 summit: Trump jokes to Putin about Russian election meddling",
        "US raises tariffs",
      ]);
      expect(stored[1].tariffRateCount).toBeGreaterThanOrEqual(1);
    } finally {
      await handle.close();
    }
  });

  it("a second run finds the good files unchanged", async () => {
    const run = await ingest(pgliteDir, [folder]);
    expect(run.stdout.trim()).toBe("stored 0, updated 0, unchanged 2, failed 1");
    expect(run.code).toBe(1);
    const good = await ingest(pgliteDir, [
      path.join(folder, "a_seed.txt"),
      path.join(folder, "b_tariffs.txt"),
    ]);
    expect(good).toMatchObject({ code: 0 });
    expect(good.stdout.trim()).toBe("stored 0, updated 0, unchanged 2, failed 0");
  });

  it("an edited file replaces its article and counts as updated", async () => {
    fs.writeFileSync(
      path.join(folder, "b_tariffs.txt"),
      "US raises tariffs\n2019-05-10 04:01:00\nThe US raised tariffs on $250bn of Chinese goods from 10% to 25%.\n",
    );
    const run = await ingest(pgliteDir, [folder]);
    expect(run.stdout.trim()).toBe("stored 0, updated 1, unchanged 1, failed 1");

    const handle = await createDb({ pgliteDir });
    try {
      const stored = await listArticles(handle.db, { from: null, to: null });
      expect(stored.map((a) => a.title)).toEqual([
        "G20 summit: Trump jokes to Putin about Russian election meddling",
        "US raises tariffs",
      ]);
      const figures = await getArticleFigures(handle.db, { range: { from: null, to: null } });
      const texts = figures.filter((f) => f.articleId === stored[1].id).map((f) => f.text);
      expect(texts).toContain("$250bn");
      expect(texts).not.toContain("$200bn");
    } finally {
      await handle.close();
    }
  });

  it("re-extracts the stored articles, rewriting none when nothing changed", async () => {
    const run = await ingest(pgliteDir, ["--reextract"]);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toMatch(
      /^re-extracted 2 articles: changed 0, unchanged 2, failed 0; figures (\d+) -> \1$/,
    );
    for (const args of [
      ["--reextract", folder],
      [folder, "--reextract"],
    ]) {
      const misuse = await ingest(pgliteDir, args);
      expect(misuse.code).toBe(2);
      expect(misuse.stderr).toContain("--reextract takes no paths");
    }
  });

  it("prints usage and exits 2 without paths", async () => {
    const run = await ingest(pgliteDir, []);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/usage: npm run ingest -- PATH/);
    expect(run.stdout).toBe("");
  });
});
