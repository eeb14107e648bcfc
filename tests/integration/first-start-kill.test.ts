/**
 * `kill -9` in the middle of a first start's data load on PGlite, then a normal start: the
 * database must come out complete (every catalogue file and series, every shipped article with
 * its figures), exactly as an uninterrupted load leaves it. (PGlite only: the kill is of the
 * process that holds the embedded database.)
 */
import { spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, freshSeed, type Db } from "../../db/index";
import { catalogueFiles } from "~/lib/catalogue";
import { ensureShippedData } from "~/models/bootstrap.server";

const ROOT = path.resolve(__dirname, "../..");

/** What a complete load holds, in a form two databases can be compared by. */
async function contents(db: Db) {
  const rows = async <T>(query: ReturnType<typeof sql>) =>
    ((await db.execute(query)) as unknown as { rows: T[] }).rows;
  return {
    imports: (
      await rows<{ file: string }>(sql`select file_name as file from imports order by 1`)
    ).map((row) => path.basename(row.file)),
    series: await rows<{ slug: string; n: number; first: string; last: string }>(
      sql`select s.slug, count(o.*)::int as n, min(o.date)::text as first, max(o.date)::text as last
          from series s left join observations o on o.series_id = s.id group by s.slug order by s.slug`,
    ),
    events: (await rows<{ n: number }>(sql`select count(*)::int as n from tariff_events`))[0].n,
    articles: await rows<{ key: string; hash: string; figures: number; usd: number }>(
      sql`select a.source_key as key, a.content_hash as hash, count(f.*)::int as figures,
                 count(f.value_usd)::int as usd
          from articles a left join figures f on f.article_id = a.id
          group by a.source_key, a.content_hash order by 1`,
    ),
  };
}

function sha256(file: string): string {
  return crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

describe.skipIf(Boolean(process.env.TEST_DATABASE_URL))("kill -9 during a first start", () => {
  let work: string;
  let pgliteDir: string;
  let env: NodeJS.ProcessEnv;
  let reference: Awaited<ReturnType<typeof contents>>;

  beforeAll(async () => {
    // Made here, not when the file is collected: a skipped run leaves no folder behind.
    work = fs.mkdtempSync(path.join(os.tmpdir(), "tw-kill-"));
    pgliteDir = path.join(work, "pglite");
    // The load under test, not the prepared seed.
    env = { ...process.env, PGLITE_DIR: pgliteDir, PGLITE_SEED: "off" };
    delete env.DATABASE_URL;
    // An uninterrupted load to compare with: the prepared seed when it is current, else a load.
    const seed = freshSeed(ROOT);
    const handle = await createDb({
      pgliteDir: seed ? path.join(work, "reference") : "memory://",
      seed,
    });
    try {
      if (!seed) await ensureShippedData(handle.db);
      reference = await contents(handle.db);
    } finally {
      await handle.close();
    }
  });
  afterAll(() => {
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it("leaves a database that the next start completes", async () => {
    const files = catalogueFiles();
    // What `npm start` runs before serving, in its own process group so the kill takes it all.
    const child = spawn(process.execPath, [path.join(ROOT, "scripts/cli.mjs"), "setup"], {
      cwd: ROOT,
      env,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on("exit", (_code, signal) => resolve(signal)),
    );
    // Kill as the third missing file starts loading: two are in, the rest are not.
    const killedAt = await new Promise<string>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk;
        const loading = /Loading (\S+) \(3 of \d+\)/.exec(output);
        if (!loading) return;
        child.stdout.off("data", onData);
        if (child.exitCode !== null)
          return reject(new Error(`setup ended before the kill: ${output}`));
        process.kill(-child.pid!, "SIGKILL");
        resolve(loading[1]);
      };
      child.stdout.on("data", onData);
      child.on("exit", () => reject(new Error(`setup ended before the kill: ${output}`)));
    });
    expect(await exited).toBe("SIGKILL");
    expect(output).not.toMatch(/Database ready/);
    expect(files.map((file) => path.basename(file))).toContain(path.basename(killedAt));

    // The killed start left a partial database behind.
    const partial = await createDb({ pgliteDir });
    try {
      const found = await contents(partial.db);
      expect(found.imports.length).toBeGreaterThanOrEqual(2);
      expect(found.imports.length).toBeLessThan(files.length);
      expect(found.articles).toEqual([]);
    } finally {
      await partial.close();
    }

    const restart = spawnSync(process.execPath, [path.join(ROOT, "scripts/cli.mjs"), "setup"], {
      cwd: ROOT,
      env,
      encoding: "utf8",
      timeout: 300_000,
    });
    expect(restart.status, restart.stderr).toBe(0);
    const present = /Loaded (\d+) of (\d+) catalogue files \((\d+) were already present\)/.exec(
      restart.stdout,
    );
    expect(present, restart.stdout).not.toBeNull();
    expect(Number(present![2])).toBe(files.length);
    expect(Number(present![1]) + Number(present![3])).toBe(files.length);
    expect(restart.stdout).toMatch(/Shipped articles: \d+ new/);
    expect(restart.stdout).toMatch(/Database ready/);

    const handle = await createDb({ pgliteDir });
    try {
      const found = await contents(handle.db);
      expect(found).toEqual(reference);
      // Every shipped article, byte for byte.
      const shipped = fs
        .readdirSync(path.join(ROOT, "data/articles"))
        .filter((name) => name.endsWith(".txt"))
        .sort();
      expect(found.articles.map((article) => article.key)).toEqual(shipped);
      for (const article of found.articles)
        expect(article.hash).toBe(sha256(path.join(ROOT, "data/articles", article.key)));
      expect(found.imports.sort()).toEqual(files.map((file) => path.basename(file)).sort());
    } finally {
      await handle.close();
    }
  });
});
