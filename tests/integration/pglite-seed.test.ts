import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../db/index";
import { series } from "../../db/schema";

// A seed is a PGlite data directory tarball: a new directory starts from it instead of empty.
describe("PGlite directory seeded from a prepared data directory", () => {
  let work: string;
  let seed: string;

  beforeAll(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), "tw-seed-"));
    const source = await createDb({ pgliteDir: "memory://" });
    await source.db.insert(series).values({
      slug: "seeded-series",
      name: "Seeded",
      unit: "USD",
      frequency: "monthly",
      source: "test",
      sourceUrl: "https://example.org/",
      licence: "test",
    });
    seed = path.join(work, "seed.tar.gz");
    fs.writeFileSync(seed, Buffer.from(await (await source.dumpDataDir!()).arrayBuffer()));
    await source.close();
  });
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  const seriesCount = async (dir: string, withSeed: boolean) => {
    const handle = await createDb({ pgliteDir: dir, seed: withSeed ? seed : undefined });
    try {
      const [{ n }] = await handle.db.select({ n: count() }).from(series);
      return n;
    } finally {
      await handle.close();
    }
  };

  it("starts a new directory from the seed, and leaves an existing database alone", async () => {
    const dir = path.join(work, "fresh");
    expect(await seriesCount(dir, true)).toBe(1);
    expect(fs.existsSync(path.join(dir, "seeding-in-progress"))).toBe(false);
    const other = path.join(work, "created-empty");
    expect(await seriesCount(other, false)).toBe(0);
    expect(await seriesCount(other, true)).toBe(0);
  });

  it("starts over a directory whose seeding was interrupted", async () => {
    const dir = path.join(work, "interrupted");
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, "seeding-in-progress"), "");
    fs.writeFileSync(path.join(dir, "PG_VERSION"), "half-written");
    expect(await seriesCount(dir, true)).toBe(1);
  });
});
